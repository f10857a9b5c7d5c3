import type { CompiledForm, Locale } from '@baton/engine';
import type { ErrorObject } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';
import { randomUUID } from 'node:crypto';
import { RECORD_WRITER_ROLES, canWriteRecords } from '../../access/record-access.js';
import { buildValidatorCompiler } from '../../app/validator-compiler.js';
import { ROLES } from '../../auth/principal.js';
import { ApiError } from '../../errors/api-error.js';
import { ajvIssues } from '../../errors/ajv-issues.js';
import type { Published } from '../../execution/definition-cache.js';
import type { CommandEnv } from '../../execution/execution-services.js';
import { StartInstanceBody } from '../../instances/instance-schemas.js';
import { startFlow } from '../../instances/start-flow.js';
import { collectionForm, createRecord, updateRecord } from '../../records/record-writes.js';
import './hook-errors.js';

export interface InboundOutcome {
  status: 'started' | 'created' | 'updated';
  instanceId?: string;
  recordId?: string;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type StartEnvelope = { data: Record<string, unknown>; businessKey?: unknown; initiator?: unknown };
type StartBody = { data: Record<string, unknown>; businessKey?: string; initiator?: string };

/**
 * The mapping builds the same body as POST /api/flows/:key/instances — `{ data, businessKey?, initiator? }` —
 * or, when it returns anything else, the data alone. A businessKey or initiator the payload lacked (null) is
 * left out; any other value is judged by the route's own body schema (checkStartEnvelope).
 */
export function flowInput(mapped: Record<string, unknown>): StartEnvelope {
  const keys = Object.keys(mapped);
  if (isPlainObject(mapped.data) && keys.every((k) => ['data', 'businessKey', 'initiator'].includes(k))) {
    return {
      data: mapped.data,
      ...(mapped.businessKey != null ? { businessKey: mapped.businessKey } : {}),
      ...(mapped.initiator != null ? { initiator: mapped.initiator } : {}),
    };
  }
  return { data: mapped };
}

let startBodyCheck: ReturnType<FastifySchemaCompiler<unknown>> | undefined;

/**
 * The envelope through StartInstanceBody with the API's own validator (lengths, the initiator's pattern,
 * unknown properties): a 400 BATON_E_REQUEST_INVALID with the same issues and paths as the API's.
 */
function checkStartEnvelope(input: StartEnvelope, locale: Locale): asserts input is StartBody {
  startBodyCheck ??= buildValidatorCompiler()({ schema: StartInstanceBody, method: 'POST', url: '/api/hooks/:key', httpPart: 'body' });
  if (startBodyCheck(input) === true) return;
  const errors = (startBodyCheck as { errors?: ErrorObject[] | null }).errors ?? [];
  const issues = ajvIssues(errors, 'body', locale);
  throw new ApiError('BATON_E_REQUEST_INVALID', {}, issues, issues[0]?.path ?? '');
}

/**
 * Starts the latest published version of the flow exactly as POST /api/flows/:key/instances does (startFlow):
 * the same envelope checks, business key, start-form validation, person fields and pipeline. Only who may name
 * an initiator differs: the connector's configuration (admins) decides, and the initiator must be in the directory.
 */
export async function startFlowFromHook(env: CommandEnv, flowKey: string, mapped: Record<string, unknown>, hookActor: string): Promise<InboundOutcome> {
  const input = flowInput(mapped);
  checkStartEnvelope(input, env.locale);
  const flow = await env.services.definitions.flow(env.trx, flowKey);
  if (!flow) throw new ApiError('BATON_E_FLOW_NOT_PUBLISHED', { flowKey }, [], '/config/inbound/flow');
  if (input.initiator !== undefined && !env.directory.user(input.initiator)) throw new ApiError('BATON_E_INITIATOR_UNKNOWN', { userId: input.initiator }, [], '/initiator');
  const { step } = await startFlow(env, {
    flow,
    data: input.data,
    initiator: input.initiator ?? hookActor,
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

/** The roles that may write records of a form: admin, designer, hr, plus its `writers` (record-access.ts). */
function writerRoles(formBody: Record<string, unknown>): string[] {
  const writers = Array.isArray(formBody.writers) ? formBody.writers.filter((r): r is string => typeof r === 'string') : [];
  return [...new Set([ROLES.admin, ...RECORD_WRITER_ROLES, ...writers])];
}

/**
 * The hook writes as the directory user its configuration names (`inbound.actAs`, a service account an admin
 * chose), judged by the same rule as a token holder of POST/PATCH /api/records: that user's current directory
 * roles must be among the form's writer roles. Deactivated, missing or not named: refused (403), nothing written.
 */
export function checkHookWriter(env: CommandEnv, hookKey: string, actAs: string | undefined, form: Published<CompiledForm>): string {
  const required = writerRoles(form.body).join(', ');
  const path = '/config/inbound/actAs';
  if (!actAs) throw new ApiError('BATON_E_HOOK_ACTOR_MISSING', { key: hookKey, formKey: form.key, required }, [], path);
  const user = env.directory.user(actAs);
  if (!user || user.active === false) throw new ApiError('BATON_E_HOOK_ACTOR_UNKNOWN', { key: hookKey, userId: actAs }, [], path);
  if (!canWriteRecords({ userId: actAs, roles: user.roles, tokenId: `hook:${hookKey}` }, form.body)) {
    throw new ApiError('BATON_E_HOOK_FORBIDDEN', { key: hookKey, userId: actAs, formKey: form.key, required }, [], path);
  }
  return actAs;
}

export interface UpsertTarget {
  hookKey: string;
  formKey: string;
  idField: string | undefined;
  actAs: string | undefined;
}

/**
 * Creates the record, or merges into the one whose id the payload names (`idField`), validated by the
 * collection form; rules see record.created / record.updated as they do for the API. An id that names a
 * record of another form, or one another webhook created, is a 409: two systems' ids collided, and
 * overwriting either record would be wrong. Records people or packs created may be updated, as the acting
 * user could with PATCH /api/records.
 */
export async function upsertRecordFromHook(env: CommandEnv, target: UpsertTarget, mapped: Record<string, unknown>, payload: unknown): Promise<InboundOutcome> {
  const { formKey, idField } = target;
  const form = collectionForm(await env.services.definitions.form(env.trx, formKey), formKey, '/config/inbound/form');
  const actAs = checkHookWriter(env, target.hookKey, target.actAs, form);
  const rawId = idField ? readDotted(payload, idField) : undefined;
  const idPath = idField ? `/${idField.split('.').join('/')}` : '';
  if (idField && (typeof rawId !== 'string' && typeof rawId !== 'number')) {
    throw new ApiError('BATON_E_HOOK_RECORD_ID', { idField }, [], idPath);
  }
  const id = rawId === undefined ? randomUUID() : String(rawId);
  // By id alone: ids are unique across forms (the primary key), so another form's record is found too.
  const current = await env.trx.selectFrom('records').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (current && (current.form_key !== formKey || (current.created_by.startsWith('hook:') && current.created_by !== env.actor))) {
    throw new ApiError('BATON_E_HOOK_RECORD_ID_TAKEN', { id, idField: idField ?? '' }, [], idPath);
  }
  // The same writes as POST / PATCH /api/records (record-writes.ts): guard, validation, person fields, rules, audit.
  const options = { via: 'webhook', as: actAs };
  if (!current) return { status: 'created', recordId: (await createRecord(env, form, id, mapped, options)).id };
  const { row } = await updateRecord(env, form, current, mapped, options);
  return { status: 'updated', recordId: row.id };
}
