import { afterAll, expect, it } from 'vitest';
import { buildApp } from '../../src/app/build-app.js';
import { workerDb } from '../../src/workers/worker-database.js';
import { forEachDatabase, testConfig } from '../harness/for-each-database.js';
import { StandInWebhook, webhookNotifyHandler } from './stand-in-webhook.js';
import { exitFlow, leaveForm, setUp, tellHrRule } from './worker-fixtures.js';

type Json = Record<string, any>;
const MAX_ATTEMPTS = 3;
const base = testConfig();

forEachDatabase(
  'outbox worker',
  (ctx) => {
    const webhook = new StandInWebhook();
    let as: (user: string) => string = () => '';
    const db = () => workerDb(ctx().database.db);
    const drain = () => ctx().app.baton.workers.drain();
    const startExit = async () => {
      const res = await ctx().call({ method: 'POST', url: '/api/flows/exit/instances', payload: { data: { employeeId: 'emp', lastWorkingDay: '2031-01-10' } }, token: as('emp') });
      expect(res.statusCode, res.body).toBe(201);
      const id = res.json().id as string;
      const row = await db().selectFrom('outbox').selectAll().where('instance_id', '=', id).where('effect_type', '=', 'notify').executeTakeFirstOrThrow();
      return { id, outboxId: row.id };
    };
    const outboxRow = (id: string) => db().selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const makeDue = (id: string) => db().updateTable('outbox').set({ next_attempt_at: new Date(Date.now() - 1) }).where('id', '=', id).execute();
    afterAll(() => webhook.stop());

    it('sets up', async () => {
      as = await setUp(ctx(), [leaveForm, exitFlow, tellHrRule]);
      ctx().app.baton.outboxHandlers.replace(webhookNotifyHandler(await webhook.start()));
    });

    it('retries with backoff (honouring Retry-After), dead-letters after the last attempt, and replays through the API', async () => {
      webhook.script.push({ status: 503, headers: { 'retry-after': '120' } }, { status: 500 }, { status: 500 });
      const { id, outboxId } = await startExit();

      expect((await drain()).deliveries).toMatchObject({ retry: 1, delivered: 0 });
      let row = await outboxRow(outboxId);
      expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'HTTP 503', locked_by: null });
      // The peer asked for 120 s, more than the first backoff (30 s ±20 %).
      expect(new Date(row.next_attempt_at).getTime() - Date.now()).toBeGreaterThan(115_000);

      await makeDue(outboxId);
      expect((await drain()).deliveries.retry).toBe(1);
      row = await outboxRow(outboxId);
      // Second backoff: 30 s × 4 = 120 s, ±20 %.
      const wait = new Date(row.next_attempt_at).getTime() - Date.now();
      expect(wait).toBeGreaterThan(90_000);
      expect(wait).toBeLessThan(150_000);

      await makeDue(outboxId);
      expect((await drain()).deliveries.dead).toBe(1);
      row = await outboxRow(outboxId);
      expect(row).toMatchObject({ status: 'dead', attempts: MAX_ATTEMPTS, last_error: 'HTTP 500' });
      expect((await drain()).deliveries.dead).toBe(0);

      // Dead letters through the API: admins only.
      expect((await ctx().call({ method: 'GET', url: '/api/outbox?status=dead', token: as('hr1') })).statusCode).toBe(403);
      const list = await ctx().call({ method: 'GET', url: `/api/outbox?status=dead&instanceId=${id}` });
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json().items).toEqual([expect.objectContaining({ id: outboxId, type: 'notify', status: 'dead', attempts: 3, lastError: 'HTTP 500', instanceId: id })]);
      const detail = await ctx().call({ method: 'GET', url: `/api/outbox/${outboxId}` });
      expect(detail.statusCode, detail.body).toBe(200);
      expect(detail.json().effect).toMatchObject({ type: 'notify', to: ['hr1'] });
      const attempts = detail.json().deliveries as Json[];
      expect(attempts.map((d) => [d.attempt, d.status])).toEqual([[1, 'retry'], [2, 'retry'], [3, 'dead']]);
      expect(attempts[0]).toMatchObject({ error: 'HTTP 503', request: { method: 'POST', body: { to: ['hr1'] } }, response: { status: 503 } });
      expect(attempts[2]!.error).toMatch(/attempt 3 of 3: dead letter/);
      expect((await ctx().call({ method: 'GET', url: '/api/outbox/out-nope' })).json().error.code).toBe('BATON_E_OUTBOX_NOT_FOUND');

      // The timeline: participants see the attempts, only HR and admins their bodies; others nothing.
      const asEmployee = await ctx().call({ method: 'GET', url: `/api/instances/${id}/deliveries`, token: as('emp') });
      expect(asEmployee.statusCode, asEmployee.body).toBe(200);
      expect(asEmployee.json().items.map((d: Json) => [d.status, d.request])).toEqual([['retry', null], ['retry', null], ['dead', null]]);
      expect(asEmployee.json().outbox).toEqual([expect.objectContaining({ id: outboxId, status: 'dead' })]);
      const asHr = await ctx().call({ method: 'GET', url: `/api/instances/${id}/deliveries`, token: as('hr1') });
      expect(asHr.json().items[0].request).toMatchObject({ method: 'POST' });
      expect((await ctx().call({ method: 'GET', url: `/api/instances/${id}/deliveries`, token: as('outsider') })).statusCode).toBe(404);

      const replay = await ctx().call({ method: 'POST', url: `/api/outbox/${outboxId}/replay`, payload: { comment: 'receiver fixed' } });
      expect(replay.statusCode, replay.body).toBe(200);
      expect(replay.json()).toMatchObject({ status: 'pending', attempts: 0 });
      const twice = await ctx().call({ method: 'POST', url: `/api/outbox/${outboxId}/replay`, payload: {} });
      expect(twice.statusCode).toBe(409);
      expect(twice.json().error.code).toBe('BATON_E_OUTBOX_NOT_DEAD');
      expect((await drain()).deliveries.delivered).toBe(1);
      row = await outboxRow(outboxId);
      expect(row.status).toBe('delivered');
      expect(row.delivered_at).toBeInstanceOf(Date);
      const audit = await ctx().database.db.selectFrom('audit_log').select(['actor', 'data']).where('action', '=', 'outbox.replayed').execute();
      expect(audit).toEqual([{ actor: 'admin', data: expect.objectContaining({ type: 'notify', attempts: 3, comment: 'receiver fixed' }) }]);
      // Every try carried the same idempotency key, so the receiver can drop repeats.
      const keys = new Set(webhook.received.map((r) => r.idempotencyKey));
      expect(webhook.received).toHaveLength(4);
      expect(keys).toEqual(new Set([row.idempotency_key]));
    });

    it('documents its routes and refuses unknown query parameters', async () => {
      const doc = (await ctx().call({ method: 'GET', url: '/api/openapi.json' })).json();
      for (const route of ['/api/outbox', '/api/outbox/{id}', '/api/outbox/{id}/replay', '/api/timers', '/api/timers/{id}/replay', '/api/instances/{id}/deliveries']) {
        expect(Object.keys(doc.paths), route).toContain(route);
      }
      const bad = await ctx().call({ method: 'GET', url: '/api/outbox?colour=red' });
      expect(bad.statusCode).toBe(400);
      const badStatus = await ctx().call({ method: 'GET', url: '/api/timers?status=sleeping' });
      expect(badStatus.statusCode).toBe(400);
      expect(badStatus.json().error.issues[0].path).toBe('/querystring/status');
      expect((await ctx().call({ method: 'GET', url: '/api/outbox', token: null })).statusCode).toBe(401);
    });

    it('dead-letters at once when the handler says so', async () => {
      webhook.script.push({ status: 410 });
      const { outboxId } = await startExit();
      expect((await drain()).deliveries).toMatchObject({ dead: 1, retry: 0 });
      expect(await outboxRow(outboxId)).toMatchObject({ status: 'dead', attempts: 1, last_error: 'HTTP 410: the receiver is gone' });
    });

    it('counts a throwing handler as a retry', async () => {
      const previous = ctx().app.baton.outboxHandlers.replace({
        type: 'notify',
        handle: async () => {
          throw new Error('socket hang up');
        },
      });
      try {
        const { outboxId } = await startExit();
        expect((await drain()).deliveries.retry).toBe(1);
        expect(await outboxRow(outboxId)).toMatchObject({ status: 'pending', attempts: 1, last_error: 'socket hang up' });
        await db().updateTable('outbox').set({ status: 'delivered' }).where('id', '=', outboxId).execute();
      } finally {
        ctx().app.baton.outboxHandlers.replace(previous as never);
      }
    });

    it('leaves rows of a type with no handler waiting, attempts unspent, until one is registered', async () => {
      const handler = ctx().app.baton.outboxHandlers.unregister('notify');
      const { outboxId } = await startExit();
      const report = await drain();
      expect(report.deliveries).toEqual({ delivered: 0, retry: 0, dead: 0, lost: 0 });
      expect(await outboxRow(outboxId)).toMatchObject({ status: 'pending', attempts: 0 });
      ctx().app.baton.outboxHandlers.register(handler as never);
      expect((await drain()).deliveries.delivered).toBe(1);
      expect((await outboxRow(outboxId)).status).toBe('delivered');
    });

    it('finishes in-flight deliveries on shutdown and gives unstarted claims back', async () => {
      // A second app on the same database with its workers on, one delivery at a time, as a server process.
      const app = await buildApp({
        db: ctx().database,
        config: testConfig({ workers: { ...base.workers, enabled: true, concurrency: 1, outboxMaxAttempts: MAX_ATTEMPTS } }),
        logger: false,
      });
      let release: () => void = () => {};
      webhook.script.push({ status: 200, hold: new Promise<void>((resolve) => (release = resolve)) });
      app.baton.outboxHandlers.replace(webhookNotifyHandler(webhook.url));
      const rows = [await startExit(), await startExit(), await startExit()];
      const arrived = webhook.nextRequest();
      await app.ready();
      await arrived;
      const closing = app.close();
      await new Promise((resolve) => setTimeout(resolve, 200));
      release();
      await closing;
      const states = await Promise.all(rows.map((r) => outboxRow(r.outboxId)));
      const delivered = states.filter((s) => s.status === 'delivered');
      const seen = JSON.stringify(states.map((x) => [x.status, x.attempts, x.locked_by]));
      expect(delivered, seen).toHaveLength(1);
      for (const s of states.filter((x) => x.status !== 'delivered')) expect(s, seen).toMatchObject({ status: 'pending', attempts: 0, locked_by: null, locked_until: null });
      const log = await db().selectFrom('outbox_deliveries').select(['status']).where('outbox_id', '=', delivered[0]!.id).execute();
      expect(log).toEqual([{ status: 'delivered' }]);
      // The rest are delivered by whoever runs next.
      expect((await drain()).deliveries.delivered).toBe(2);
    });
  },
  { config: { workers: { ...base.workers, enabled: false, outboxMaxAttempts: MAX_ATTEMPTS } } },
);

