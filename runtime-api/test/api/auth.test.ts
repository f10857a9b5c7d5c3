import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ensureBootstrapToken, BOOTSTRAP_USER_ID } from '../../src/auth/bootstrap-token.js';
import { hashToken, insertToken } from '../../src/auth/api-tokens.js';
import { forEachDatabase } from '../harness/for-each-database.js';

const directory = {
  departments: [{ id: 'd-hr', name: 'HR' }],
  users: [
    { id: 'hana', name: 'Hana', departmentId: 'd-hr', roles: ['hr'] },
    { id: 'dora', name: 'Dora', roles: ['designer'] },
    { id: 'emil', name: 'Emil', roles: ['it-admin'] },
  ],
};

forEachDatabase('authentication and roles', (ctx) => {
  it('answers 401 BATON_E_AUTH_REQUIRED without a token, before reading the body', async () => {
    const res = await ctx().call({ method: 'POST', url: '/api/directory/import', token: null, headers: { 'content-type': 'application/json' }, payload: '{not json' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('BATON_E_AUTH_REQUIRED');
    const basic = await ctx().call({ method: 'GET', url: '/api/definitions', token: null, headers: { authorization: 'Basic YTpi' } });
    expect(basic.statusCode).toBe(401);
  });

  it('answers 401 BATON_E_AUTH_TOKEN_INVALID for unknown, expired and revoked tokens', async () => {
    const { db } = ctx().database;
    expect((await ctx().call({ method: 'GET', url: '/api/definitions', token: 'baton_nope' })).json().error.code).toBe('BATON_E_AUTH_TOKEN_INVALID');
    const expired = await insertToken(db, { userId: 'x', roles: ['admin'], createdBy: 't', expiresAt: new Date(Date.now() - 1000) });
    const res = await ctx().call({ method: 'GET', url: '/api/definitions', token: expired.token });
    expect(res.statusCode).toBe(401);
    const revoked = await insertToken(db, { userId: 'x', roles: ['admin'], createdBy: 't' });
    await db.updateTable('api_tokens').set({ revoked_at: sql`now()` }).where('id', '=', revoked.id).execute();
    expect((await ctx().call({ method: 'GET', url: '/api/definitions', token: revoked.token })).statusCode).toBe(401);
  });

  it('stores only the sha256 of a token', async () => {
    const issued = await insertToken(ctx().database.db, { userId: 'x', roles: [], createdBy: 't' });
    const row = await ctx().database.db.selectFrom('api_tokens').selectAll().where('id', '=', issued.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashToken(issued.token));
    expect(JSON.stringify(row)).not.toContain(issued.token);
  });

  it('lets an admin mint a token for a directory user, whose directory roles then apply', async () => {
    expect((await ctx().call({ method: 'POST', url: '/api/directory/import', payload: directory })).statusCode).toBe(200);
    const minted = await ctx().call({ method: 'POST', url: '/api/tokens', payload: { userId: 'hana', label: 'laptop' } });
    expect(minted.statusCode).toBe(201);
    const body = minted.json();
    expect(body).toMatchObject({ userId: 'hana', roles: [], label: 'laptop', expiresAt: null });
    expect(body.token).toMatch(/^baton_/);
    // hr may import the directory but not mint tokens.
    expect((await ctx().call({ method: 'POST', url: '/api/directory/import', token: body.token, payload: { users: [] } })).statusCode).toBe(200);
    const forbidden = await ctx().call({ method: 'POST', url: '/api/tokens', token: body.token, payload: { userId: 'hana' } });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('BATON_E_FORBIDDEN');
  });

  it('refuses tokens for unknown users and expiries in the past', async () => {
    const unknown = await ctx().call({ method: 'POST', url: '/api/tokens', payload: { userId: 'ghost' } });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error).toMatchObject({ code: 'BATON_E_TOKEN_USER_UNKNOWN', path: '/userId' });
    const past = await ctx().call({ method: 'POST', url: '/api/tokens', payload: { userId: 'hana', expiresAt: '2001-01-01T00:00:00Z' } });
    expect(past.statusCode).toBe(422);
    expect(past.json().error.code).toBe('BATON_E_TOKEN_EXPIRY_PAST');
  });

  it('checks roles per route: 403 for the wrong role, 2xx for the right one', async () => {
    const designer = await ctx().tokenFor('dora', []);
    const itAdmin = await ctx().tokenFor('emil', []);
    const hr = await ctx().tokenFor('hana', []);
    const form = { kind: 'form', key: 'role-check', title: 'Role check', fields: [{ key: 'a', type: 'text', label: 'A' }] };
    expect((await ctx().call({ method: 'POST', url: '/api/definitions', token: itAdmin, payload: form })).statusCode).toBe(403);
    expect((await ctx().call({ method: 'POST', url: '/api/definitions', token: hr, payload: form })).statusCode).toBe(403);
    expect((await ctx().call({ method: 'POST', url: '/api/definitions', token: designer, payload: form })).statusCode).toBe(201);
    expect((await ctx().call({ method: 'POST', url: '/api/directory/import', token: designer, payload: { users: [] } })).statusCode).toBe(403);
    expect((await ctx().call({ method: 'GET', url: '/api/audit/verify', token: hr })).statusCode).toBe(403);
    expect((await ctx().call({ method: 'GET', url: '/api/definitions', token: itAdmin })).statusCode).toBe(200);
    // Everyone may read their own directory entry; only hr and admin read others'.
    expect((await ctx().call({ method: 'GET', url: '/api/directory/users/emil', token: itAdmin })).statusCode).toBe(200);
    expect((await ctx().call({ method: 'GET', url: '/api/directory/users/hana', token: itAdmin })).statusCode).toBe(403);
    expect((await ctx().call({ method: 'GET', url: '/api/directory/users/emil', token: hr })).statusCode).toBe(200);
  });

  it('stops accepting a token once its directory user is deactivated', async () => {
    const token = await ctx().tokenFor('emil', []);
    expect((await ctx().call({ method: 'GET', url: '/api/definitions', token })).statusCode).toBe(200);
    await ctx().call({ method: 'POST', url: '/api/directory/import', payload: { users: [{ id: 'emil', name: 'Emil', active: false }] } });
    expect((await ctx().call({ method: 'GET', url: '/api/definitions', token })).statusCode).toBe(401);
  });
});

forEachDatabase('bootstrap token', (ctx) => {
  it('generates an admin token once, announces it once, and never again', async () => {
    const announced: string[] = [];
    const { db } = ctx().database;
    expect(await ensureBootstrapToken(db, undefined, (t) => announced.push(t))).toBe('generated');
    expect(await ensureBootstrapToken(db, undefined, (t) => announced.push(t))).toBe('existing');
    expect(announced).toHaveLength(1);
    const res = await ctx().call({ method: 'GET', url: '/api/audit/verify', token: announced[0] });
    expect(res.statusCode).toBe(200);
    const row = await db.selectFrom('api_tokens').selectAll().where('user_id', '=', BOOTSTRAP_USER_ID).executeTakeFirstOrThrow();
    expect(row.roles).toEqual(['admin']);
  });

  it('uses BATON_BOOTSTRAP_TOKEN as the admin token, replacing a generated one', async () => {
    const { db } = ctx().database;
    const announced: string[] = [];
    expect(await ensureBootstrapToken(db, 'operator-chosen-secret-123', (t) => announced.push(t))).toBe('configured');
    expect(await ensureBootstrapToken(db, 'operator-chosen-secret-123', (t) => announced.push(t))).toBe('existing');
    expect(announced).toEqual([]);
    expect((await ctx().call({ method: 'POST', url: '/api/tokens', token: 'operator-chosen-secret-123', payload: { userId: 'nobody' } })).statusCode).toBe(422);
  });
});

describe('token hashing', () => {
  it('is sha256 hex', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
