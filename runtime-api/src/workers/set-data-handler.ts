import { changedPatch, evolveFlowState, instantToZonedDate, type DomainEvent, type FlowState, type SetDataEffect } from '@baton/engine';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/append-audit.js';
import type { Database } from '../db/database.js';
import { bumpDirectoryVersion } from '../execution/directory-snapshot.js';
import { commandEnv, type ExecutionServices } from '../execution/execution-services.js';
import { appendHistory } from '../execution/history-rows.js';
import { ConcurrentWriteError, writeRuleEffects } from '../execution/instance-pipeline.js';
import { runRules } from '../execution/rules-step.js';
import { appliedResult, recordApplied } from './effect-applications.js';
import type { OutboxDelivery, OutboxHandler, OutboxOutcome } from './outbox-handler.js';
import { withRaceRetry } from './worker-context.js';
import { instanceRuleRecord, instanceRuleScope } from '../execution/instance-rule-record.js';
import { instancePatchIssues, refusePatch } from './set-data-validation.js';
import { mergeFields, splitClears } from '../records/merge-fields.js';
import { leavesRecordUnchanged } from '../records/record-unchanged.js';

const dead = (error: string): OutboxOutcome => ({ status: 'dead', error });
const delivered = (note: string): OutboxOutcome => ({ status: 'delivered', log: { note } });

function rulesNote(fired: Array<{ rule: string; version: number }>): Record<string, unknown> {
  return fired.length > 0 ? { rules: fired.map((f) => `${f.rule}@${f.version}`) } : {};
}

/**
 * The engine has no command that patches an instance's data from outside a task, so this is one, built
 * the way the engine records a change: a `data.changed` event (patch, previous, data) folded into the
 * state with `evolveFlowState`, so replaying the history gives the same state; the event goes to the
 * rules (date-offset timers are re-planned), the version is bumped and the change audited.
 */
async function patchInstance(trx: Kysely<Database>, services: ExecutionServices, instanceId: string, effect: SetDataEffect): Promise<OutboxOutcome> {
  const row = await trx.selectFrom('instances').selectAll().where('id', '=', instanceId).forUpdate().executeTakeFirst();
  if (!row) return dead(`instance ${instanceId} does not exist`);
  if (await appliedResult(trx, effect.key)) return delivered(`already applied to instance ${instanceId}`);
  const env = await commandEnv(trx, services, 'system', 'en');
  const state = row.state as unknown as FlowState;
  const previous = state.data as Record<string, unknown>;
  const issues = await instancePatchIssues(trx, services, { key: row.flow_key, version: state.flowVersion }, { ...previous, ...effect.patch }, effect.patch, env.now);
  if (issues.length > 0) {
    return refusePatch(trx, { effectKey: effect.key, target: `instance ${row.id} (flow "${row.flow_key}")`, subjectKind: 'instance', subjectId: row.id, at: env.now, issues });
  }
  // Valid and changing nothing: no data.changed event, history, version bump or audit entry, as the engine
  // does for a task's unchanged data; the effect is still marked applied (a redelivery must not apply it later).
  if (!changedPatch(previous, effect.patch)) {
    await recordApplied(trx, effect.key, 'setData', { instanceId: row.id, version: row.version });
    return delivered(`instance ${row.id}: nothing changed (version ${row.version})`);
  }
  const event: DomainEvent = {
    type: 'data.changed',
    at: env.now.toISOString(),
    seq: state.version + 1,
    instanceId: row.id,
    flowKey: row.flow_key,
    flowVersion: state.flowVersion,
    actor: 'system',
    payload: { patch: effect.patch, effectKey: effect.key },
    previous,
    data: { ...previous, ...effect.patch },
  };
  const next = evolveFlowState(state, event);
  let seq = await appendHistory(trx, row.id, row.history_seq, [event], 'flow');
  const rules = await services.definitions.rulesFor(trx, instanceRuleScope(row));
  const record = instanceRuleRecord(row, next.data as Record<string, unknown>);
  const ruled = await runRules(env, rules, [event], { record });
  seq = await writeRuleEffects(env, { instanceId: row.id, flowKey: row.flow_key, recordId: null }, ruled.effects, seq);
  const updated = await trx
    .updateTable('instances')
    .set((eb) => ({ state: JSON.stringify(next), data: JSON.stringify(next.data), version: eb('version', '+', 1), history_seq: seq, updated_at: env.now }))
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .returning('version')
    .executeTakeFirst();
  if (!updated) throw new ConcurrentWriteError(row.id);
  await appendAudit(trx, {
    actor: 'system',
    action: 'instance.data-set',
    subjectKind: 'instance',
    subjectId: row.id,
    at: env.now,
    data: { fields: Object.keys(effect.patch), effectKey: effect.key, ...rulesNote(ruled.fired) },
  });
  await recordApplied(trx, effect.key, 'setData', { instanceId: row.id, version: updated.version });
  return delivered(`instance ${row.id}: set ${Object.keys(effect.patch).join(', ')} (version ${updated.version})`);
}

/** A record of a collection form: merged (null clears), validated by its form, written at the version read, offered to the rules. */
async function patchRecord(trx: Kysely<Database>, services: ExecutionServices, recordId: string, effect: SetDataEffect): Promise<OutboxOutcome> {
  let query = trx.selectFrom('records').selectAll().where('id', '=', recordId);
  if (effect.formKey) query = query.where('form_key', '=', effect.formKey);
  const current = await query.forUpdate().executeTakeFirst();
  if (!current) return dead(`there is no record ${recordId}${effect.formKey ? ` of form "${effect.formKey}"` : ''}`);
  if (await appliedResult(trx, effect.key)) return delivered(`already applied to record ${recordId}`);
  const env = await commandEnv(trx, services, 'system', 'en');
  const form = await services.definitions.form(trx, current.form_key);
  if (!form) return dead(`form "${current.form_key}" is not published`);
  // A null in the patch clears the field (holderId of a returned asset); the form then judges the whole record.
  const result = form.compiled.validate(mergeFields(current.data, effect.patch), {
    locale: 'en',
    previous: current.data,
    ctx: { now: env.now.toISOString(), timeZone: services.timeZone },
  });
  if (!result.ok) {
    return refusePatch(trx, {
      effectKey: effect.key, target: `record ${current.form_key}/${current.id}`, subjectKind: 'record', subjectId: `${current.form_key}/${current.id}`, at: env.now, issues: result.errors,
    });
  }
  if (leavesRecordUnchanged(current, result.data, form.version)) {
    await recordApplied(trx, effect.key, 'setData', { recordId: current.id, version: current.version });
    return delivered(`record ${current.form_key}/${current.id}: nothing changed (version ${current.version})`);
  }
  const row = await trx
    .updateTable('records')
    .set((eb) => ({ data: JSON.stringify(result.data), form_version: form.version, version: eb('version', '+', 1), updated_by: 'system', updated_at: env.now }))
    .where('id', '=', current.id)
    .where('version', '=', current.version)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new ConcurrentWriteError(current.id);
  // For the audit and the log: the fields this write removed (a null for a field already absent removes nothing).
  const cleared = splitClears(effect.patch).cleared.filter((key) => Object.hasOwn(current.data, key));
  const set = Object.keys(effect.patch).filter((key) => effect.patch[key] !== null);
  const event: DomainEvent = {
    type: 'record.updated', at: env.now.toISOString(), seq: row.version, actor: 'system',
    initiator: row.created_by, formKey: row.form_key, recordId: row.id, data: row.data, previous: current.data,
  };
  const rules = await services.definitions.rulesFor(trx, { formKey: row.form_key });
  const ruled = await runRules(env, rules, [event], { record: { id: row.id, formKey: row.form_key, initiator: row.created_by, data: row.data } });
  await writeRuleEffects(env, { instanceId: null, flowKey: null, recordId: row.id }, ruled.effects, 0);
  await appendAudit(trx, {
    actor: 'system',
    action: 'record.updated',
    subjectKind: 'record',
    subjectId: `${row.form_key}/${row.id}`,
    at: env.now,
    data: { version: row.version, effectKey: effect.key, ...(cleared.length > 0 ? { cleared } : {}), ...rulesNote(ruled.fired) },
  });
  await recordApplied(trx, effect.key, 'setData', { recordId: row.id, version: row.version });
  const wrote = [set.length > 0 ? `set ${set.join(', ')}` : '', cleared.length > 0 ? `cleared ${cleared.join(', ')}` : ''].filter(Boolean).join('; ');
  return delivered(`record ${row.form_key}/${row.id}: ${wrote} (version ${row.version})`);
}

/** `leaveDate` as the directory keeps it (YYYY-MM-DD); an instant is read in the organisation's zone. */
function leaveDateOf(value: unknown, timeZone: string): string | null | undefined {
  if (value === null) return null;
  if (typeof value !== 'string') return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return Number.isNaN(Date.parse(value)) ? undefined : instantToZonedDate(new Date(value).toISOString(), timeZone);
}

/**
 * A person's directory entry (a rule marking a leaver as left): `leaveDate` (null clears it), `active` and
 * `attributes` (merged; a null attribute is removed) are applied, other keys ignored. The directory version is bumped so every process reloads it;
 * `active: false` ends the person's tokens at once, as an import would.
 */
async function patchUser(trx: Kysely<Database>, services: ExecutionServices, userId: string, effect: SetDataEffect): Promise<OutboxOutcome> {
  const user = await trx.selectFrom('directory_users').selectAll().where('id', '=', userId).forUpdate().executeTakeFirst();
  if (!user) return dead(`user ${userId} is not in the directory`);
  if (await appliedResult(trx, effect.key)) return delivered(`already applied to user ${userId}`);
  const { patch } = effect;
  const set: { leave_date?: string | null; active?: boolean; attributes?: string } = {};
  if ('leaveDate' in patch) {
    const date = leaveDateOf(patch.leaveDate, services.timeZone);
    if (date === undefined) return dead(`leaveDate must be a date (YYYY-MM-DD), got ${JSON.stringify(patch.leaveDate)}`);
    set.leave_date = date;
  }
  if ('active' in patch) {
    if (typeof patch.active !== 'boolean') return dead(`active must be true or false, got ${JSON.stringify(patch.active)}`);
    set.active = patch.active;
  }
  if ('attributes' in patch) {
    const attributes = patch.attributes;
    if (!attributes || typeof attributes !== 'object' || Array.isArray(attributes)) return dead('attributes must be an object');
    // Merged like a record's fields: a null attribute is removed.
    set.attributes = JSON.stringify(mergeFields(user.attributes as Record<string, unknown>, attributes as Record<string, unknown>));
  }
  const ignored = Object.keys(patch).filter((k) => !['leaveDate', 'active', 'attributes'].includes(k));
  const fields = Object.keys(set);
  if (fields.length > 0) {
    const env = await commandEnv(trx, services, 'system', 'en');
    await trx.updateTable('directory_users').set({ ...set, updated_at: env.now }).where('id', '=', userId).execute();
    await bumpDirectoryVersion(trx);
    await appendAudit(trx, {
      actor: 'system',
      action: 'directory.user-updated',
      subjectKind: 'user',
      subjectId: userId,
      at: env.now,
      data: { fields: Object.keys(patch).filter((k) => !ignored.includes(k)), effectKey: effect.key },
    });
  }
  await recordApplied(trx, effect.key, 'setData', { userId, fields });
  const skipped = ignored.length > 0 ? `; ignored ${ignored.join(', ')}` : '';
  return delivered(`user ${userId}: ${fields.length > 0 ? `set ${Object.keys(patch).filter((k) => !ignored.includes(k)).join(', ')}` : 'nothing to set'}${skipped}`);
}

/** Built-in `setData`: patches a directory user, the instance the effect names (or the outbox row's), or a record of a form. */
export function setDataHandler(services: ExecutionServices): OutboxHandler<'setData'> {
  return {
    type: 'setData',
    async handle(delivery: OutboxDelivery<SetDataEffect>, ctx) {
      const effect = delivery.effect;
      if (effect.userId) {
        const userId = effect.userId;
        return withRaceRetry(() => ctx.db.transaction().execute((trx) => patchUser(trx, services, userId, effect)));
      }
      const instanceId = effect.instanceId ?? (effect.recordId ? undefined : (delivery.instanceId ?? undefined));
      if (!instanceId && !effect.recordId) return dead('the setData effect names neither an instance nor a record');
      return withRaceRetry(() =>
        ctx.db.transaction().execute((trx) =>
          instanceId ? patchInstance(trx, services, instanceId, effect) : patchRecord(trx, services, effect.recordId ?? '', effect),
        ),
      );
    },
  };
}
