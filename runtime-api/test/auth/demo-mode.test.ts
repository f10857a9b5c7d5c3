import { describe, expect, it } from 'vitest';
import { oidcSettingsFrom } from '../../src/auth/oidc/oidc-settings.js';
import { loadConfig } from '../../src/config/runtime-config.js';
import { forEachDatabase } from '../harness/for-each-database.js';

describe('BATON_DEMO and BATON_OIDC_* parsing', () => {
  it('demo: unset is auto, except under NODE_ENV=production; 1 on; off off; nonsense refused', () => {
    expect(loadConfig({}).demo).toBe('auto');
    expect(loadConfig({ NODE_ENV: 'production' }).demo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', BATON_DEMO: '1' }).demo).toBe(true);
    expect(loadConfig({ BATON_DEMO: 'off' }).demo).toBe(false);
    expect(() => loadConfig({ BATON_DEMO: 'maybe' })).toThrow(/BATON_DEMO/);
  });

  it('oidc: off without an issuer; defaults; redirect URI from BATON_PUBLIC_URL; bad values fail at start', () => {
    expect(loadConfig({}).oidc).toBeNull();
    const config = loadConfig({ BATON_OIDC_ISSUER: 'https://idp.example.com/realms/corp', BATON_OIDC_CLIENT_ID: 'baton', BATON_PUBLIC_URL: 'https://baton.example.com/' });
    expect(config.oidc).toEqual({
      issuer: 'https://idp.example.com/realms/corp',
      clientId: 'baton',
      clientSecret: null,
      redirectUri: 'https://baton.example.com/api/auth/oidc/callback',
      name: 'SSO',
      scopes: ['openid', 'email', 'profile'],
      claim: 'email',
      userField: 'email',
      autoProvision: false,
      allowHosts: [],
    });
    expect(() => loadConfig({ BATON_OIDC_ISSUER: 'https://idp.example.com' })).toThrow(/BATON_OIDC_CLIENT_ID/);
    expect(() => loadConfig({ BATON_OIDC_ISSUER: 'https://idp.example.com', BATON_OIDC_CLIENT_ID: 'b' })).toThrow(/BATON_OIDC_REDIRECT_URI/);
    expect(() => loadConfig({ BATON_OIDC_ISSUER: 'http://idp.internal', BATON_OIDC_CLIENT_ID: 'b', BATON_PUBLIC_URL: 'https://b.example.com' })).toThrow(/BATON_OIDC_ISSUER: plain http/);
    expect(loadConfig({ BATON_OIDC_ISSUER: 'http://idp.internal', BATON_OIDC_CLIENT_ID: 'b', BATON_PUBLIC_URL: 'https://b.example.com', BATON_OIDC_ALLOW_HOSTS: 'IDP.internal' }).oidc?.allowHosts).toEqual(['idp.internal']);
    expect(() => loadConfig({ BATON_OIDC_ISSUER: 'https://idp.example.com', BATON_OIDC_CLIENT_ID: 'b', BATON_PUBLIC_URL: 'https://b.example.com', BATON_OIDC_USER_FIELD: 'roles' })).toThrow(/BATON_OIDC_USER_FIELD/);
  });
});

const DEMO_PEOPLE = [
  { id: 'demo-hr-1', name: 'Demo HR', roles: ['hr'], attributes: { demo: true } },
  { id: 'demo-left', name: 'Demo Left', attributes: { demo: true }, active: false },
  { id: 'real.admin', name: 'Real Admin', roles: ['admin'] },
];

forEachDatabase('demo picker, BATON_DEMO unset (auto)', (ctx) => {
  const providers = async () => (await ctx().call({ method: 'GET', url: '/api/auth/providers', token: null })).json();

  it('is off while the database holds no demo people', async () => {
    await ctx().call({ method: 'POST', url: '/api/directory/import', payload: { users: [DEMO_PEOPLE[2]] } });
    expect((await providers()).demo).toBe(false);
    const users = await ctx().call({ method: 'GET', url: '/api/auth/demo-users', token: null });
    expect(users.statusCode).toBe(404);
    expect(users.json().error.code).toBe('BATON_E_DEMO_ONLY');
  });

  it('turns on once a pack\'s demo people are in, and offers only them: a real person can never be picked', async () => {
    await ctx().call({ method: 'POST', url: '/api/directory/import', payload: { users: DEMO_PEOPLE } });
    expect((await providers()).demo).toBe(true);
    const users = await ctx().call({ method: 'GET', url: '/api/auth/demo-users', token: null });
    expect(users.json().items.map((u: { id: string }) => u.id)).toEqual(['demo-hr-1']);
    const ok = await ctx().call({ method: 'POST', url: '/api/auth/demo-login', token: null, payload: { userId: 'demo-hr-1' } });
    expect(ok.statusCode).toBe(200);
    expect((await ctx().call({ method: 'GET', url: '/api/auth/me', token: ok.json().token })).json()).toMatchObject({ id: 'demo-hr-1', roles: ['hr'] });
    const admin = await ctx().call({ method: 'POST', url: '/api/auth/demo-login', token: null, payload: { userId: 'real.admin' } });
    expect(admin.statusCode).toBe(422);
    expect(admin.json().error).toMatchObject({ code: 'BATON_E_DEMO_USER_UNKNOWN', path: '/userId' });
  });

  it('turns off again when the demo people are deactivated (no restart)', async () => {
    await ctx().call({ method: 'POST', url: '/api/directory/import', payload: { users: [{ ...DEMO_PEOPLE[0], active: false }] } });
    expect((await providers()).demo).toBe(false);
    expect((await ctx().call({ method: 'POST', url: '/api/auth/demo-login', token: null, payload: { userId: 'demo-hr-1' } })).statusCode).toBe(404);
  });
});

forEachDatabase(
  'demo picker, BATON_DEMO=off',
  (ctx) => {
    it('stays off even with demo people in the database', async () => {
      await ctx().call({ method: 'POST', url: '/api/directory/import', payload: { users: DEMO_PEOPLE } });
      expect((await ctx().call({ method: 'GET', url: '/api/auth/providers', token: null })).json().demo).toBe(false);
      expect((await ctx().call({ method: 'POST', url: '/api/auth/demo-login', token: null, payload: { userId: 'demo-hr-1' } })).statusCode).toBe(404);
    });
  },
  { config: { demo: false } },
);

forEachDatabase(
  'OIDC settings from the environment',
  (ctx) => {
    it('are in force, shown without the secret, and the admin route cannot change them', async () => {
      const view = await ctx().call({ method: 'GET', url: '/api/auth/oidc/settings' });
      expect(view.json()).toMatchObject({ source: 'env', settings: { issuer: 'https://idp.example.com', clientSecretSet: true, name: 'Corp SSO' } });
      expect(view.body).not.toContain('env-secret-value');
      const put = await ctx().call({ method: 'PUT', url: '/api/auth/oidc/settings', payload: { issuer: 'https://other.example.com', clientId: 'x', redirectUri: 'https://b.example.com/api/auth/oidc/callback' } });
      expect(put.statusCode).toBe(409);
      expect(put.json().error.code).toBe('BATON_E_OIDC_SETTINGS_FROM_ENV');
      expect((await ctx().call({ method: 'DELETE', url: '/api/auth/oidc/settings' })).statusCode).toBe(409);
      expect((await ctx().call({ method: 'GET', url: '/api/auth/providers', token: null })).json().oidc).toEqual({ name: 'Corp SSO', startUrl: '/api/auth/oidc/start' });
    });
  },
  {
    once: true,
    config: {
      oidc: oidcSettingsFrom(
        { BATON_OIDC_ISSUER: 'https://idp.example.com', BATON_OIDC_CLIENT_ID: 'baton', BATON_OIDC_CLIENT_SECRET: 'env-secret-value', BATON_OIDC_NAME: 'Corp SSO' },
        'https://b.example.com',
      ),
    },
  },
);
