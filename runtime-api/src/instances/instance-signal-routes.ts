import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { BatonError, validateAgainstSchema, type CompiledFlow, type FlowState, type NodeSignal } from '@baton/engine';
import { principalOf } from '../auth/auth-plugin.js';
import { ROLES, type Principal } from '../auth/principal.js';
import { runCommand } from '../commands/run-command.js';
import { ApiError } from '../errors/api-error.js';
import { withErrors } from '../app/schema-helpers.js';
import { instanceViewOf } from '../access/instance-access.js';
import { commandEnv, executionServices } from '../execution/execution-services.js';
import { executeInstanceCommand, type InstanceRow } from '../execution/instance-pipeline.js';
import { InstanceIdParams } from './instance-schemas.js';
import { SignalInstanceBody, SignalInstanceResult } from './signal-schemas.js';
import './signal-errors.js';
import '../execution/execution-errors.js';

/** A token of the instance that waits at a node declaring the signal, with what the node declared. */
interface Waiting {
  nodeId: string;
  /** Undefined when the node type declares no signals: only an admin may try it (the reducer decides). */
  spec: NodeSignal | undefined;
}

/** The tokens that would hear `name`: at nodes declaring it, or at nodes declaring nothing (admins only). */
function waitingFor(flow: CompiledFlow, state: FlowState, name: string): Waiting[] {
  const out: Waiting[] = [];
  for (const token of state.tokens) {
    if (token.waiting) continue;
    const node = flow.node(token.nodeId);
    if (!node || node.role !== 'activity') continue;
    if (!node.nodeType.signals) {
      if (node.nodeType.on && node.nodeType.waitState) out.push({ nodeId: node.id, spec: undefined });
      continue;
    }
    const spec = node.nodeType.signals(node.config).find((s) => s.name === name);
    if (spec) out.push({ nodeId: node.id, spec });
  }
  return out;
}

function mayDeliver(principal: Principal, waiting: Waiting): boolean {
  if (principal.roles.includes(ROLES.admin)) return true;
  return (waiting.spec?.roles ?? []).some((role) => principal.roles.includes(role));
}

/**
 * POST /instances/:id/signals: resumes a step waiting for an outside event (a callback, a signature, a
 * payment). The node type says which signals it waits for and who may send them (`signals(config)`); the
 * signal goes through the engine's `signal` command in the same transaction as every other instance command.
 */
export const instanceSignalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = executionServices(app.baton.database, app.baton.config);

  app.post(
    '/instances/:id/signals',
    {
      schema: {
        tags: ['instances'],
        summary: 'Send a signal to a step waiting for it (an admin, or a role the waiting step names)',
        params: InstanceIdParams,
        body: SignalInstanceBody,
        response: withErrors({ 200: SignalInstanceResult }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { name, data } = request.body;
      return runCommand(request, reply, async (trx) => {
        const env = await commandEnv(trx, services, principal.userId, request.locale, { versionsAtStart: true });
        let targets: Waiting[] = [];
        let waitingCount = 0;
        const authorize = async (row: InstanceRow) => {
          const flow = await services.definitions.flow(trx, row.flow_key, row.flow_version, env.catalog);
          if (!flow) throw new ApiError('BATON_E_FLOW_NOT_PUBLISHED', { flowKey: `${row.flow_key}@${row.flow_version}` });
          const state = row.state as unknown as FlowState;
          const waiting = state.status === 'running' ? waitingFor(flow.compiled, state, name) : [];
          targets = waiting.filter((w) => mayDeliver(principal, w));
          waitingCount = waiting.length;
          if (targets.length === 0) {
            // Per object: whoever may neither see the instance nor signal it learns nothing about it.
            const view = await instanceViewOf(trx, principal, row, flow.compiled);
            if (!view.visible && !principal.roles.includes(ROLES.admin)) {
              throw new ApiError('BATON_E_INSTANCE_NOT_FOUND', { instanceId: row.id }, [], '/params/id');
            }
            if (state.status !== 'running') throw new ApiError('BATON_E_SIGNAL_INSTANCE_ENDED', { instanceId: row.id, status: state.status });
            if (waiting.length === 0) throw new ApiError('BATON_E_SIGNAL_NOT_AWAITED', { instanceId: row.id, name }, [], '/name');
            const roles = [...new Set(waiting.flatMap((w) => w.spec?.roles ?? []))];
            throw new ApiError('BATON_E_SIGNAL_NOT_ALLOWED', { instanceId: row.id, name, roles: roles.join(', ') || ROLES.admin }, [], '/name');
          }
          for (const target of targets) {
            const schema = target.spec?.dataSchema;
            const issues = schema === undefined ? [] : validateAgainstSchema(schema, data ?? {}, '/data', request.locale);
            if (issues.length > 0) throw new ApiError('BATON_E_SIGNAL_DATA_INVALID', { name }, issues, issues[0]?.path ?? '/data');
          }
        };
        const step = await executeInstanceCommand(env, {
          instanceId: request.params.id,
          authorize,
          // When the caller may not signal every waiting node, only the first one they may is addressed.
          command: () => ({
            type: 'signal',
            name,
            ...(data !== undefined ? { payload: data } : {}),
            ...(targets.length < waitingCount || targets.length === 1 ? { nodeId: targets[0]!.nodeId } : {}),
          }),
          audit: { action: 'instance.signalled', data: { signal: name, nodes: targets.map((t) => t.nodeId) } },
        }).catch((err: unknown) => {
          // A node that declares no signals (admins only) turned it down: nobody was waiting for this one.
          if (err instanceof BatonError && err.code === 'BATON_E_FLOW_SIGNAL_UNHANDLED') {
            throw new ApiError('BATON_E_SIGNAL_NOT_AWAITED', { instanceId: request.params.id, name }, [], '/name');
          }
          throw err;
        });
        return { status: 200, body: { instanceId: step.instance.id, name, status: step.state.status, nodes: targets.map((t) => t.nodeId) } };
      });
    },
  );
};
