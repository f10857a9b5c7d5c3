import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDatabase, type TestContext } from '../harness/for-each-database.js';
import { OidcProviderStandIn, type NextLogin } from '../stand-ins/oidc-provider-stand-in.js';

const REDIRECT = 'http://127.0.0.1:3999/api/auth/oidc/callback';

forEachDatabase('OIDC sign-in against a stand-in provider', (ctx) => {
  let idp: OidcProviderStandIn;
  beforeAll(async () => {
    idp = await OidcProviderStandIn.start();
  });
  afterAll(async () => {
    await idp?.close();
  });

  const configure = (extra: Record<string, unknown> = {}) =>
    ctx().call({
      method: 'PUT',
      url: '/api/auth/oidc/settings',
      payload: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, redirectUri: REDIRECT, name: 'Stand-in SSO', allowHosts: ['127.0.0.1'], ...extra },
    });

  /** The browser's part: start → provider → back to the callback (carrying the cookie /start set). */
  async function throughProvider(c: TestContext, login: NextLogin, next = '/tasks/t-1') {
    idp.next = login;
    const start = await c.call({ method: 'GET', url: `/api/auth/oidc/start?next=${encodeURIComponent(next)}`, token: null });
    expect(start.statusCode, start.body).toBe(302);
    const cookieHeader = String(start.headers['set-cookie']);
    expect(cookieHeader).toMatch(/^baton_oidc=[A-Za-z0-9_-]{43}; Path=\/api\/auth\/oidc; Max-Age=600; HttpOnly; SameSite=Lax$/);
    const cookie = cookieHeader.split(';')[0]!;
    const authorize = new URL(String(start.headers.location));
    expect(authorize.origin + authorize.pathname).toBe(`${idp.issuer}/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({ response_type: 'code', client_id: 'baton', redirect_uri: REDIRECT, code_challenge_method: 'S256', scope: 'openid email profile' });
    expect(authorize.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(authorize.searchParams.get('nonce')).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const atProvider = await fetch(authorize, { redirect: 'manual' });
    expect(atProvider.status).toBe(302);
    const back = new URL(atProvider.headers.get('location')!);
    expect(back.origin + back.pathname).toBe(REDIRECT);
    const callback = (headers: Record<string, string> = { cookie }, query = back.search) =>
      c.call({ method: 'GET', url: `/api/auth/oidc/callback${query}`, token: null, headers });
    return { cookie, back, callback };
  }

  async function signIn(c: TestContext, login: NextLogin) {
    const { cookie, callback } = await throughProvider(c, login);
    const done = await callback();
    expect(done.statusCode, done.body).toBe(303);
    const handoff = /^\/sign-in#oidc=([A-Za-z0-9_-]+)$/.exec(String(done.headers.location))?.[1];
    expect(handoff).toBeDefined();
    const session = await c.call({ method: 'POST', url: '/api/auth/oidc/session', token: null, headers: { cookie }, payload: { handoff } });
    return { session, handoff: handoff!, cookie };
  }

  it('is off until configured: providers says so, start answers 404', async () => {
    const providers = await ctx().call({ method: 'GET', url: '/api/auth/providers', token: null });
    expect(providers.json()).toEqual({ password: true, demo: false, oidc: null });
    const start = await ctx().call({ method: 'GET', url: '/api/auth/oidc/start', token: null });
    expect(start.statusCode).toBe(404);
    expect(start.json().error.code).toBe('BATON_E_OIDC_DISABLED');
  });

  it('lets only admins configure it; the client secret is sealed at rest and never answered', async () => {
    const hr = await ctx().tokenFor('someone', ['hr']);
    const denied = await ctx().call({ method: 'PUT', url: '/api/auth/oidc/settings', token: hr, payload: { issuer: idp.issuer, clientId: 'x', redirectUri: REDIRECT } });
    expect(denied.statusCode).toBe(403);
    const plainHttp = await configure({ allowHosts: [] });
    expect(plainHttp.statusCode).toBe(422);
    expect(plainHttp.json().error).toMatchObject({ code: 'BATON_E_OIDC_SETTINGS_INVALID', path: '/body/issuer' });
    const badField = await configure({ userField: 'password' });
    expect(badField.json().error.path).toBe('/body/userField');
    const res = await configure();
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).not.toContain(idp.clientSecret);
    expect(res.json()).toMatchObject({ source: 'database', settings: { clientSecretSet: true, claim: 'email', userField: 'email', autoProvision: false, name: 'Stand-in SSO' } });
    const row = await ctx().database.db.selectFrom('oidc_settings').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(idp.clientSecret);
    expect(row.client_secret).toMatch(/^v1\./);
    const audit = await ctx().database.db.selectFrom('audit_log').select('data').where('action', '=', 'auth.oidc-settings-changed').execute();
    expect(JSON.stringify(audit)).not.toContain(idp.clientSecret);
    const providers = await ctx().call({ method: 'GET', url: '/api/auth/providers', token: null });
    expect(providers.json().oidc).toEqual({ name: 'Stand-in SSO', startUrl: '/api/auth/oidc/start' });
  });

  it('round trip: start → provider → callback → session token that works on /api/auth/me', async () => {
    await ctx().call({ method: 'POST', url: '/api/directory/import', payload: { users: [{ id: 'li.lei', name: '李雷', roles: ['hr'], email: 'Li.Lei@corp.example', attributes: { locale: 'zh-CN', employeeNo: 'E1001' } }, { id: 'gone', name: 'Gone', email: 'gone@corp.example', active: false }] } });
    const { session, handoff, cookie } = await signIn(ctx(), { claims: { sub: 'idp-1', email: 'li.lei@corp.example', email_verified: true } });
    expect(session.statusCode, session.body).toBe(200);
    const body = session.json();
    expect(body).toMatchObject({ user: { id: 'li.lei', roles: ['hr'], locale: 'zh-CN' }, returnTo: '/tasks/t-1' });
    expect(body.token).toMatch(/^baton_/);
    const me = await ctx().call({ method: 'GET', url: '/api/auth/me', token: body.token });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: 'li.lei', name: '李雷' });
    // The same session kind the password sign-in makes: an expiring api_tokens row labelled "session".
    const row = await ctx().database.db.selectFrom('api_tokens').select(['label', 'expires_at']).where('user_id', '=', 'li.lei').executeTakeFirstOrThrow();
    expect(row.label).toBe('session');
    expect(row.expires_at).not.toBeNull();
    const login = await ctx().database.db.selectFrom('audit_log').select(['actor', 'data']).where('action', '=', 'auth.login').executeTakeFirstOrThrow();
    expect(login).toMatchObject({ actor: 'li.lei', data: { method: 'oidc' } });
    // PKCE: the token endpoint got the verifier, authenticated with HTTP Basic.
    const exchange = new URLSearchParams(idp.tokenRequests.at(-1)!.body);
    expect(exchange.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    expect(idp.tokenRequests.at(-1)!.headers.authorization).toMatch(/^Basic /);
    // The hand-off is single-use.
    const again = await ctx().call({ method: 'POST', url: '/api/auth/oidc/session', token: null, headers: { cookie }, payload: { handoff } });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('BATON_E_OIDC_HANDOFF_INVALID');
  });

  it('accepts an ES256-signed ID token and a mapping to a directory attribute', async () => {
    expect((await configure({ claim: 'employee_id', userField: 'attributes.employeeNo' })).statusCode).toBe(200);
    const { session } = await signIn(ctx(), { alg: 'ES256', claims: { sub: 'idp-1', employee_id: 'E1001' } });
    expect(session.statusCode, session.body).toBe(200);
    expect(session.json().user.id).toBe('li.lei');
    expect((await configure()).statusCode).toBe(200);
  });

  it('refuses a wrong state, a missing or foreign browser cookie, and a replayed callback (400)', async () => {
    const { callback, back } = await throughProvider(ctx(), { claims: { sub: 'idp-1', email: 'li.lei@corp.example' } });
    const forged = new URLSearchParams(back.search);
    forged.set('state', 'x'.repeat(43));
    const wrong = await callback(undefined, `?${forged}`);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({ code: 'BATON_E_OIDC_STATE_INVALID', path: '/query/state' });
    const otherBrowser = await callback({ cookie: 'baton_oidc=' + 'y'.repeat(43) });
    expect(otherBrowser.statusCode).toBe(400);
    expect(otherBrowser.json().error.code).toBe('BATON_E_OIDC_STATE_INVALID');
    // Those attempts burnt nothing: the right browser still completes, once.
    expect((await callback()).statusCode).toBe(303);
    const replay = await callback();
    expect(replay.statusCode).toBe(400);
    expect(replay.json().error.code).toBe('BATON_E_OIDC_STATE_INVALID');
  });

  const refused: Array<[string, NextLogin, number, string]> = [
    ['a wrong nonce', { fault: 'wrong-nonce', claims: { sub: 'idp-1', email: 'li.lei@corp.example' } }, 401, 'BATON_E_OIDC_NONCE_MISMATCH'],
    ['a bad signature', { fault: 'bad-signature', claims: { sub: 'idp-1', email: 'li.lei@corp.example' } }, 401, 'BATON_E_OIDC_SIGNATURE_INVALID'],
    ['an expired token', { fault: 'expired', claims: { sub: 'idp-1', email: 'li.lei@corp.example' } }, 401, 'BATON_E_OIDC_TOKEN_EXPIRED'],
    ['another audience', { fault: 'wrong-audience', claims: { sub: 'idp-1', email: 'li.lei@corp.example' } }, 401, 'BATON_E_OIDC_TOKEN_INVALID'],
    ['a wrong PKCE verifier', { fault: 'pkce-mismatch', claims: { sub: 'idp-1', email: 'li.lei@corp.example' } }, 401, 'BATON_E_OIDC_CODE_REJECTED'],
    ['an unknown user', { claims: { sub: 'idp-9', email: 'stranger@corp.example' } }, 403, 'BATON_E_OIDC_USER_UNKNOWN'],
    ['a deactivated user', { claims: { sub: 'idp-8', email: 'gone@corp.example' } }, 403, 'BATON_E_OIDC_USER_UNKNOWN'],
    ['an unverified email', { claims: { sub: 'idp-1', email: 'li.lei@corp.example', email_verified: false } }, 403, 'BATON_E_OIDC_EMAIL_UNVERIFIED'],
    ['no email claim', { claims: { sub: 'idp-1' } }, 403, 'BATON_E_OIDC_CLAIM_MISSING'],
  ];
  for (const [what, login, status, code] of refused) {
    it(`refuses ${what} (${status} ${code}), issues no session, audits the failure`, async () => {
      const before = await ctx().database.db.selectFrom('api_tokens').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      const { callback } = await throughProvider(ctx(), login);
      const res = await callback();
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.code).toBe(code);
      const after = await ctx().database.db.selectFrom('api_tokens').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
      const failed = await ctx().database.db.selectFrom('audit_log').select('data').where('action', '=', 'auth.login-failed').orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(failed.data).toMatchObject({ method: 'oidc', reason: code });
    });
  }

  it('answers a browser with a readable page in its language, same status and code', async () => {
    const { callback, cookie } = await throughProvider(ctx(), { claims: { sub: 'idp-9', email: 'stranger@corp.example' } });
    const res = await callback({ cookie, accept: 'text/html,application/xhtml+xml', 'accept-language': 'zh-CN,zh;q=0.9' });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('BATON_E_OIDC_USER_UNKNOWN');
    expect(res.body).toContain('目录中没有');
    expect(res.body).toContain('stranger@corp.example');
    expect(res.body).toContain('href="/sign-in?oidcError=BATON_E_OIDC_USER_UNKNOWN"');
  });

  it('provisions an unknown person without roles only when auto-provision is on', async () => {
    expect((await configure({ autoProvision: true })).statusCode).toBe(200);
    const { session } = await signIn(ctx(), { claims: { sub: 'idp-new', email: 'new.hire@corp.example', name: 'New Hire' } });
    expect(session.statusCode, session.body).toBe(200);
    expect(session.json().user).toMatchObject({ name: 'New Hire', roles: [], email: 'new.hire@corp.example' });
    const again = await signIn(ctx(), { claims: { sub: 'idp-new', email: 'new.hire@corp.example', name: 'New Hire' } });
    expect(again.session.json().user.id).toBe(session.json().user.id);
    expect((await configure({ autoProvision: false })).statusCode).toBe(200);
  });

  it('passes calls to the provider through the SSRF guard: an internal host needs allowHosts', async () => {
    const put = await configure({ issuer: idp.issuer.replace('http:', 'https:'), allowHosts: [] });
    expect(put.statusCode).toBe(200);
    const start = await ctx().call({ method: 'GET', url: '/api/auth/oidc/start', token: null });
    expect(start.statusCode).toBe(502);
    expect(start.json().error).toMatchObject({ code: 'BATON_E_OIDC_HOST_BLOCKED' });
    expect(start.json().error.message).toContain('127.0.0.1');
    expect((await configure()).statusCode).toBe(200);
  });

  it('can be turned off again', async () => {
    const off = await ctx().call({ method: 'DELETE', url: '/api/auth/oidc/settings' });
    expect(off.json()).toEqual({ source: 'none', settings: null });
    expect((await ctx().call({ method: 'GET', url: '/api/auth/providers', token: null })).json().oidc).toBeNull();
  });
});
