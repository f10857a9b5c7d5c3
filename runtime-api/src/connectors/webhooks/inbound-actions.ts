import type { DomainEvent } from '@baton/engine';
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { subjectOf } from '../../access/instance-access.js';
import { appendAudit } from '../../audit/append-audit.js';
import type { RecordsTable } from '../../db/database.js';
import { ApiError } from '../../errors/api-error.js';
import type { CommandEnv } from '../../execution/execution-services.js';
import { startInstance, underData, writeRuleEffects } from '../../execution/instance-pipeline.js';
import { runRules } from '../../execution/rules-step.js';
import { leavesRecordUnchanged } from '../../records/record-unchanged.js';
import '../../execution/execution-errors.js';
import './hook-errors.js';
import { publishDomainEvents, recordEventIds } from './publish-domain-events.js';

export interface InboundOutcome {
  status: 'started' | 'created' | 'updated';
  instanceId?: string;
  recordId?: string;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The mapping builds the same body as POST /api/flows/:key/instances — `{ data, businessKey?, initiator? }` —
 * or, when it returns anything else, the data alone.
 */
export function flowInput(mapped: Record<string, unknown>): { data: Record<string, unknown>; businessKey?: string; initiator?: string } {
  const keys = Object.keys(mapped);
  if (isPlainObject(mapped.data) && keys.every((k) => ['data', 'businessKey', 'initiator'].includes(k))) {
    return {
      data: mapped.data,
      ...(typeof mapped.businessKey === 'string' ? { businessKey: mapped.businessKey } : {}),
      ...(typeof mapped.initiator === 'string' ? { initiator: mapped.initiator } : {}),
    };
  }
  return { data: mapped };
}

/** Starts the latest published version of the flow, exactly as the API does: start-form validation, business key, pipeline. */
export async function startFlowFromHook(env: CommandEnv, flowKey: string, mapped: Record<string, unknown>, hookActor: string): Promise<InboundOutcome> {
  const input = flowInput(mapped);
  const flow = await env.services.definitions.flow(env.trx, flowKey);
  if (!flow) throw new ApiError('BATON_E_FLOW_NOT_PUBLISHED', { flowKey }, [], '/config/inbound/flow');
  const initiator = input.initiator ?? hookActor;
  if (input.initiator !== undefined && !env.directory.user(input.initiator)) throw new ApiError('BATON_E_INITIATOR_UNKNOWN', { userId: input.initiator }, [], '/initiator');
  if (input.businessKey !== undefined) {
    const existing = await env.trx.selectFrom('instances').select('id').where('flow_key', '=', flowKey).where('business_key', '=', input.businessKey).executeTakeFirst();
    if (existing) throw new ApiError('BATON_E_BUSINESS_KEY_TAKEN', { flowKey, businessKey: input.businessKey, instanceId: existing.id }, [], '/businessKey');
  }
  const formKey = flow.compiled.definition.form;
  const form = formKey ? await env.services.definitions.form(env.trx, formKey) : undefined;
  if (formKey && !form) throw new ApiError('BATON_E_FORM_NOT_PUBLISHED', { formKey });
  let data = input.data;
  if (form) {
    const result = form.compiled.validate(data, { node: flow.compiled.startNodeId, locale: env.locale, ctx: { now: env.now.toISOString(), timeZone: env.services.timeZone } });
    if (!result.ok) {
      const issues = underData(result.errors);
      throw new ApiError('BATON_E_DATA_INVALID', {}, issues, issues[0]?.path ?? '/data');
    }
    data = result.data;
  }
  const step = await startInstance(env, {
    flow,
    data,
    initiator,
    subjectId: subjectOf(form?.compiled, form?.body, data),
    ...(input.businessKey !== undefined ? { businessKey: input.businessKey } : {}),
  });
  return { status: 'started', instanceId: step.instance.id };
}

function readDotted(value: unknown, path: string): unknown {
  let out: unknown = value;
  for (const part of path.split('.')) {
    if (!isPlainObject(out)) return undefined;
    out = out[part];
  }
  return out;
}

/**
 * Creates the record, or merges into the one whose id the payload names (`idField`), validated by the
 * collection form; rules see record.created / record.updated as they do for the API.
 */
export async function upsertRecordFromHook(
  env: CommandEnv,
  formKey: string,
  mapped: Record<string, unknown>,
  payload: unknown,
  idField: string | undefined,
): Promise<InboundOutcome> {
  const form = await env.services.definitions.form(env.trx, formKey);
  if (!form) throw new ApiError('BATON_E_FORM_NOT_PUBLISHED', { formKey }, [], '/config/inbound/form');
  if (form.body.collection !== true) throw new ApiError('BATON_E_FORM_NOT_COLLECTION', { formKey }, [], '/config/inbound/form');
  const rawId = idField ? readDotted(payload, idField) : undefined;
  if (idField && (typeof rawId !== 'string' && typeof rawId !== 'number')) {
    throw new ApiError('BATON_E_HOOK_RECORD_ID', { idField }, [], `/${idField.split('.').join('/')}`);
  }
  const id = rawId === undefined ? randomUUID() : String(rawId);
  const current = await env.trx.selectFrom('records').selectAll().where('id', '=', id).where('form_key', '=', formKey).forUpdate().executeTakeFirst();
  const merged = current ? { ...current.data, ...mapped } : mapped;
  const result = form.compiled.validate(merged, { locale: env.locale, ctx: { now: env.now.toISOString(), timeZone: env.services.timeZone }, ...(current ? { previous: current.data } : {}) });
  if (!result.ok) {
    const issues = underData(result.errors);
    throw new ApiError('BATON_E_DATA_INVALID', {}, issues, issues[0]?.path ?? '/data');
  }
  // An update that changes nothing writes nothing (no version bump, event or audit entry).
  if (current && leavesRecordUnchanged(current, result.data, form.version)) return { status: 'updated', recordId: current.id };
  let row: Selectable<RecordsTable>;
  if (current) {
    row = await env.trx
      .updateTable('records')
      .set((eb) => ({ data: JSON.stringify(result.data), form_version: form.version, version: eb('version', '+', 1), updated_by: env.actor, updated_at: env.now }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  } else {
    row = await env.trx
      .insertInto('records')
      .values({ id, form_key: formKey, form_version: form.version, data: JSON.stringify(result.data), instance_id: null, created_by: env.actor, updated_by: env.actor, created_at: env.now, updated_at: env.now })
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  const event: DomainEvent = {
    type: current ? 'record.updated' : 'record.created',
    at: env.now.toISOString(),
    seq: row.version,
    actor: env.actor,
    initiator: row.created_by,
    formKey,
    recordId: row.id,
    data: row.data,
    ...(current ? { previous: current.data } : {}),
  };
  const rules = await env.services.definitions.rulesFor(env.trx, { formKey });
  const ruled = await runRules(env, rules, [event], { record: { id: row.id, formKey, initiator: row.created_by, data: row.data } });
  await writeRuleEffects(env, { instanceId: null, flowKey: null, recordId: row.id }, ruled.effects, 0);
  await publishDomainEvents(env.trx, recordEventIds(row.id, row.version, [event]));
  await appendAudit(env.trx, {
    actor: env.actor,
    action: event.type,
    subjectKind: 'record',
    subjectId: `${formKey}/${row.id}`,
    at: env.now,
    data: { version: row.version, via: 'webhook', ...(ruled.fired.length > 0 ? { rules: ruled.fired.map((f) => `${f.rule}@${f.version}`) } : {}) },
  });
  return { status: current ? 'updated' : 'created', recordId: row.id };
}
