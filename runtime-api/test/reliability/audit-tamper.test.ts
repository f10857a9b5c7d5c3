import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app/build-app.js';
import { insertToken } from '../../src/auth/api-tokens.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { openDatabase, type BatonDatabase } from '../../src/db/open-database.js';
import { forEachDatabase, testConfig } from '../harness/for-each-database.js';
import { people } from './reliability-fixtures.js';

// Issue 3 §5: an UPDATE through the app's role is refused; a row altered by a superuser is reported by
// verify with its sequence number.
forEachDatabase('reliability: audit tampering', (ctx) => {
  it('refuses UPDATE/DELETE/TRUNCATE through the app\'s connection and reports a superuser\'s edit by seq', async () => {
    for (let i = 0; i < 4; i += 1) {
      expect((await ctx().call({ method: 'POST', url: '/api/directory/import', payload: { users: [{ id: `t${i}`, name: `T${i}` }] } })).statusCode).toBe(200);
    }
    await ctx().app.baton.audit.scheduledRun(); // chained within CHAIN_DELAY_MS of the answers
    const { db } = ctx().database;
    await expect(db.updateTable('audit_log').set({ actor: 'mallory' }).where('seq', '=', 2).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').where('seq', '=', 4).execute()).rejects.toThrow(/append-only/);
    await expect(ctx().database.execScript('truncate audit_log')).rejects.toThrow(/append-only/);
    expect((await ctx().call({ method: 'GET', url: '/api/audit/verify' })).json()).toMatchObject({ ok: true, entries: 4 });

    await ctx().database.execScript(`
      alter table audit_log disable trigger audit_log_append_only;
      update audit_log set actor = 'mallory' where seq = 3;
      alter table audit_log enable trigger audit_log_append_only;`);
    const res = await ctx().call({ method: 'GET', url: '/api/audit/verify' });
    expect(res.json()).toMatchObject({ ok: false, firstBrokenSeq: 3, problems: [{ kind: 'entry-altered', seq: 3 }] });
  });
});

const databaseUrl = process.env.DATABASE_URL;

// The privileges, not only the triggers: a role that is not a superuser and runs (and migrated) the app
// cannot change the log even after disabling the triggers it owns, while the chainer still links entries.
describe.skipIf(!databaseUrl)(`reliability: the app's own PostgreSQL role${databaseUrl ? '' : ' — skipped: DATABASE_URL is not set'}`, () => {
  const suffix = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const role = `baton_rel_app_${suffix}`;
  const dbName = `baton_rel_role_${suffix}`;
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  let database: BatonDatabase | undefined;
  afterAll(async () => {
    await database?.close();
    await admin(`drop database if exists ${dbName} with (force)`).catch(() => {});
    await admin(`drop role if exists ${role}`).catch(() => {});
  });

  it('refuses UPDATE, DELETE and TRUNCATE by privilege, triggers disabled or not', { timeout: 60_000 }, async () => {
    await admin(`create role ${role} login nosuperuser nocreatedb nocreaterole`);
    await admin(`create database ${dbName} owner ${role}`);
    const url = new URL(databaseUrl!);
    url.username = role;
    url.password = '';
    url.pathname = '/' + dbName;
    database = await openDatabase({ databaseUrl: url.toString(), poolSize: 3, onConnectionError: () => {} });
    await migrateToLatest(database.db);
    const app = await buildApp({ db: database, config: testConfig({ databaseUrl: url.toString() }), logger: false });
    try {
      const token = (await insertToken(database.db, { userId: 'admin', roles: ['admin'], createdBy: 'test' })).token;
      const call = (method: 'GET' | 'POST', path: string, payload?: unknown) =>
        app.inject({ method, url: path, headers: { authorization: `Bearer ${token}` }, ...(payload !== undefined ? { payload: payload as object } : {}) });
      expect((await call('POST', '/api/directory/import', people)).statusCode).toBe(200);
      expect((await call('GET', '/api/audit/verify')).json()).toMatchObject({ ok: true, entries: 1, pending: 0 }); // the chainer's column grant suffices

      const script = (text: string) => database!.execScript(text);
      await expect(script(`update audit_log set actor = 'mallory' where seq = 1`)).rejects.toThrow(/permission denied/);
      // The owner may disable its triggers, but the privileges still refuse the change.
      await expect(script(`alter table audit_log disable trigger audit_log_append_only; update audit_log set actor = 'mallory' where seq = 1`)).rejects.toThrow(/permission denied/);
      await expect(script(`alter table audit_log disable trigger audit_log_append_only; delete from audit_log`)).rejects.toThrow(/permission denied/);
      await expect(script('truncate audit_log')).rejects.toThrow(/permission denied/);
      await expect(script(`delete from audit_checkpoints`)).rejects.toThrow(/permission denied/);
      expect((await call('GET', '/api/audit/verify')).json()).toMatchObject({ ok: true, entries: 1 });
    } finally {
      await app.close();
    }
  });
});
