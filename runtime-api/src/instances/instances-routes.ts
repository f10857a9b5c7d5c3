import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf } from '../auth/auth-plugin.js';
import { hasAnyRole, ROLES } from '../auth/principal.js';
import { runCommand } from '../commands/run-command.js';
import { ApiError } from '../errors/api-error.js';
import { withErrors } from '../app/schema-helpers.js';
import { instanceViewOf } from '../access/instance-access.js';
import { nodeFormsFor } from '../access/node-forms.js';
import { commandEnv, executionServices } from '../execution/execution-services.js';
import { executeInstanceCommand, type InstanceRow } from '../execution/instance-pipeline.js';
import '../execution/execution-errors.js';
import {
  CancelInstanceBody,
  InstanceCountsQuery,
  InstanceCountsResult,
  InstanceIdParams,
  InstanceListQuery,
  InstanceListResult,
  InstanceViewSchema,
  StartInstanceBody,
  StartInstanceParams,
} from './instance-schemas.js';
import { countInstances, listInstances } from './instance-list.js';
import { renderInstance, writtenByStart } from './instance-view.js';
import { flushHeldStepWrite } from '../execution/held-step-write.js';
import { startFlow } from './start-flow.js';

export const instancesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = executionServices(app.baton.database, app.baton.config);

  app.post(
    '/flows/:key/instances',
    {
      schema: {
        tags: ['instances'],
        summary: 'Start an instance of the latest published version of a flow (data checked by its start form)',
        params: StartInstanceParams,
        body: StartInstanceBody,
        response: withErrors({ 201: InstanceViewSchema }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { key } = request.params;
      const { data, businessKey } = request.body;
      const initiator = request.body.initiator ?? principal.userId;
      if (initiator !== principal.userId && !hasAnyRole(principal, [ROLES.hr])) {
        throw new ApiError('BATON_E_INITIATOR_NOT_ALLOWED', {}, [], '/initiator');
      }
      return runCommand(request, reply, async (trx) => {
        // Nothing before this writes the catalog: the versions read with the Idempotency-Key hold, and
        // definition lookups in this transaction may use the process's cache.
        const env = await commandEnv(trx, services, principal.userId, request.locale, { versionsAtStart: true });
        const flow = await services.definitions.flow(trx, key);
        if (!flow) throw new ApiError('BATON_E_FLOW_NOT_PUBLISHED', { flowKey: key }, [], '/params/key');
        if (initiator !== principal.userId && !env.directory.user(initiator)) {
          throw new ApiError('BATON_E_INITIATOR_UNKNOWN', { userId: initiator }, [], '/initiator');
        }
        // Business key, start form (at the start node), person fields, pipeline: shared with inbound webhooks.
        const { step, form } = await startFlow(env, {
          flow,
          data,
          initiator,
          starter: principal,
          ...(businessKey !== undefined ? { businessKey } : {}),
          // Built from the step's rows below, not read back: its write may go with the commit.
          mayHoldWrite: true,
        });
        // A fresh instance's rows are the ones this step wrote: the view is built from them, not read back.
        const written = writtenByStart(step);
        if (!written) await flushHeldStepWrite(trx);
        const view = await instanceViewOf(trx, principal, step.instance, flow.compiled, written?.tasks);
        // The caller started it (or HR did, who sees everything): the view is never empty.
        const body = await renderInstance(trx, step.instance, view.visible ? view : { visible: true, full: false, nodes: [flow.compiled.startNodeId] }, flow.compiled, form?.compiled, undefined, written);
        return { status: 201, body };
      });
    },
  );

  app.get(
    '/instances',
    {
      schema: {
        tags: ['instances'],
        summary: 'Instances the caller may see, newest first, by flow, version and status (keyset-paged)',
        querystring: InstanceListQuery,
        response: withErrors({ 200: InstanceListResult }),
      },
    },
    async (request) => {
      const { flowKey, version, status, limit = 50, cursor } = request.query;
      return listInstances(app.baton.database.db, principalOf(request), { flowKey, version, status, limit, cursor });
    },
  );

  app.get(
    '/instances/counts',
    {
      schema: {
        tags: ['instances'],
        summary: "Instances of one flow per version and status (every instance for designers, HR and admins; others' visible ones)",
        querystring: InstanceCountsQuery,
        response: withErrors({ 200: InstanceCountsResult }),
      },
    },
    async (request) => countInstances(app.baton.database.db, principalOf(request), request.query.flowKey),
  );

  app.get(
    '/instances/:id',
    {
      schema: {
        tags: ['instances'],
        summary: 'An instance as the caller may see it: data (hidden fields removed), open tasks, history',
        params: InstanceIdParams,
        response: withErrors({ 200: InstanceViewSchema }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const db = app.baton.database.db;
      const row = await db.selectFrom('instances').selectAll().where('id', '=', request.params.id).executeTakeFirst();
      const notFound = () => new ApiError('BATON_E_INSTANCE_NOT_FOUND', { instanceId: request.params.id }, [], '/params/id');
      if (!row) throw notFound();
      const flow = await services.definitions.flow(db, row.flow_key, row.flow_version);
      const view = await instanceViewOf(db, principal, row, flow?.compiled);
      if (!view.visible) throw notFound();
      const form = row.form_key ? await services.definitions.form(db, row.form_key) : undefined;
      return renderInstance(db, row, view, flow?.compiled, form?.compiled, await nodeFormsFor(db, services, flow?.compiled, view));
    },
  );

  app.post(
    '/instances/:id/cancel',
    {
      schema: {
        tags: ['instances'],
        summary: 'Cancel a running instance (HR, admin) or withdraw it (its initiator); open tasks and timers end',
        params: InstanceIdParams,
        body: CancelInstanceBody,
        response: withErrors({ 200: InstanceViewSchema }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const reason = request.body?.reason;
      const privileged = hasAnyRole(principal, [ROLES.hr]);
      return runCommand(request, reply, async (trx) => {
        const env = await commandEnv(trx, services, principal.userId, request.locale, { versionsAtStart: true });
        const authorize = async (row: InstanceRow) => {
          if (privileged || row.started_by === principal.userId) return;
          const flow = await services.definitions.flow(trx, row.flow_key, row.flow_version);
          const view = await instanceViewOf(trx, principal, row, flow?.compiled);
          if (!view.visible) throw new ApiError('BATON_E_INSTANCE_NOT_FOUND', { instanceId: row.id }, [], '/params/id');
          throw new ApiError('BATON_E_CANCEL_NOT_ALLOWED', { instanceId: row.id });
        };
        const step = await executeInstanceCommand(env, {
          instanceId: request.params.id,
          authorize,
          command: (_state, row) =>
            privileged
              ? { type: 'cancel', by: principal.userId, ...(reason !== undefined ? { reason } : {}) }
              : { type: 'withdraw', by: row.started_by, ...(reason !== undefined ? { reason } : {}) },
          audit: { action: privileged ? 'instance.cancelled' : 'instance.withdrawn', ...(reason !== undefined ? { comment: reason } : {}) },
        });
        const flow = await services.definitions.flow(trx, step.instance.flow_key, step.instance.flow_version);
        const form = step.instance.form_key ? await services.definitions.form(trx, step.instance.form_key) : undefined;
        const view = await instanceViewOf(trx, principal, step.instance, flow?.compiled);
        return { status: 200, body: await renderInstance(trx, step.instance, view, flow?.compiled, form?.compiled, await nodeFormsFor(trx, services, flow?.compiled, view)) };
      });
    },
  );
};
