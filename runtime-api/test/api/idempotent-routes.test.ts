import { expect, it } from 'vitest';
import { forEachDatabase } from '../harness/for-each-database.js';

forEachDatabase('Idempotency-Key on the API routes', (ctx) => {
  const form = { kind: 'form', key: 'idem', title: 'Idempotent', fields: [{ key: 'a', type: 'text', label: 'A' }] };

  it('replays a saved draft and writes no second audit entry', async () => {
    const headers = { 'idempotency-key': 'draft-1' };
    const first = await ctx().call({ method: 'POST', url: '/api/definitions', payload: form, headers });
    const second = await ctx().call({ method: 'POST', url: '/api/definitions', payload: form, headers });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    const audit = await ctx().database.db.selectFrom('audit_log').select('seq').where('action', '=', 'definition.draft-saved').execute();
    expect(audit).toHaveLength(1);
    const other = await ctx().call({ method: 'POST', url: '/api/definitions', payload: { ...form, title: 'Other' }, headers });
    expect(other.statusCode).toBe(422);
  });

  it('does not claim a key for a request that fails validation', async () => {
    const headers = { 'idempotency-key': 'invalid-first' };
    expect((await ctx().call({ method: 'POST', url: '/api/directory/import', payload: { users: [{ id: 'x' }] }, headers })).statusCode).toBe(400);
    expect((await ctx().call({ method: 'POST', url: '/api/directory/import', payload: { users: [{ id: 'x', name: 'X' }] }, headers })).statusCode).toBe(200);
  });
});
