import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { instanceViewOf } from '../access/instance-access.js';
import { appendAudit } from '../audit/append-audit.js';
import { principalOf } from '../auth/auth-plugin.js';
import { withErrors } from '../app/schema-helpers.js';
import { runCommand } from '../commands/run-command.js';
import { ApiError } from '../errors/api-error.js';
import { executionServices } from '../execution/execution-services.js';
import '../execution/execution-errors.js';
import { workerDb } from './worker-database.js';
import './workers-errors.js';
import {
  DeliveryListQuery,
  InstanceDeliveriesResult,
  InstanceIdParams,
  OutboxDetailSchema,
  OutboxIdParams,
  OutboxListQuery,
  OutboxListResult,
  OutboxViewSchema,
  ReplayBody,
  TimerIdParams,
  TimerListQuery,
  TimerListResult,
  TimerViewSchema,
  toDeliveryView,
  toOutboxView,
  toTimerView,
} from './workers-schemas.js';

/** Admins only: the dead letters hold effects (and thus data) of every instance. */
const ADMIN_ONLY = { roles: [] as string[] };

/**
 * The outbox and timers as operators see them (lists, a row with its delivery log, replay of dead letters)
 * and an instance's delivery log for its timeline.
 */
export const workersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = workerDb(app.baton.database.db);
  const services = executionServices(app.baton.database, app.baton.config);

  app.get(
    '/outbox',
    {
      config: ADMIN_ONLY,
      schema: {
        tags: ['workers'],
        summary: 'Outbox entries (effects delivered after commit), newest first: filter by status, instance, type (admin)',
        querystring: OutboxListQuery,
        response: withErrors({ 200: OutboxListResult }),
      },
    },
    async (request) => {
      const { status, instanceId, type, limit = 100, offset = 0 } = request.query;
      let query = db.selectFrom('outbox').selectAll();
      if (status) query = query.where('status', '=', status);
      if (instanceId) query = query.where('instance_id', '=', instanceId);
      if (type) query = query.where('effect_type', '=', type);
      const rows = await query.orderBy('created_at', 'desc').orderBy('id').limit(limit).offset(offset).execute();
      return { items: rows.map(toOutboxView), limit, offset };
    },
  );

  app.get(
    '/outbox/:id',
    {
      config: ADMIN_ONLY,
      schema: {
        tags: ['workers'],
        summary: 'One outbox entry with its effect and every delivery attempt (admin)',
        params: OutboxIdParams,
        response: withErrors({ 200: OutboxDetailSchema }),
      },
    },
    async (request) => {
      const row = await db.selectFrom('outbox').selectAll().where('id', '=', request.params.id).executeTakeFirst();
      if (!row) throw new ApiError('BATON_E_OUTBOX_NOT_FOUND', { outboxId: request.params.id }, [], '/params/id');
      const deliveries = await db.selectFrom('outbox_deliveries').selectAll().where('outbox_id', '=', row.id).orderBy('id').execute();
      return { ...toOutboxView(row), effect: row.effect, deliveries: deliveries.map((d) => toDeliveryView(d, true)) };
    },
  );

  app.post(
    '/outbox/:id/replay',
    {
      config: ADMIN_ONLY,
      schema: {
        tags: ['workers'],
        summary: 'Send a dead letter again: back to pending with its attempts reset; audited (admin)',
        params: OutboxIdParams,
        body: ReplayBody,
        response: withErrors({ 200: OutboxViewSchema }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const result = await runCommand(request, reply, async (trx) => {
        const wdb = workerDb(trx);
        const row = await wdb.selectFrom('outbox').selectAll().where('id', '=', request.params.id).forUpdate().executeTakeFirst();
        if (!row) throw new ApiError('BATON_E_OUTBOX_NOT_FOUND', { outboxId: request.params.id }, [], '/params/id');
        if (row.status !== 'dead') throw new ApiError('BATON_E_OUTBOX_NOT_DEAD', { outboxId: row.id, status: row.status });
        const updated = await wdb
          .updateTable('outbox')
          .set({ status: 'pending', attempts: 0, next_attempt_at: new Date(), locked_until: null, locked_by: null })
          .where('id', '=', row.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await appendAudit(trx, {
          actor: principal.userId,
          action: 'outbox.replayed',
          subjectKind: 'outbox',
          subjectId: row.id,
          data: {
            type: row.effect_type,
            instanceId: row.instance_id,
            attempts: row.attempts,
            lastError: row.last_error,
            ...(request.body?.comment !== undefined ? { comment: request.body.comment } : {}),
          },
        });
        return { status: 200, body: toOutboxView(updated) };
      });
      app.baton.workers.wake();
      return result;
    },
  );

  app.get(
    '/timers',
    {
      config: ADMIN_ONLY,
      schema: {
        tags: ['workers'],
        summary: 'Timers, soonest due first: filter by status (e.g. dead), instance, kind (admin)',
        querystring: TimerListQuery,
        response: withErrors({ 200: TimerListResult }),
      },
    },
    async (request) => {
      const { status, instanceId, kind, limit = 100, offset = 0 } = request.query;
      let query = db.selectFrom('timers').selectAll();
      if (status) query = query.where('status', '=', status);
      if (instanceId) query = query.where('instance_id', '=', instanceId);
      if (kind) query = query.where('kind', '=', kind);
      const rows = await query.orderBy('due_at').orderBy('id').limit(limit).offset(offset).execute();
      return { items: rows.map(toTimerView), limit, offset };
    },
  );

  app.post(
    '/timers/:id/replay',
    {
      config: ADMIN_ONLY,
      schema: {
        tags: ['workers'],
        summary: 'Fire a dead timer again: back to scheduled with its attempts reset; audited (admin)',
        params: TimerIdParams,
        body: ReplayBody,
        response: withErrors({ 200: TimerViewSchema }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const result = await runCommand(request, reply, async (trx) => {
        const wdb = workerDb(trx);
        const row = await wdb.selectFrom('timers').selectAll().where('id', '=', request.params.id).forUpdate().executeTakeFirst();
        if (!row) throw new ApiError('BATON_E_TIMER_NOT_FOUND', { timerId: request.params.id }, [], '/params/id');
        if (row.status !== 'dead') throw new ApiError('BATON_E_TIMER_NOT_DEAD', { timerId: row.id, status: row.status });
        // The due time stays: rule timers are matched by it. Past due, it fires on the next round.
        const updated = await wdb
          .updateTable('timers')
          .set({ status: 'scheduled', attempts: 0, locked_until: null, locked_by: null })
          .where('id', '=', row.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await appendAudit(trx, {
          actor: principal.userId,
          action: 'timer.replayed',
          subjectKind: 'timer',
          subjectId: row.id,
          data: {
            kind: row.kind,
            instanceId: row.instance_id,
            attempts: row.attempts,
            lastError: row.last_error,
            ...(request.body?.comment !== undefined ? { comment: request.body.comment } : {}),
          },
        });
        return { status: 200, body: toTimerView(updated) };
      });
      app.baton.workers.wake();
      return result;
    },
  );

  app.get(
    '/instances/:id/deliveries',
    {
      schema: {
        tags: ['instances'],
        summary: "An instance's outbox entries and delivery log, for its timeline (participants; bodies for HR and admins)",
        params: InstanceIdParams,
        querystring: DeliveryListQuery,
        response: withErrors({ 200: InstanceDeliveriesResult }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const base = app.baton.database.db;
      const row = await base.selectFrom('instances').selectAll().where('id', '=', request.params.id).executeTakeFirst();
      const notFound = () => new ApiError('BATON_E_INSTANCE_NOT_FOUND', { instanceId: request.params.id }, [], '/params/id');
      if (!row) throw notFound();
      const flow = await services.definitions.flow(base, row.flow_key, row.flow_version);
      const view = await instanceViewOf(base, principal, row, flow?.compiled);
      if (!view.visible) throw notFound();
      const { limit = 100, offset = 0 } = request.query;
      const outbox = await db.selectFrom('outbox').selectAll().where('instance_id', '=', row.id).orderBy('created_at').orderBy('id').execute();
      const deliveries = await db.selectFrom('outbox_deliveries').selectAll().where('instance_id', '=', row.id).orderBy('id').limit(limit).offset(offset).execute();
      // Request and response bodies may carry fields a participant's view hides: full viewers only.
      return { outbox: outbox.map(toOutboxView), items: deliveries.map((d) => toDeliveryView(d, view.full)), limit, offset };
    },
  );
};
