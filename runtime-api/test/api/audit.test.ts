import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { appendAudit } from '../../src/audit/append-audit.js';
import { GENESIS_HASH } from '../../src/audit/audit-chain.js';
import { forEachDatabase } from '../harness/for-each-database.js';

forEachDatabase('audit log', (ctx) => {
  const verify = async () => (await ctx().call({ method: 'GET', url: '/api/audit/verify' })).json();

  it('verifies an empty log', async () => {
    const res = await ctx().call({ method: 'GET', url: '/api/audit/verify' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, entries: 0, head: null, pending: 0, checkpoints: 0, keyId: ctx().app.baton.audit.signer.keyId });
  });

  it('appends entries unchained; the chainer links them in order, each to the one before', async () => {
    const { db } = ctx().database;
    for (let i = 0; i < 5; i += 1) {
      await db.transaction().execute((trx) => appendAudit(trx, { actor: 'tester', action: 'test.entry', subjectKind: 'test', subjectId: String(i), data: { i, nested: { b: 1, a: [1, 'x'] } } }));
    }
    const unchained = await db.selectFrom('audit_log').select(['seq', 'hash']).execute();
    expect(unchained.every((r) => r.seq === null && r.hash === null)).toBe(true);
    expect((await verify()).pending).toBe(0); // verify chains what is committed first
    const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows.map((r) => r.subject_id)).toEqual(['0', '1', '2', '3', '4']);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i += 1) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(await verify()).toMatchObject({ ok: true, entries: 5, head: rows[4]!.hash, pending: 0, checkpoints: 1 });
  });

  it('rolls the entry back with its command', async () => {
    const { db } = ctx().database;
    await expect(
      db.transaction().execute(async (trx) => {
        await appendAudit(trx, { actor: 'tester', action: 'test.rolled-back', subjectKind: 'test', subjectId: 'x' });
        throw new Error('command failed');
      }),
    ).rejects.toThrow('command failed');
    expect((await verify()).entries).toBe(5);
  });

  it('refuses UPDATE, DELETE and TRUNCATE through the app\'s connection, and entries that claim a place in the chain', async () => {
    const { db } = ctx().database;
    await expect(db.updateTable('audit_log').set({ actor: 'mallory' }).where('seq', '=', 2).execute()).rejects.toThrow(/append-only/);
    await expect(db.updateTable('audit_log').set({ hash: 'f'.repeat(64) }).where('seq', '=', 2).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').where('seq', '=', 5).execute()).rejects.toThrow(/append-only/);
    await expect(ctx().database.execScript('truncate audit_log')).rejects.toThrow(/append-only/);
    await expect(sql`insert into audit_log (seq, at, actor, action, subject_kind, subject_id, data, prev_hash, hash)
      values (6, now(), 'mallory', 'x', 'test', 'x', '{}', ${GENESIS_HASH}, ${'e'.repeat(64)})`.execute(db)).rejects.toThrow(/inserted unchained/);
    await expect(db.deleteFrom('audit_checkpoints').execute()).rejects.toThrow(/append-only/);
    // Content of an entry that is not chained yet is frozen too.
    const { id } = await db.transaction().execute((trx) => appendAudit(trx, { actor: 'tester', action: 'test.pending', subjectKind: 'test', subjectId: 'p' }));
    await expect(db.updateTable('audit_log').set({ actor: 'mallory' }).where('id', '=', id).execute()).rejects.toThrow(/append-only/);
    expect(await verify()).toMatchObject({ ok: true, entries: 6 });
  });

  it('reports a row altered by a superuser with its sequence number', async () => {
    await ctx().database.execScript(`
      alter table audit_log disable trigger audit_log_append_only;
      update audit_log set data = '{"i": 99}'::jsonb where seq = 3;
      alter table audit_log enable trigger audit_log_append_only;
    `);
    expect(await verify()).toMatchObject({ ok: false, entries: 6, firstBrokenSeq: 3, problems: [{ kind: 'entry-altered', seq: 3 }] });
  });

  it('reports a deleted row at the gap', async () => {
    await ctx().database.execScript(`
      alter table audit_log disable trigger audit_log_append_only;
      update audit_log set data = '{"i": 2, "nested": {"a": [1, "x"], "b": 1}}'::jsonb where seq = 3;
      delete from audit_log where seq = 2;
      alter table audit_log enable trigger audit_log_append_only;
    `);
    expect(await verify()).toMatchObject({ ok: false, entries: 5, firstBrokenSeq: 2 });
  });
});
