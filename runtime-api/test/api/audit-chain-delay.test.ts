import { expect, it } from 'vitest';
import { CHAIN_DELAY_MS } from '../../src/audit/audit-chainer.js';
import { forEachDatabase } from '../harness/for-each-database.js';
import { countQueries } from '../harness/query-counter.js';

/** What the sweep alone would give (it runs every second): the bound below must be far tighter. */
const SLACK_MS = 500;

/**
 * A command answers after its own commit; its audit entries are chained by a run that starts within
 * CHAIN_DELAY_MS (audit-chainer.ts `committed`), shared by every command committed meanwhile. Not by the
 * 1 s sweep: twelve entries each chained within CHAIN_DELAY_MS + 0.5 s would happen by chance under the
 * sweep alone about once in 40 runs.
 */
forEachDatabase('audit entries are chained within a bounded delay of the answer', (ctx) => {
  it('links each answered command without verify, evidence or the sweep', async () => {
    const { db } = ctx().database;
    const waits: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const res = await ctx().call({ method: 'POST', url: '/api/directory/import', payload: { users: [{ id: `d${i}`, name: `D${i}` }] } });
      expect(res.statusCode).toBe(200);
      const answered = performance.now();
      const chained = async () => (await db.selectFrom('audit_log').select('id').where('hash', 'is', null).execute()).length === 0;
      while (!(await chained()) && performance.now() - answered < 3000) await new Promise((r) => setTimeout(r, 5));
      waits.push(performance.now() - answered);
      // A pause of a few ms to half a second, so the answers fall at different points of the sweep's cycle.
      await new Promise((r) => setTimeout(r, 7 + ((i * 97) % 400)));
    }
    expect(Math.max(...waits), waits.map((w) => w.toFixed(0)).join(', ')).toBeLessThan(CHAIN_DELAY_MS + SLACK_MS);
    expect((await ctx().call({ method: 'GET', url: '/api/audit/verify' })).json()).toMatchObject({ ok: true, entries: 12, pending: 0 });
  });

  it('links the entries of many concurrent commands in far fewer chain runs than commands', async () => {
    const { db } = ctx().database;
    const unchained = async () => (await db.selectFrom('audit_log').select('id').where('hash', 'is', null).execute()).length;
    let answered = 0;
    // Counted in the requests' async context: the runs their commits scheduled, not the sweep's.
    const count = await countQueries(ctx().database, async () => {
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => ctx().call({ method: 'POST', url: '/api/directory/import', payload: { users: [{ id: `c${i}`, name: `C${i}` }] } })),
      );
      expect(results.every((r) => r.statusCode === 200)).toBe(true);
      answered = performance.now();
      while ((await unchained()) > 0 && performance.now() - answered < 3000) await new Promise((r) => setTimeout(r, 5));
    });
    expect(performance.now() - answered).toBeLessThan(CHAIN_DELAY_MS + SLACK_MS);
    const runs = count.statements.filter((s) => /pg_advisory_xact_lock/.test(s)).length;
    expect(runs).toBeGreaterThan(0);
    expect(runs).toBeLessThanOrEqual(20);
    expect((await ctx().call({ method: 'GET', url: '/api/audit/verify' })).json()).toMatchObject({ ok: true, entries: 52, pending: 0 });
  });
});
