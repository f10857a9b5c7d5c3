import type { Locale } from '@baton/engine';
import type { ErrorObject } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';
import { randomUUID } from 'node:crypto';
import { buildValidatorCompiler } from '../../app/validator-compiler.js';
import { ApiError } from '../../errors/api-error.js';
import { ajvIssues } from '../../errors/ajv-issues.js';
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
  const form = collectionForm(await env.services.definitions.form(env.trx, formKey), formKey, '/config/inbound/form');
  const rawId = idField ? readDotted(payload, idField) : undefined;
  if (idField && (typeof rawId !== 'string' && typeof rawId !== 'number')) {
    throw new ApiError('BATON_E_HOOK_RECORD_ID', { idField }, [], `/${idField.split('.').join('/')}`);
  }
  const id = rawId === undefined ? randomUUID() : String(rawId);
  const current = await env.trx.selectFrom('records').selectAll().where('id', '=', id).where('form_key', '=', formKey).forUpdate().executeTakeFirst();
  // The same writes as POST / PATCH /api/records (record-writes.ts): guard, validation, person fields, rules, audit.
  if (!current) return { status: 'created', recordId: (await createRecord(env, form, id, mapped, { via: 'webhook' })).id };
  const { row } = await updateRecord(env, form, current, mapped, { via: 'webhook' });
  return { status: 'updated', recordId: row.id };
}
