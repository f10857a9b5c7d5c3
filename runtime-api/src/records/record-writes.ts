import type { CompiledForm, DomainEvent } from '@baton/engine';
import type { Selectable } from 'kysely';
import { checkPersonFields } from '../access/person-field-check.js';
import { appendAudit } from '../audit/append-audit.js';
import { publishDomainEvents, recordEventIds } from '../connectors/webhooks/publish-domain-events.js';
import type { RecordsTable } from '../db/database.js';
import { ApiError } from '../errors/api-error.js';
import type { Published } from '../execution/definition-cache.js';
import type { CommandEnv } from '../execution/execution-services.js';
import { underData, writeRuleEffects } from '../execution/instance-pipeline.js';
import { runRules } from '../execution/rules-step.js';
import '../execution/execution-errors.js';
import { guardSubmission } from '../secrets/submission-guard.js';
import { splitClears, withoutFields } from './merge-fields.js';
import { leavesRecordUnchanged } from './record-unchanged.js';

export type RecordRow = Selectable<RecordsTable>;

/*
 * The one way submitted data becomes a record of a collection form, for POST/PATCH /api/records and inbound
 * webhooks alike: signatures stamped, file references checked, secrets sealed (submission-guard.ts); the
 * form's validation (required fields, unknown properties, formats, computed values); the person and
 * department values (BATON_E_PERSON_LEFT for someone gone, unless the field allows leavers); then the row,
 * record.created / record.updated through the form's rules, the outgoing webhooks and the audit entry.
 * Who may write, and which version was read, stays with the caller.
 */

export interface RecordWriteOptions {
  /** Where the write came from, kept in the audit entry ("webhook"); absent for the API. */
  via?: string;
  /** The directory user whose roles allowed a webhook's write (inbound.actAs), kept in the audit entry. */
  as?: string;
}

/** The published collection form, or the refusal at `path` (where the caller named the form). */
export function collectionForm(form: Published<CompiledForm> | undefined, formKey: string, path: string): Published<CompiledForm> {
  if (!form) throw new ApiError('BATON_E_FORM_NOT_PUBLISHED', { formKey }, [], path);
  if (form.body.collection !== true) throw new ApiError('BATON_E_FORM_NOT_COLLECTION', { formKey }, [], path);
  return form;
}

function validated(env: CommandEnv, form: CompiledForm, data: Record<string, unknown>, previous?: Record<string, unknown>): Record<string, unknown> {
  const result = form.validate(data, {
    locale: env.locale,
    ctx: { now: env.now.toISOString(), timeZone: env.services.timeZone },
    ...(previous ? { previous } : {}),
  });
  if (!result.ok) {
    const issues = underData(result.errors);
    throw new ApiError('BATON_E_DATA_INVALID', {}, issues, issues[0]?.path ?? '/data');
  }
  return result.data;
}

/** Creates record `id` from `input` (the submission, not yet validated). */
export async function createRecord(
  env: CommandEnv,
  form: Published<CompiledForm>,
  id: string,
  input: Record<string, unknown>,
  options: RecordWriteOptions = {},
): Promise<RecordRow> {
  // Validated with clear secret values, stored sealed; file references checked and linked. A null is no
  // value: a new record simply lacks the field (merge-fields.ts).
  const guard = await guardSubmission(env, { kind: 'record', id }, [form.compiled], splitClears(input).set, {});
  const data = guard.seal(validated(env, guard.openForm(form.compiled), guard.data));
  checkPersonFields(env, [form.compiled], data);
  const row = await env.trx
    .insertInto('records')
    .values({
      id, form_key: form.key, form_version: form.version, data: JSON.stringify(data), instance_id: null,
      created_by: env.actor, updated_by: env.actor, created_at: env.now, updated_at: env.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await guard.link();
  const event: DomainEvent = { type: 'record.created', at: env.now.toISOString(), seq: row.version, actor: env.actor, initiator: row.created_by, formKey: form.key, recordId: row.id, data: row.data };
  await afterWrite(env, row, event, options);
  return row;
}

/**
 * Merges `input` into `current` (top level; a null removes the field: merge-fields.ts), locked FOR UPDATE by
 * the caller. The merged data is validated whole, so clearing a required field is refused. A change that
 * changes nothing writes nothing (no version bump, event or audit entry) and answers the row as it is.
 */
export async function updateRecord(
  env: CommandEnv,
  form: Published<CompiledForm>,
  current: RecordRow,
  input: Record<string, unknown>,
  options: RecordWriteOptions = {},
): Promise<{ row: RecordRow; changed: boolean }> {
  const { set, cleared } = splitClears(input);
  const guard = await guardSubmission(env, { kind: 'record', id: current.id }, [form.compiled], set, current.data);
  const merged = withoutFields({ ...current.data, ...guard.data }, cleared);
  const data = guard.seal(validated(env, guard.openForm(form.compiled), merged, current.data));
  // Only values that differ from the stored ones are judged: a kept successor who has since left does not block.
  checkPersonFields(env, [form.compiled], data, current.data);
  if (leavesRecordUnchanged(current, data, form.version)) return { row: current, changed: false };
  const row = await env.trx
    .updateTable('records')
    .set((eb) => ({ data: JSON.stringify(data), form_version: form.version, version: eb('version', '+', 1), updated_by: env.actor, updated_at: env.now }))
    .where('id', '=', current.id)
    .where('version', '=', current.version)
    .returningAll()
    .executeTakeFirstOrThrow();
  await guard.link();
  const event: DomainEvent = {
    type: 'record.updated', at: env.now.toISOString(), seq: row.version, actor: env.actor,
    initiator: row.created_by, formKey: form.key, recordId: row.id, data: row.data, previous: current.data,
  };
  await afterWrite(env, row, event, options);
  return { row, changed: true };
}

/** record.created / record.updated through the rules scoped to the form, the outgoing webhooks, then the audit entry. */
async function afterWrite(env: CommandEnv, row: RecordRow, event: DomainEvent, options: RecordWriteOptions): Promise<void> {
  const rules = await env.services.definitions.rulesFor(env.trx, { formKey: row.form_key });
  const record = { id: row.id, formKey: row.form_key, initiator: row.created_by, data: row.data };
  const ruled = await runRules(env, rules, [event], { record });
  await writeRuleEffects(env, { instanceId: null, flowKey: null, recordId: row.id }, ruled.effects, 0);
  await publishDomainEvents(env.trx, recordEventIds(row.id, row.version, [event]), undefined, { origin: env.originConnector });
  await appendAudit(env.trx, {
    actor: env.actor,
    action: event.type,
    subjectKind: 'record',
    subjectId: `${row.form_key}/${row.id}`,
    at: env.now,
    data: {
      version: row.version,
      ...(options.via !== undefined ? { via: options.via } : {}),
      ...(options.as !== undefined ? { as: options.as } : {}),
      ...(ruled.fired.length > 0 ? { rules: ruled.fired.map((f) => `${f.rule}@${f.version}`) } : {}),
    },
  });
}
