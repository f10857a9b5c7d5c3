import { expect, it } from 'vitest';
import { forEachDatabase } from '../harness/for-each-database.js';

// Bodies a careless or hostile client sends. None may produce a 5xx, and every rejection names a code.
const RAW_BODIES: string[] = [
  '',
  'null',
  '[]',
  '"text"',
  '42',
  'true',
  '{',
  '{"a":1,}',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"x":1}}}',
  '{"kind":"form","key":"x","title":"t","fields":[{"key":"a","type":"text","label":"A"}],"version":"1e309"}',
  '{"users":[{"id":"a","name":"A","attributes":{"deep":' + '['.repeat(200) + ']'.repeat(200) + '}}]}',
  '{"users":[{"id":"\\u0000","name":"\\ud800"}]}',
  '{"users":[{"id":"a/b","name":"A"}]}',
  '{"users":{"id":"a"}}',
  '{"departments":[null]}',
  '{"kind":"flow","key":"f","title":"T","nodes":"many"}',
  '{"kind":"form","key":"x","title":{"fr":"x"},"fields":[]}',
  '{"userId":["admin"]}',
  '{"version":-1}',
  '{"version":1.5}',
];

const ROUTES = [
  '/api/definitions',
  '/api/definitions/form/x/publish',
  '/api/directory/import',
  '/api/tokens',
];

forEachDatabase('malformed input', (ctx) => {
  it('never answers 5xx, and every rejection carries a code and a path', async () => {
    const failures: string[] = [];
    for (const url of ROUTES) {
      for (const payload of RAW_BODIES) {
        const res = await ctx().call({ method: 'POST', url, payload, headers: { 'content-type': 'application/json' } });
        if (res.statusCode >= 500) failures.push(`${url} ${payload.slice(0, 40)} → ${res.statusCode} ${res.body.slice(0, 200)}`);
        if (res.statusCode >= 400) {
          const body = res.json();
          if (!/^BATON_E_/.test(body?.error?.code ?? '') || typeof body.error.path !== 'string') {
            failures.push(`${url} ${payload.slice(0, 40)} → uncoded ${res.body.slice(0, 200)}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('rejects unknown query parameters and odd path segments without a 5xx', async () => {
    for (const url of ['/api/definitions?foo=1', '/api/definitions?limit=0', '/api/definitions?limit=99999', '/api/definitions/form/%00', '/api/directory/users/%E0%A4%A', '/api/definitions/form/x?version=1&version=2']) {
      const res = await ctx().call({ method: 'GET', url });
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.json().error.code, url).toMatch(/^BATON_E_/);
    }
  });

  it('names the field holding a NUL character or a lone surrogate', async () => {
    const res = await ctx().call({
      method: 'POST',
      url: '/api/directory/import',
      headers: { 'content-type': 'application/json' },
      payload: '{"users":[{"id":"ok","name":"bad\\u0000name","attributes":{"k":"\\udc00"}}]}',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues).toEqual([
      expect.objectContaining({ code: 'BATON_E_TEXT_UNSTORABLE', path: '/users/0/name' }),
      expect.objectContaining({ code: 'BATON_E_TEXT_UNSTORABLE', path: '/users/0/attributes/k' }),
    ]);
  });

  it('refuses a body nested deeper than the limit with the path where it goes too deep', async () => {
    const deep = '{"definition":' + '{"a":'.repeat(5000) + '1' + '}'.repeat(5000) + '}';
    const res = await ctx().call({ method: 'POST', url: '/api/definitions', headers: { 'content-type': 'application/json' }, payload: deep });
    expect(res.statusCode).toBe(400);
    const [problem] = res.json().error.issues;
    expect(problem.code).toBe('BATON_E_BODY_TOO_DEEP');
    expect(problem.path).toBe('/definition/a/a/a');
  });

  it('answers a badly percent-encoded URL with a coded 400', async () => {
    const res = await ctx().call({ method: 'GET', url: '/api/directory/users/%E0%A4%A', headers: { 'accept-language': 'zh-CN' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BATON_E_MALFORMED_URL');
    expect(res.json().error.message).toMatch(/请/);
  });

  it('leaves no prototype pollution behind', () => {
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});
