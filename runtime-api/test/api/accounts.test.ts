import { expect, it } from 'vitest';
import { forEachDatabase } from '../harness/for-each-database.js';

const PASSWORD = 'correct horse battery';

forEachDatabase('accounts and sign-in', (ctx) => {
  const login = (username: string, password: string, ip = '10.0.0.1') =>
    ctx().call({ method: 'POST', url: '/api/auth/login', token: null, payload: { username, password }, remoteAddress: ip });
  const audit = (action: string) =>
    ctx().database.db.selectFrom('audit_log').select(['actor', 'action', 'subject_id', 'data']).where('action', '=', action).orderBy('id').execute();

  it('lets an admin create an account; the answer and the table never hold the password, only a scrypt hash', async () => {
    const imported = await ctx().call({
      method: 'POST',
      url: '/api/directory/import',
      payload: { users: [
        { id: 'li.lei', name: '李雷', roles: ['hr'], attributes: { locale: 'zh-CN' } },
        { id: 'han.meimei', name: 'Han Meimei' },
        { id: 'locked.out', name: 'Locked' },
      ] },
    });
    expect(imported.statusCode).toBe(200);
    const res = await ctx().call({ method: 'PUT', url: '/api/accounts/li.lei/password', payload: { password: PASSWORD, username: 'Li.Lei' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ userId: 'li.lei', username: 'li.lei', created: true });
    expect(res.body).not.toContain(PASSWORD);
    const row = await ctx().database.db.selectFrom('accounts').selectAll().where('user_id', '=', 'li.lei').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(row.password_hash).not.toContain(PASSWORD);
    const created = await audit('account.created');
    expect(created).toHaveLength(1);
    expect(JSON.stringify(created)).not.toContain(PASSWORD);
  });

  it('refuses weak passwords, unknown users and non-admins, with paths', async () => {
    const weak = await ctx().call({ method: 'PUT', url: '/api/accounts/han.meimei/password', payload: { password: 'short' } });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error).toMatchObject({ code: 'BATON_E_PASSWORD_WEAK', path: '/password' });
    const ghost = await ctx().call({ method: 'PUT', url: '/api/accounts/ghost/password', payload: { password: PASSWORD } });
    expect(ghost.statusCode).toBe(422);
    expect(ghost.json().error).toMatchObject({ code: 'BATON_E_ACCOUNT_USER_UNKNOWN', path: '/params/userId' });
    const taken = await ctx().call({ method: 'PUT', url: '/api/accounts/han.meimei/password', payload: { password: PASSWORD, username: 'LI.LEI' } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('BATON_E_USERNAME_TAKEN');
    const hr = await ctx().tokenFor('li.lei', []);
    const forbidden = await ctx().call({ method: 'PUT', url: '/api/accounts/han.meimei/password', token: hr, payload: { password: PASSWORD } });
    expect(forbidden.statusCode).toBe(403);
  });

  it('signs in with the right password (username case-insensitive): a session token that works, /auth/me, audit', async () => {
    const res = await login('LI.LEI', PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toEqual({ id: 'li.lei', name: '李雷', roles: ['hr'], locale: 'zh-CN', departmentId: null, email: null });
    expect(body.token).toMatch(/^baton_/);
    expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 11 * 3600_000);
    expect(res.body).not.toMatch(/scrypt|password/i);
    const me = await ctx().call({ method: 'GET', url: '/api/auth/me', token: body.token });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: 'li.lei', name: '李雷', roles: ['hr'], locale: 'zh-CN' });
    const logins = await audit('auth.login');
    expect(logins.at(-1)).toMatchObject({ actor: 'li.lei', data: { method: 'password', ip: '10.0.0.1' } });
  });

  it('answers the same 401 for a wrong password and an unknown user, audits both without the password', async () => {
    const wrong = await login('li.lei', 'not the password', '10.0.0.2');
    const unknown = await login('nobody', 'whatever-123', '10.0.0.2');
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('BATON_E_LOGIN_FAILED');
    }
    const failed = await audit('auth.login-failed');
    expect(failed.map((f) => [f.actor, (f.data as { reason: string }).reason])).toEqual([['li.lei', 'wrong-password'], ['anonymous', 'unknown-user']]);
    expect(JSON.stringify(failed)).not.toContain('not the password');
    expect(JSON.stringify(failed)).not.toContain('whatever-123');
  });

  it('locks an account after 5 failures (429 with Retry-After, even with the right password); an admin reset unlocks', async () => {
    await ctx().call({ method: 'PUT', url: '/api/accounts/locked.out/password', payload: { password: PASSWORD } });
    for (let i = 0; i < 5; i += 1) {
      // Each from another address: the account lock, not the address limit, is what trips.
      expect((await login('locked.out', 'wrong-' + i, `10.1.0.${i}`)).statusCode).toBe(401);
    }
    const locked = await login('locked.out', PASSWORD, '10.1.1.1');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('BATON_E_LOGIN_LOCKED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    const row = await ctx().database.db.selectFrom('accounts').select(['failed_count', 'locked_until']).where('user_id', '=', 'locked.out').executeTakeFirstOrThrow();
    expect(row.failed_count).toBe(5);
    expect(row.locked_until!.getTime()).toBeGreaterThan(Date.now());
    // The in-process throttle still counts this name; a reset clears the stored lock.
    await ctx().call({ method: 'PUT', url: '/api/accounts/locked.out/password', payload: { password: PASSWORD + '!' } });
    const after = await ctx().database.db.selectFrom('accounts').select(['failed_count', 'locked_until']).where('user_id', '=', 'locked.out').executeTakeFirstOrThrow();
    expect(after).toEqual({ failed_count: 0, locked_until: null });
  });

  it('never stores or replays a login answer under an Idempotency-Key; /auth/me answers for users outside the directory', async () => {
    const send = () => ctx().call({ method: 'POST', url: '/api/auth/login', token: null, headers: { 'idempotency-key': 'login-1' }, payload: { username: 'li.lei', password: PASSWORD }, remoteAddress: '10.0.0.4' });
    const [a, b] = [await send(), await send()];
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(a.json().token).not.toBe(b.json().token);
    const stored = await ctx().database.db.selectFrom('idempotency_keys').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(a.json().token);
    const me = await ctx().call({ method: 'GET', url: '/api/auth/me' });
    expect(me.json()).toEqual({ id: 'admin', name: 'admin', roles: ['admin'], locale: null, departmentId: null, email: null });
  });

  it('logout revokes the session token and is audited', async () => {
    const { token } = (await login('li.lei', PASSWORD, '10.0.0.3')).json();
    const out = await ctx().call({ method: 'POST', url: '/api/auth/logout', token });
    expect(out.statusCode).toBe(200);
    const me = await ctx().call({ method: 'GET', url: '/api/auth/me', token });
    expect(me.statusCode).toBe(401);
    expect(me.json().error.code).toBe('BATON_E_AUTH_TOKEN_INVALID');
    expect((await audit('auth.logout')).at(-1)).toMatchObject({ actor: 'li.lei' });
  });

  it('answers 404 for the demo routes outside demo mode, whatever the body', async () => {
    const users = await ctx().call({ method: 'GET', url: '/api/auth/demo-users', token: null });
    expect(users.statusCode).toBe(404);
    expect(users.json().error.code).toBe('BATON_E_DEMO_ONLY');
    const demo = await ctx().call({ method: 'POST', url: '/api/auth/demo-login', token: null, payload: { userId: 'li.lei' } });
    expect(demo.statusCode).toBe(404);
    const bad = await ctx().call({ method: 'POST', url: '/api/auth/demo-login', token: null, payload: { nope: 1 } });
    expect(bad.statusCode).toBe(404);
  });
});

forEachDatabase(
  'demo sign-in',
  (ctx) => {
    it('lists the directory people and signs in as one without a password (audited as demo)', async () => {
      await ctx().call({ method: 'POST', url: '/api/directory/import', payload: { users: [{ id: 'demo-hr', name: 'Demo HR', roles: ['hr'] }, { id: 'demo-gone', name: 'Gone', active: false }] } });
      const users = await ctx().call({ method: 'GET', url: '/api/auth/demo-users', token: null });
      expect(users.statusCode).toBe(200);
      expect(users.json().items).toEqual([{ id: 'demo-hr', name: 'Demo HR', roles: ['hr'], departmentId: null, position: null }]);
      const res = await ctx().call({ method: 'POST', url: '/api/auth/demo-login', token: null, payload: { userId: 'demo-hr' } });
      expect(res.statusCode).toBe(200);
      const me = await ctx().call({ method: 'GET', url: '/api/auth/me', token: res.json().token });
      expect(me.json()).toMatchObject({ id: 'demo-hr', roles: ['hr'] });
      const unknown = await ctx().call({ method: 'POST', url: '/api/auth/demo-login', token: null, payload: { userId: 'demo-gone' } });
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json().error).toMatchObject({ code: 'BATON_E_DEMO_USER_UNKNOWN', path: '/userId' });
      const entry = await ctx().database.db.selectFrom('audit_log').select(['actor', 'data']).where('action', '=', 'auth.login').executeTakeFirstOrThrow();
      expect(entry).toMatchObject({ actor: 'demo-hr', data: { method: 'demo' } });
    });
  },
  { config: { demo: true } },
);
