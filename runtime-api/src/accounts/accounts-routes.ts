import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql, type SqlBool } from 'kysely';
import { Type } from 'typebox';
import { appendAudit } from '../audit/append-audit.js';
import { principalOf } from '../auth/auth-plugin.js';
import { runCommand } from '../commands/run-command.js';
import { ApiError } from '../errors/api-error.js';
import { Closed, withErrors } from '../app/schema-helpers.js';
import { DemoUserSchema, LoginBody, PASSWORD_MIN, PasswordBody, SessionSchema, SessionUserSchema } from './account-schemas.js';
import { LoginThrottle } from './login-throttle.js';
import { burnPasswordCheck, hashPassword, needsRehash, verifyPassword } from './password-hash.js';
import { openSession, sessionUser } from './sign-in-session.js';
import { demoScope, isDemoPerson, type DemoScope, type DemoSetting } from './demo-mode.js';
import './account-errors.js';
import './account-tables.js';

/** Failures before an account is locked, and for how long (persisted: holds across restarts and processes). */
export const LOCKOUT = { failures: 5, lockMs: 15 * 60 * 1000 } as const;

export interface AccountsRoutesOptions {
  /** Demo mode (BATON_DEMO): on, off, or auto (see demo-mode.ts for the rule). */
  demo: DemoSetting;
  throttle?: LoginThrottle;
}

/**
 * Sign-in with local accounts: login → a session token (an api_tokens row with an expiry), logout revokes
 * it, me describes the caller; admins set passwords. In demo mode only, anyone may pick a directory user
 * and sign in as them.
 */
export const accountsRoutes: FastifyPluginAsyncTypebox<AccountsRoutesOptions> = async (app, options) => {
  const throttle = options.throttle ?? new LoginThrottle({ perUser: LOCKOUT.failures, perIp: 30, windowMs: LOCKOUT.lockMs });
  const db = () => app.baton.database.db;

  app.post(
    '/auth/login',
    {
      // Public, and never replayed from the idempotency store (the answer holds a token).
      config: { public: true, idempotency: false },
      schema: { tags: ['auth'], summary: 'Sign in with a username and password; answers a session token', body: LoginBody, response: withErrors({ 200: SessionSchema }) },
    },
    async (request, reply) => {
      const username = request.body.username.trim().toLowerCase();
      const { password } = request.body;
      const ip = request.ip;
      const refuse = async (reason: string, userId: string | null) => {
        throttle.fail(username, ip);
        await db().transaction().execute(async (trx) => {
          if (userId) {
            await trx
              .updateTable('accounts')
              .set({
                failed_count: sql`failed_count + 1`,
                locked_until: sql`case when failed_count + 1 >= ${LOCKOUT.failures} then now() + ${`${LOCKOUT.lockMs} milliseconds`}::interval else locked_until end`,
              })
              .where('user_id', '=', userId)
              .execute();
          }
          // The attempted username is recorded; the password never is.
          await appendAudit(trx, { actor: userId ?? 'anonymous', action: 'auth.login-failed', subjectKind: 'account', subjectId: userId ?? username, data: { username, reason, ip } });
        });
        throw new ApiError('BATON_E_LOGIN_FAILED');
      };

      const wait = throttle.retryAfter(username, ip);
      if (wait > 0) {
        reply.header('retry-after', String(wait));
        throw new ApiError('BATON_E_LOGIN_LOCKED', { retryAfterSeconds: wait });
      }
      const account = await db()
        .selectFrom('accounts')
        .select(['user_id', 'password_hash', 'locked_until'])
        .where(sql<string>`lower(username)`, '=', username)
        .executeTakeFirst();
      if (!account) {
        await burnPasswordCheck(password);
        return refuse('unknown-user', null);
      }
      if (account.locked_until && account.locked_until.getTime() > Date.now()) {
        const seconds = Math.ceil((account.locked_until.getTime() - Date.now()) / 1000);
        reply.header('retry-after', String(seconds));
        throw new ApiError('BATON_E_LOGIN_LOCKED', { retryAfterSeconds: seconds });
      }
      if (!(await verifyPassword(password, account.password_hash))) return refuse('wrong-password', account.user_id);
      const user = await sessionUser(db(), account.user_id);
      if (!user) return refuse('user-inactive', account.user_id);
      throttle.succeed(username);
      const rehash = needsRehash(account.password_hash) ? await hashPassword(password) : null;
      return db().transaction().execute(async (trx) => {
        await trx
          .updateTable('accounts')
          .set({ failed_count: 0, locked_until: null, ...(rehash ? { password_hash: rehash } : {}) })
          .where('user_id', '=', account.user_id)
          .execute();
        return openSession(trx, user, 'password', ip);
      });
    },
  );

  app.post(
    '/auth/logout',
    { config: { idempotency: false }, schema: { tags: ['auth'], summary: 'Revoke the token of this request (sign out)', response: withErrors({ 200: Closed({ ok: Type.Literal(true) }) }) } },
    async (request) => {
      const principal = principalOf(request);
      await db().transaction().execute(async (trx) => {
        await trx.updateTable('api_tokens').set({ revoked_at: sql`now()` }).where('id', '=', principal.tokenId).where('revoked_at', 'is', null).execute();
        await appendAudit(trx, { actor: principal.userId, action: 'auth.logout', subjectKind: 'token', subjectId: principal.tokenId });
      });
      return { ok: true as const };
    },
  );

  app.get(
    '/auth/me',
    { schema: { tags: ['auth'], summary: 'Who is signed in: user, roles, display name, locale', response: withErrors({ 200: SessionUserSchema }) } },
    async (request) => {
      const principal = principalOf(request);
      const user = await sessionUser(db(), principal.userId, principal.roles);
      // Tokens of users outside the directory (the bootstrap admin) still get an answer.
      return user ?? { id: principal.userId, name: principal.userId, roles: principal.roles, locale: null, departmentId: null, email: null };
    },
  );

  app.put(
    '/accounts/:userId/password',
    {
      config: { roles: [] },
      schema: {
        tags: ['auth'],
        summary: 'Set or reset a user\'s password (creates the account); admins only',
        params: Closed({ userId: Type.String({ minLength: 1, maxLength: 128 }) }),
        body: PasswordBody,
        response: withErrors({ 200: Closed({ userId: Type.String(), username: Type.String(), created: Type.Boolean() }) }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { userId } = request.params;
      const { password } = request.body;
      const hash = await hashPassword(password);
      return runCommand(request, reply, async (trx) => {
        const user = await trx.selectFrom('directory_users').select(['id']).where('id', '=', userId).where('active', '=', true).executeTakeFirst();
        if (!user) throw new ApiError('BATON_E_ACCOUNT_USER_UNKNOWN', { userId }, [], '/params/userId');
        const existing = await trx.selectFrom('accounts').select(['username']).where('user_id', '=', userId).executeTakeFirst();
        const username = (request.body.username ?? existing?.username ?? userId).toLowerCase();
        if (password.length < PASSWORD_MIN || password.toLowerCase() === username) {
          throw new ApiError('BATON_E_PASSWORD_WEAK', { min: PASSWORD_MIN }, [], '/password');
        }
        const taken = await trx.selectFrom('accounts').select(['user_id']).where(sql<string>`lower(username)`, '=', username).where('user_id', '!=', userId).executeTakeFirst();
        if (taken) throw new ApiError('BATON_E_USERNAME_TAKEN', { username }, [], '/username');
        await trx
          .insertInto('accounts')
          .values({ user_id: userId, username, password_hash: hash })
          .onConflict((oc) => oc.column('user_id').doUpdateSet({ username, password_hash: hash, failed_count: 0, locked_until: null, password_changed_at: sql`now()`, updated_at: sql`now()` }))
          .execute();
        await appendAudit(trx, { actor: principal.userId, action: existing ? 'account.password-reset' : 'account.created', subjectKind: 'account', subjectId: userId, data: { username } });
        return { status: 200, body: { userId, username, created: !existing } };
      });
    },
  );

  const scopes = new WeakMap<object, DemoScope>();
  const demoOnly = async (request: object) => {
    const scope = await demoScope(db(), options.demo);
    if (!scope.enabled) throw new ApiError('BATON_E_DEMO_ONLY');
    scopes.set(request, scope);
  };

  app.get(
    '/auth/demo-users',
    { config: { public: true }, onRequest: demoOnly, schema: { tags: ['auth'], summary: 'Demo mode only: the people one may sign in as', response: withErrors({ 200: Closed({ items: Type.Array(DemoUserSchema) }) }) } },
    async (request) => {
      const only = scopes.get(request)?.onlyDemoPeople ?? true;
      const rows = await db()
        .selectFrom('directory_users')
        .select(['id', 'name', 'roles', 'department_id', 'position'])
        .where('active', '=', true)
        .$if(only, (q) => q.where(isDemoPerson))
        // Background colleagues of a pack's demo history fill the reports; the picker lists the cast.
        .where(sql<SqlBool>`coalesce(attributes->>'demoHistory', '') <> 'true'`)
        .orderBy('id')
        .limit(500)
        .execute();
      return { items: rows.map((r) => ({ id: r.id, name: r.name, roles: r.roles, departmentId: r.department_id, position: r.position })) };
    },
  );

  app.post(
    '/auth/demo-login',
    {
      config: { public: true, idempotency: false },
      // Before body validation: outside demo mode the route does not exist, whatever the body.
      onRequest: demoOnly,
      schema: { tags: ['auth'], summary: 'Demo mode only: sign in as a directory user without a password', body: Closed({ userId: Type.String({ minLength: 1, maxLength: 128 }) }), response: withErrors({ 200: SessionSchema }) },
    },
    async (request) => {
      const only = scopes.get(request)?.onlyDemoPeople ?? true;
      const demoPerson = !only || (await db().selectFrom('directory_users').select('id').where('id', '=', request.body.userId).where(isDemoPerson).executeTakeFirst());
      const user = demoPerson ? await sessionUser(db(), request.body.userId) : null;
      if (!user) throw new ApiError('BATON_E_DEMO_USER_UNKNOWN', { userId: request.body.userId }, [], '/userId');
      return db().transaction().execute((trx) => openSession(trx, user, 'demo', request.ip));
    },
  );
};
