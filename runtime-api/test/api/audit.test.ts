import { expect, it } from 'vitest';
import { appendAudit } from '../../src/audit/append-audit.js';
import { GENESIS_HASH } from '../../src/audit/audit-chain.js';
import { forEachDatabase } from '../harness/for-each-database.js';

forEachDatabase('audit log', (ctx) => {
  it('verifies an empty log', async () => {
    const res = await ctx().call({ method: 'GET', url: '/api/audit/verify' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, entries: 0, head: null });
  });

  it('chains every entry to the one before and verifies the chain', async () => {
    const { db } = ctx().database;
    for (let i = 0; i < 5; i += 1) {
      await db.transaction().execute((trx) => appendAudit(trx, { actor: 'tester', action: 'test.entry', subjectKind: 'test', subjectId: String(i), data: { i, nested: { b: 1, a: [1, 'x'] } } }));
    }
    const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i += 1) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    const res = await ctx().call({ method: 'GET', url: '/api/audit/verify' });
    expect(res.json()).toEqual({ ok: true, entries: 5, head: rows[4]!.hash });
  });

  it('rolls the entry back with its command', async () => {
    const { db } = ctx().database;
    await expect(
      db.transaction().execute(async (trx) => {
        await appendAudit(trx, { actor: 'tester', action: 'test.rolled-back', subjectKind: 'test', subjectId: 'x' });
        throw new Error('command failed');
      }),
    ).rejects.toThrow('command failed');
    expect((await ctx().call({ method: 'GET', url: '/api/audit/verify' })).json().entries).toBe(5);
  });

  it('refuses UPDATE, DELETE and TRUNCATE through the app\'s connection', async () => {
    const { db } = ctx().database;
    await expect(db.updateTable('audit_log').set({ actor: 'mallory' }).where('seq', '=', 2).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').where('seq', '=', 5).execute()).rejects.toThrow(/append-only/);
    await expect(ctx().database.execScript('truncate audit_log')).rejects.toThrow(/append-only/);
    expect((await ctx().call({ method: 'GET', url: '/api/audit/verify' })).json()).toMatchObject({ ok: true, entries: 5 });
  });

  it('reports a row altered by a superuser with its sequence number', async () => {
    await ctx().database.execScript(`
      alter table audit_log disable trigger audit_log_append_only;
      update audit_log set data = '{"i": 99}'::jsonb where seq = 3;
      alter table audit_log enable trigger audit_log_append_only;
    `);
    const res = await ctx().call({ method: 'GET', url: '/api/audit/verify' });
    expect(res.json()).toMatchObject({ ok: false, entries: 5, firstBrokenSeq: 3 });
  });

  it('reports a deleted row at the gap', async () => {
    await ctx().database.execScript(`
      alter table audit_log disable trigger audit_log_append_only;
      update audit_log set data = '{"i": 2, "nested": {"a": [1, "x"], "b": 1}}'::jsonb where seq = 3;
      delete from audit_log where seq = 2;
      alter table audit_log enable trigger audit_log_append_only;
    `);
    const res = await ctx().call({ method: 'GET', url: '/api/audit/verify' });
    expect(res.json()).toMatchObject({ ok: false, entries: 4, firstBrokenSeq: 2 });
  });
});
