import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { PRINCIPAL_CACHE_TTL_MS } from '../../src/auth/api-tokens.js';
import { forEachDatabase } from '../harness/for-each-database.js';
import { countQueries } from '../harness/query-counter.js';

const lookups = (statements: string[]) => statements.filter((s) => /from "api_tokens"/i.test(s)).length;

/**
 * The per-process token cache: a busy token is looked up once per window, not per request; writes made
 * through this process (directory import, revocation, a worker's setData) end it at once; a revocation made
 * behind the process's back (another process, SQL) applies within the cache's TTL.
 */
forEachDatabase('token cache', (ctx) => {
  let token = '';

  it('looks a token up once, then answers from the cache', async () => {
    const c = ctx();
    expect((await c.call({ method: 'POST', url: '/api/directory/import', payload: { users: [{ id: 'tina', name: 'Tina', roles: [] }] } })).statusCode).toBe(200);
    token = await c.tokenFor('tina', []);
    const first = await countQueries(c.database, async () => {
      expect((await c.call({ method: 'GET', url: '/api/definitions', token })).statusCode).toBe(200);
    });
    expect(lookups(first.statements)).toBe(1);
    const second = await countQueries(c.database, async () => {
      expect((await c.call({ method: 'GET', url: '/api/definitions', token })).statusCode).toBe(200);
    });
    expect(lookups(second.statements)).toBe(0);
  });

  it('applies a directory change made through this process at once', async () => {
    const c = ctx();
    expect((await c.call({ method: 'GET', url: '/api/definitions', token })).statusCode).toBe(200);
    expect((await c.call({ method: 'POST', url: '/api/directory/import', payload: { users: [{ id: 'tina', name: 'Tina', roles: [], active: false }] } })).statusCode).toBe(200);
    expect((await c.call({ method: 'GET', url: '/api/definitions', token })).statusCode).toBe(401);
    expect((await c.call({ method: 'POST', url: '/api/directory/import', payload: { users: [{ id: 'tina', name: 'Tina', roles: [], active: true }] } })).statusCode).toBe(200);
    expect((await c.call({ method: 'GET', url: '/api/definitions', token })).statusCode).toBe(200);
  });

  it('applies a revocation made behind its back (another process, SQL) within the TTL', async () => {
    const c = ctx();
    expect((await c.call({ method: 'GET', url: '/api/definitions', token })).statusCode).toBe(200);
    await sql`update api_tokens set revoked_at = now() where user_id = 'tina'`.execute(c.database.db);
    await new Promise((resolve) => setTimeout(resolve, PRINCIPAL_CACHE_TTL_MS + 100));
    const res = await c.call({ method: 'GET', url: '/api/definitions', token });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('BATON_E_AUTH_TOKEN_INVALID');
  });
});
