import { errorSpec, issue } from '@baton/engine';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import * as client from 'openid-client';
import { Type } from 'typebox';
import { appendAudit } from '../../audit/append-audit.js';
import { demoScope } from '../../accounts/demo-mode.js';
import { SessionSchema } from '../../accounts/account-schemas.js';
import { openSession, sessionUser } from '../../accounts/sign-in-session.js';
import { Closed, withErrors } from '../../app/schema-helpers.js';
import { runCommand } from '../../commands/run-command.js';
import { ApiError } from '../../errors/api-error.js';
import { errorBody } from '../../errors/error-body.js';
import { principalOf } from '../auth-plugin.js';
import { OidcClients, oidcFailure } from './oidc-client.js';
import { OidcSettingsBody, OidcSettingsView, settingsFromBody, settingsProblems, type OidcSettings } from './oidc-settings.js';
import { deleteSettings, effectiveSettings, saveSettings, SECRET_PLACE, storedSecret } from './oidc-settings-store.js';
import {
  BROWSER_COOKIE,
  browserCookie,
  claimSignIn,
  completeSignIn,
  randomSecret,
  readCookie,
  saveSignIn,
  SIGN_IN_TTL_MS,
  takeHandoff,
} from './oidc-sign-in-store.js';
import { matchDirectoryUser } from './oidc-user-match.js';
import './oidc-errors.js';

/** Where the designer collects a finished sign-in (its sign-in page reads the fragment, never sent to a server). */
const DESIGNER_LANDING = '/sign-in';

function safeReturnTo(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') && !next.startsWith('/sign-in') && next.length <= 500 ? next : '/inbox';
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * A browser that followed a redirect gets a readable page with the same status and code; API clients get
 * the usual JSON error.
 */
function sendBrowserError(request: FastifyRequest, reply: FastifyReply, err: ApiError): FastifyReply {
  const status = errorSpec(err.code)?.status ?? 400;
  const body = errorBody(err.code, err.params, err.issues, err.path, request.locale);
  if (!/text\/html/.test(request.headers.accept ?? '')) return reply.status(status).header('content-language', request.locale).send(body);
  const zh = request.locale === 'zh-CN';
  const page = `<!doctype html><html lang="${zh ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${zh ? '登录失败' : 'Sign-in failed'} · Baton</title></head>` +
    `<body><main><h1>${zh ? '登录失败' : 'Sign-in failed'}</h1><p>${escapeHtml(body.error.message)}</p><p><code>${escapeHtml(err.code)}</code></p>` +
    `<p><a href="${DESIGNER_LANDING}?oidcError=${encodeURIComponent(err.code)}">${zh ? '返回登录页' : 'Back to sign-in'}</a></p></main></body></html>`;
  return reply.status(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page);
}

/**
 * Optional sign-in with the operator's OpenID Connect provider (authorization code + PKCE S256, state and
 * nonce), the admin settings behind it, and the public list of sign-in methods the sign-in page reads.
 */
export const oidcRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.baton.database.db;
  const clients = new OidcClients(() => app.baton.connectors.resolveHost);
  const current = () => effectiveSettings(db(), app.baton.secrets, app.baton.config.oidc);
  const enabled = async (): Promise<OidcSettings> => {
    const { settings } = await current();
    if (!settings) throw new ApiError('BATON_E_OIDC_DISABLED');
    return settings;
  };
  const secureCookie = (settings: OidcSettings) => new URL(settings.redirectUri).protocol === 'https:';

  app.get(
    '/auth/providers',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Public: the sign-in methods this server offers (password, demo picker, OIDC provider)',
        response: withErrors({
          200: Closed({
            password: Type.Boolean(),
            demo: Type.Boolean({ description: 'The "sign in as" picker answers (GET /api/auth/demo-users).' }),
            oidc: Type.Union([Closed({ name: Type.String(), startUrl: Type.String() }), Type.Null()]),
          }),
        }),
      },
    },
    async () => {
      const [{ settings }, demo] = await Promise.all([current(), demoScope(db(), app.baton.config.demo ?? 'auto')]);
      return { password: true, demo: demo.enabled, oidc: settings ? { name: settings.name, startUrl: '/api/auth/oidc/start' } : null };
    },
  );

  app.get(
    '/auth/oidc/start',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Starts OIDC sign-in: redirects the browser to the provider (authorization code + PKCE S256)',
        querystring: Closed({ next: Type.Optional(Type.String({ maxLength: 500, description: 'A designer path to land on afterwards (default /inbox).' })) }),
      },
    },
    async (request, reply) => {
      try {
        const settings = await enabled();
        const config = await clients.configuration(settings);
        const state = client.randomState();
        const nonce = client.randomNonce();
        const codeVerifier = client.randomPKCECodeVerifier();
        const browser = randomSecret();
        await saveSignIn(db(), app.baton.secrets, { state, browser, checks: { nonce, codeVerifier }, returnTo: safeReturnTo(request.query.next) });
        const target = client.buildAuthorizationUrl(config, {
          redirect_uri: settings.redirectUri,
          scope: settings.scopes.join(' '),
          state,
          nonce,
          code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
          code_challenge_method: 'S256',
        });
        return reply
          .header('set-cookie', browserCookie(browser, secureCookie(settings), SIGN_IN_TTL_MS / 1000))
          .header('cache-control', 'no-store')
          .redirect(target.href, 302);
      } catch (err) {
        const settings = (await current()).settings;
        return sendBrowserError(request, reply, settings ? oidcFailure(err, settings) : err instanceof ApiError ? err : new ApiError('BATON_E_OIDC_DISABLED'));
      }
    },
  );

  app.get(
    '/auth/oidc/callback',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Where the provider sends the browser back: checks state, PKCE, the ID token (signature, iss, aud, exp, nonce), then hands over to the designer',
        // The provider may add parameters of its own (session_state, iss …).
        querystring: Type.Object({ state: Type.Optional(Type.String({ maxLength: 512 })), code: Type.Optional(Type.String({ maxLength: 4096 })), error: Type.Optional(Type.String({ maxLength: 200 })) }),
      },
    },
    async (request, reply) => {
      let settings: OidcSettings | null = null;
      try {
        settings = await enabled();
        const state = request.query.state;
        if (!state) throw new ApiError('BATON_E_OIDC_STATE_INVALID', { provider: settings.name }, [], '/query/state');
        const browser = readCookie(request.headers.cookie, BROWSER_COOKIE);
        const signIn = await claimSignIn(db(), app.baton.secrets, state, browser, settings.name);
        const config = await clients.configuration(settings);
        // The URL the provider redirected to, rebuilt from the configured redirect URI (never the Host header).
        const currentUrl = new URL(settings.redirectUri);
        currentUrl.search = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
        const tokens = await client.authorizationCodeGrant(config, currentUrl, {
          pkceCodeVerifier: signIn.checks.codeVerifier,
          expectedState: state,
          expectedNonce: signIn.checks.nonce,
          idTokenExpected: true,
        });
        const claims = tokens.claims();
        if (!claims) throw new ApiError('BATON_E_OIDC_TOKEN_INVALID', { reason: 'no ID token' }, [], '/id_token');
        const active = settings;
        const handoff = await db().transaction().execute(async (trx) => {
          const userId = await matchDirectoryUser(trx, active, claims as Record<string, unknown>);
          if (!(await sessionUser(trx, userId))) throw new ApiError('BATON_E_OIDC_USER_UNKNOWN', { field: 'id', value: userId }, [], '/id_token');
          await appendAudit(trx, { actor: userId, action: 'auth.oidc-verified', subjectKind: 'account', subjectId: userId, data: { issuer: String(claims.iss), ip: request.ip } });
          return completeSignIn(trx, signIn.id, userId);
        });
        return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').redirect(`${DESIGNER_LANDING}#oidc=${handoff}`, 303);
      } catch (err) {
        const failure = settings ? oidcFailure(err, settings) : err instanceof ApiError ? err : new ApiError('BATON_E_OIDC_DISABLED');
        if (failure.code !== 'BATON_E_OIDC_DISABLED') {
          if (errorSpec(failure.code)?.status === 502 || failure.code === 'BATON_E_OIDC_TOKEN_INVALID') request.log.warn({ err }, 'OIDC sign-in refused');
          await db()
            .transaction()
            .execute((trx) => appendAudit(trx, { actor: 'anonymous', action: 'auth.login-failed', subjectKind: 'account', subjectId: 'oidc', data: { method: 'oidc', reason: failure.code, ip: request.ip } }))
            .catch(() => undefined);
        }
        return sendBrowserError(request, reply, failure);
      }
    },
  );

  app.post(
    '/auth/oidc/session',
    {
      // Public, and never replayed from the idempotency store (the answer holds a token).
      config: { public: true, idempotency: false },
      schema: {
        tags: ['auth'],
        summary: 'The designer exchanges the one-time hand-off of a finished OIDC sign-in for a session token (same browser only)',
        body: Closed({ handoff: Type.String({ minLength: 20, maxLength: 100 }) }),
        response: withErrors({ 200: Closed({ ...SessionSchema.properties, returnTo: Type.String() }) }),
      },
    },
    async (request, reply) => {
      const browser = readCookie(request.headers.cookie, BROWSER_COOKIE);
      const answer = await db().transaction().execute(async (trx) => {
        const { userId, returnTo } = await takeHandoff(trx, request.body.handoff, browser);
        const user = await sessionUser(trx, userId);
        if (!user) throw new ApiError('BATON_E_OIDC_USER_UNKNOWN', { field: 'id', value: userId }, [], '/handoff');
        return { ...(await openSession(trx, user, 'oidc', request.ip)), returnTo };
      });
      const settings = (await current()).settings;
      reply.header('set-cookie', browserCookie('', settings ? secureCookie(settings) : false, 0)).header('cache-control', 'no-store');
      return answer;
    },
  );

  const viewOf = async () => {
    const { source, settings } = await current();
    if (!settings) return { source, settings: null };
    const { clientSecret, ...rest } = settings;
    return { source, settings: { ...rest, clientSecretSet: clientSecret !== null } };
  };

  app.get(
    '/auth/oidc/settings',
    { config: { roles: [] }, schema: { tags: ['auth'], summary: 'Admins: the OIDC settings in force and where they come from (the secret is never answered)', response: withErrors({ 200: OidcSettingsView }) } },
    async () => viewOf(),
  );

  app.put(
    '/auth/oidc/settings',
    {
      config: { roles: [], idempotency: false },
      schema: { tags: ['auth'], summary: 'Admins: set the OIDC provider (client secret sealed at rest)', body: OidcSettingsBody, response: withErrors({ 200: OidcSettingsView }) },
    },
    async (request, reply) => {
      if (app.baton.config.oidc) throw new ApiError('BATON_E_OIDC_SETTINGS_FROM_ENV');
      const principal = principalOf(request);
      const keep = request.body.clientSecret === undefined ? await storedSecret(db()) : null;
      const plain = typeof request.body.clientSecret === 'string' ? request.body.clientSecret : null;
      const settings = settingsFromBody(request.body, plain);
      const problems = settingsProblems(settings);
      if (problems.length > 0) {
        const issues = problems.map((p) => issue('BATON_E_OIDC_SETTINGS_INVALID', `/body${p.path}`, { path: p.path, reason: p.reason }, request.locale));
        throw new ApiError('BATON_E_OIDC_SETTINGS_INVALID', { path: problems[0]!.path, reason: problems[0]!.reason }, issues, `/body${problems[0]!.path}`);
      }
      const sealed = plain !== null ? app.baton.secrets.seal(plain, SECRET_PLACE) : keep;
      await runCommand(request, reply, async (trx) => {
        await saveSettings(trx, settings, sealed, principal.userId);
        const { clientSecret: _secret, ...logged } = settings;
        await appendAudit(trx, { actor: principal.userId, action: 'auth.oidc-settings-changed', subjectKind: 'settings', subjectId: 'oidc', data: { ...logged, clientSecretSet: sealed !== null } });
        return { status: 200, body: null };
      });
      return viewOf();
    },
  );

  app.delete(
    '/auth/oidc/settings',
    { config: { roles: [] }, schema: { tags: ['auth'], summary: 'Admins: turn OIDC sign-in off (settings from the environment stay)', response: withErrors({ 200: OidcSettingsView }) } },
    async (request, reply) => {
      if (app.baton.config.oidc) throw new ApiError('BATON_E_OIDC_SETTINGS_FROM_ENV');
      const principal = principalOf(request);
      await runCommand(request, reply, async (trx) => {
        if (await deleteSettings(trx)) await appendAudit(trx, { actor: principal.userId, action: 'auth.oidc-settings-removed', subjectKind: 'settings', subjectId: 'oidc' });
        return { status: 200, body: null };
      });
      return viewOf();
    },
  );
};
