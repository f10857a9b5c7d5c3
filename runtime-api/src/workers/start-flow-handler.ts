import { BatonError, type StartFlowEffect } from '@baton/engine';
import type { Kysely } from 'kysely';
import { subjectOf } from '../access/instance-access.js';
import type { Database } from '../db/database.js';
import { commandEnv, type ExecutionServices } from '../execution/execution-services.js';
import { startInstance } from '../execution/instance-pipeline.js';
import { appliedResult, recordApplied } from './effect-applications.js';
import type { OutboxDelivery, OutboxHandler, OutboxOutcome } from './outbox-handler.js';
import { withRaceRetry } from './worker-context.js';
import { workerDb } from './worker-database.js';

const dead = (error: string): OutboxOutcome => ({ status: 'dead', error });

/** Who starts the child: the parent's initiator (a subflow), else the initiator of the instance whose rule asked. */
async function initiatorFor(trx: Kysely<Database>, effect: StartFlowEffect, ownerId: string | null): Promise<string> {
  const from = effect.parent?.instanceId ?? ownerId;
  if (!from) return 'system';
  const row = await trx.selectFrom('instances').select('started_by').where('id', '=', from).executeTakeFirst();
  return row?.started_by ?? 'system';
}

async function startChild(trx: Kysely<Database>, services: ExecutionServices, delivery: OutboxDelivery<StartFlowEffect>): Promise<OutboxOutcome> {
  const effect = delivery.effect;
  const applied = await appliedResult(trx, effect.key);
  if (applied) return { status: 'delivered', log: { note: `already started as instance ${String(applied.instanceId)}` } };
  const flow = await services.definitions.flow(trx, effect.flowKey);
  if (!flow) return dead(`there is no published flow "${effect.flowKey}": publish it, then replay this delivery`);
  let businessKey = effect.businessKey;
  let note = '';
  if (businessKey !== undefined) {
    const existing = await trx.selectFrom('instances').select('id').where('flow_key', '=', effect.flowKey).where('business_key', '=', businessKey).executeTakeFirst();
    if (existing && !effect.parent) {
      // A rule's start is idempotent by business key too: the instance someone already started is the one meant.
      await recordApplied(trx, effect.key, 'startFlow', { instanceId: existing.id, existing: true });
      return { status: 'delivered', log: { note: `flow "${effect.flowKey}" already has instance ${existing.id} for business key "${businessKey}"` } };
    }
    if (existing) {
      // A subflow entered again (a loop back) needs a new child; the parent link identifies it, not the key.
      note = ` without business key "${businessKey}" (instance ${existing.id} holds it)`;
      businessKey = undefined;
    }
  }
  const formKey = flow.compiled.definition.form;
  const form = formKey ? await services.definitions.form(trx, formKey) : undefined;
  if (formKey && !form) return dead(`form "${formKey}" of flow "${effect.flowKey}" is not published`);
  const env = await commandEnv(trx, services, 'system', 'en');
  let data = effect.data;
  if (form) {
    const result = form.compiled.validate(data, { node: flow.compiled.startNodeId, locale: 'en', ctx: { now: env.now.toISOString(), timeZone: services.timeZone } });
    if (!result.ok) return dead(`the start form of "${effect.flowKey}" refuses the data: ${result.errors.map((e) => `${e.path || '/'} ${e.message}`).join('; ')}`);
    data = result.data;
  }
  const step = await startInstance(env, {
    flow,
    data,
    initiator: await initiatorFor(trx, effect, delivery.instanceId),
    subjectId: subjectOf(form?.compiled, form?.body, data),
    ...(businessKey !== undefined ? { businessKey } : {}),
  });
  const childId = step.instance.id;
  if (effect.parent) {
    // The parent link: a worker signals the parent's subflow node when this child ends (subflow-completion.ts).
    await workerDb(trx)
      .updateTable('instances')
      .set({ parent_instance_id: effect.parent.instanceId, parent_node_id: effect.parent.nodeId, parent_token_id: effect.parent.tokenId })
      .where('id', '=', childId)
      .execute();
  }
  await recordApplied(trx, effect.key, 'startFlow', { instanceId: childId });
  return { status: 'delivered', log: { note: `started instance ${childId} of flow "${effect.flowKey}" v${flow.version}${note}` } };
}

/** Built-in `startFlow`: a child instance through the ordinary start pipeline, at most once per effect key. */
export function startFlowHandler(services: ExecutionServices): OutboxHandler<'startFlow'> {
  return {
    type: 'startFlow',
    async handle(delivery: OutboxDelivery<StartFlowEffect>, ctx) {
      try {
        return await withRaceRetry(() => ctx.db.transaction().execute((trx) => startChild(trx, services, delivery)));
      } catch (err) {
        // The engine refusing the start (a definition problem) will refuse it again: dead letter, fix, replay.
        if (err instanceof BatonError) return dead(err.message);
        throw err;
      }
    },
  };
}
