import { expect, it } from 'vitest';
import { buildApp } from '../../../../runtime-api/src/app/build-app.js';
import { connectorDb } from '../../../../runtime-api/src/connectors/connector-store.js';
import { forEachDatabase, testConfig } from '../../../../runtime-api/test/harness/for-each-database.js';
import { act, FINANCE, HR, importOffboardingPack, INTERVIEW, ok, People, reminderAt, reminderTimers, request, settlementNotices } from './journey-kit.js';

// 吴涛 (demo-eng-3) leaves on 2030-06-28; finance is to be reminded three business days before, at 09:00.
const LEAVER = 'demo-eng-3';
const LWD = '2030-06-28';
const base = testConfig();

async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}: last saw ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

forEachDatabase(
  'offboarding journey: the service is down when the settlement reminder falls due; it fires once on start-up',
  (ctx) => {
    const people = new People(ctx);
    let id = '';

    /** A new app (a new process, as far as the database can tell) on the same database; the harness closes it. */
    const startAgain = async () => {
      const app = await buildApp({ db: ctx().database, config: ctx().config, logger: false });
      await app.ready();
      Object.assign(ctx(), {
        app,
        call: ({ token, headers, ...rest }: Parameters<ReturnType<typeof ctx>['call']>[0]) =>
          app.inject({ ...rest, headers: { ...(token === null ? {} : { authorization: `Bearer ${token ?? ctx().adminToken}` }), ...headers } }),
      });
      return app;
    };

    it('plans the reminder while the service runs (its workers on)', async () => {
      expect(ctx().app.baton.workers.running).toBe(true);
      await importOffboardingPack(ctx());
      const started = await ok(ctx(), await people.token(LEAVER), 'POST', '/api/flows/offboarding/instances', { data: request(LEAVER, { lastWorkingDay: LWD, terminationDate: LWD }) }, 201);
      id = started.id;
      const timers = await reminderTimers(ctx(), id);
      expect(timers.map((t) => [t.status, t.due_at.toISOString()])).toEqual([['scheduled', reminderAt(LWD, 3)]]);
    });

    it('stops; the due time passes while it is down; a new process on the same database delivers the reminder once', async () => {
      await ctx().app.close();
      // The clock moves past the due time while nothing runs (the row is what a real clock would reach).
      const [timer] = await reminderTimers(ctx(), id);
      await ctx().database.db.updateTable('timers').set({ due_at: new Date(Date.now() - 3_600_000) }).where('id', '=', timer!.id).execute();
      // Nothing was delivered before the stop (read from the database: no process is serving).
      const inbox = await connectorDb(ctx().database.db).selectFrom('notifications').select('title').where('user_id', '=', FINANCE).execute();
      expect(inbox.filter((n) => JSON.stringify(n.title).includes('吴涛'))).toEqual([]);

      // Start-up: the same configuration, a new app on the same database; its workers' first round runs at once.
      const app = await startAgain();
      expect(app.baton.workers.running).toBe(true);
      const finance = await people.token(FINANCE);
      const notices = await waitFor('the finance reminder', () => settlementNotices(ctx(), finance, '吴涛'), (n) => n.length > 0);
      expect(notices).toHaveLength(1);
      expect(notices[0]!.title).toMatch(/吴涛/);
      expect((await reminderTimers(ctx(), id)).map((t) => t.status)).toEqual(['fired']);
    });

    it('does not deliver it again: more worker rounds and another restart add nothing', async () => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await ctx().app.baton.workers.drain();
      await ctx().app.close();
      await startAgain();
      await new Promise((resolve) => setTimeout(resolve, 500));
      await ctx().app.baton.workers.drain();
      // The offboarding goes on (data changes re-plan the rule timers): the reminder that went out stays sent.
      await act(ctx(), await people.token('demo-eng-director'), id, 'managerApproval', { action: 'approve' });
      await act(ctx(), await people.token(HR), id, 'hrInterview', { action: 'approve', data: INTERVIEW });
      await new Promise((resolve) => setTimeout(resolve, 500));
      await ctx().app.baton.workers.drain();
      const finance = await people.token(FINANCE);
      expect(await settlementNotices(ctx(), finance, '吴涛')).toHaveLength(1);
      expect((await reminderTimers(ctx(), id)).map((t) => t.status)).toEqual(['fired']);
      const outbox = await ctx().database.db.selectFrom('outbox').select(['effect']).where('instance_id', '=', id).execute();
      expect(outbox.filter((r) => JSON.stringify(r.effect).includes('settlement-reminder'))).toHaveLength(1);
      expect((await ok(ctx(), undefined, 'GET', '/api/audit/verify')).ok).toBe(true);
    });
  },
  { config: { workers: { ...base.workers, enabled: true, pollIntervalMs: 100 } } },
);
