import { describe, expect, it } from 'vitest';
import { forEachDatabase } from '../harness/for-each-database.js';

forEachDatabase('health, docs and error handling', (ctx) => {
  it('answers GET /api/health without a token, naming the database', async () => {
    const res = await ctx().call({ method: 'GET', url: '/api/health', token: null });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: ctx().dialect });
  });

  it('sends security headers and no CORS headers by default', async () => {
    const res = await ctx().call({ method: 'GET', url: '/api/health', token: null, headers: { origin: 'https://evil.example' } });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves an OpenAPI 3.1 document generated from the route schemas, and the docs page', async () => {
    const res = await ctx().call({ method: 'GET', url: '/api/openapi.json', token: null });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/definitions', '/api/definitions/{kind}/{key}', '/api/directory/import', '/api/tokens', '/api/audit/verify']),
    );
    expect(doc.paths['/api/directory/import'].post.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
    const docs = await ctx().call({ method: 'GET', url: '/api/docs', token: null });
    expect([200, 302]).toContain(docs.statusCode);
    const page = await ctx().call({ method: 'GET', url: '/api/docs/', token: null });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger-ui');
    expect(page.body).not.toMatch(/https?:\/\/(cdn|unpkg)/);
  });

  it('answers an unknown route with a coded 404', async () => {
    const res = await ctx().call({ method: 'GET', url: '/api/nowhere?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'BATON_E_ROUTE_NOT_FOUND', path: '' });
    expect(res.json().error.message).toContain('GET /api/nowhere');
  });

  it('answers malformed JSON with a coded 400, in Chinese when asked', async () => {
    const res = await ctx().call({
      method: 'POST',
      url: '/api/directory/import',
      headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' },
      payload: '{"users": [',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-language']).toBe('zh-CN');
    expect(res.json().error.code).toBe('BATON_E_MALFORMED_JSON');
    expect(res.json().error.message).toMatch(/JSON/);
    expect(res.json().error.message).toMatch(/请/);
  });

  it('answers a body over the limit with 413', async () => {
    const big = JSON.stringify({ users: [{ id: 'u1', name: 'x'.repeat(ctx().config.bodyLimit) }] });
    const res = await ctx().call({ method: 'POST', url: '/api/directory/import', headers: { 'content-type': 'application/json' }, payload: big });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('BATON_E_BODY_TOO_LARGE');
  });

  it('answers a wrong content type with 415', async () => {
    const res = await ctx().call({ method: 'POST', url: '/api/directory/import', headers: { 'content-type': 'text/xml' }, payload: '<a/>' });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('BATON_E_UNSUPPORTED_MEDIA_TYPE');
  });

  it('rejects unknown properties and wrong types with JSON-pointer paths, never coercing the body', async () => {
    const res = await ctx().call({
      method: 'POST',
      url: '/api/directory/import',
      payload: { users: [{ id: 'u1', name: 'Ann', nickname: 'A' }, { id: 'u2', name: 7 }], extra: true },
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('BATON_E_REQUEST_INVALID');
    const paths = error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['/extra', '/users/0/nickname', '/users/1/name']));
    for (const i of error.issues) expect(i.code).toMatch(/^BATON_E_/);
  });

  it('coerces query strings but reports a bad one with its part in the path', async () => {
    const res = await ctx().call({ method: 'GET', url: '/api/definitions/form/leave?version=abc' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues[0].path).toBe('/querystring/version');
    const bad = await ctx().call({ method: 'GET', url: '/api/definitions/widget/leave' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].path).toBe('/params/kind');
  });
});

describe('rate limit', () => {
  forEachDatabase(
    'per token',
    (ctx) => {
      it('answers 429 with a code once a token spends its budget, without touching other tokens', async () => {
        const other = await ctx().tokenFor('someone', []);
        const codes: number[] = [];
        for (let i = 0; i < 4; i += 1) codes.push((await ctx().call({ method: 'GET', url: '/api/definitions' })).statusCode);
        expect(codes).toEqual([200, 200, 200, 429]);
        const limited = await ctx().call({ method: 'GET', url: '/api/definitions' });
        expect(limited.json().error.code).toBe('BATON_E_RATE_LIMITED');
        expect(limited.headers['retry-after']).toBeDefined();
        expect((await ctx().call({ method: 'GET', url: '/api/definitions', token: other })).statusCode).toBe(200);
      });
    },
    { config: { rateLimit: { max: 3, timeWindowMs: 60_000 } } },
  );
});

describe('CORS', () => {
  forEachDatabase(
    'opened by BATON_CORS_ORIGINS',
    (ctx) => {
      it('allows the configured origin only', async () => {
        const preflight = { 'access-control-request-method': 'POST' };
        const ok = await ctx().call({ method: 'OPTIONS', url: '/api/definitions', token: null, headers: { origin: 'https://hr.example', ...preflight } });
        expect(ok.statusCode).toBe(204);
        expect(ok.headers['access-control-allow-origin']).toBe('https://hr.example');
        const other = await ctx().call({ method: 'OPTIONS', url: '/api/definitions', token: null, headers: { origin: 'https://evil.example', ...preflight } });
        expect(other.headers['access-control-allow-origin']).toBeUndefined();
      });
    },
    { config: { corsOrigins: ['https://hr.example'] } },
  );
});
