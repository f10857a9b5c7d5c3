import { validateAgainstSchema } from '@baton/engine';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { SecretBox } from '../secrets/secret-box.js';
import type { ConnectorRuntime } from './connector-runtime.js';
import { connectorInstance, type ConnectorRow } from './connector-store.js';
import { ConnectorFailure, describeFailure } from './connector-failure.js';
import type { ActionContext, ActionResult, ActionType, ConnectorType } from './connector-type.js';
import { createConnectorHttp } from './http/connector-http.js';
import { failureResult, resultOfError } from './http/http-outcome.js';
import { Redactor } from './http/redactor.js';

export interface ActionDeps {
  runtime: ConnectorRuntime;
  secrets: SecretBox;
  db: Kysely<Database>;
  publicUrl: string | undefined;
}

export interface RunActionInput {
  row: ConnectorRow;
  /** An action name, or null for the type's connection test. */
  action: string | null;
  params: Record<string, unknown>;
  idempotencyKey: string;
  attempt: number;
  now: Date;
  signal: AbortSignal;
  instanceId: string | null;
}

interface RetryPolicy {
  maxAttempts?: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
}

function dead(code: string, params: Record<string, unknown>): ActionResult {
  return failureResult(new ConnectorFailure(code, params));
}

export function findAction(type: ConnectorType, name: string, config: Record<string, unknown>): ActionType<never> | undefined {
  return Object.prototype.hasOwnProperty.call(type.actions, name) ? type.actions[name] : type.configuredAction?.(name, config);
}

/** The connector's own retry settings on top of the outbox's backoff: a floor on the delay and a cap on tries. */
function applyRetryPolicy(result: ActionResult, policy: RetryPolicy | undefined, attempt: number): ActionResult {
  if (result.status !== 'retry' || !policy) return result;
  if (policy.maxAttempts !== undefined && attempt >= policy.maxAttempts) {
    return { ...result, status: 'dead', error: `${result.error} (gave up after ${attempt} attempts, config.retry.maxAttempts)` } as ActionResult;
  }
  if (policy.initialDelayMs === undefined) return result;
  const backoff = Math.min(policy.initialDelayMs * 2 ** (attempt - 1), policy.maxDelayMs ?? Number.MAX_SAFE_INTEGER);
  return { ...result, retryAfterMs: Math.max(result.retryAfterMs ?? 0, backoff) };
}

/** Secrets can reach an error text through a peer's echo or an exception: mask them once more. */
function scrub(result: ActionResult, redactor: Redactor): ActionResult {
  const log = result.log ? (redactor.json(result.log) as ActionResult['log']) : undefined;
  const base = { ...result, ...(log ? { log } : {}) };
  if (result.status === 'ok') return { ...base, ...(result.note ? { note: redactor.text(result.note) } : {}) } as ActionResult;
  return { ...base, error: redactor.text(result.error), ...(result.params ? { params: redactor.json(result.params) } : {}) } as ActionResult;
}

/**
 * Runs one action of one connector: type and action looked up, params checked against the action's schema,
 * secrets opened for this call only, every request through the guarded client, and every failure turned
 * into a verdict (delivered / retry / dead) with secrets removed from what is kept.
 */
export async function runConnectorAction(deps: ActionDeps, input: RunActionInput): Promise<ActionResult> {
  const { row } = input;
  const type = deps.runtime.types.get(row.type);
  if (!type) return dead('BATON_E_CONNECTOR_MISCONFIGURED', { key: row.key, detail: `its type "${row.type}" is not registered in this server (is the plugin installed?)` });
  if (!row.enabled) return dead('BATON_E_CONNECTOR_MISCONFIGURED', { key: row.key, detail: `it is disabled (${row.disabled_reason ?? 'by an admin'}); save it again to enable it` });
  const config = row.config;
  let action: ActionType<never> | undefined;
  if (input.action !== null) {
    action = findAction(type, input.action, config);
    if (!action) {
      const known = [...Object.keys(type.actions), ...Object.keys((config.actions as Record<string, unknown> | undefined) ?? {})];
      return dead('BATON_E_CONNECTOR_MISCONFIGURED', { key: row.key, detail: `a ${row.type} connector has no action "${input.action}" (known: ${known.join(', ') || 'none'})` });
    }
    const issues = validateAgainstSchema(action.paramsSchema, input.params, '/params', 'en');
    if (issues.length > 0) {
      const detail = issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`).join('; ');
      return dead('BATON_E_CONNECTOR_MISCONFIGURED', { key: row.key, detail: `the parameters of "${input.action}" are invalid (${detail})` });
    }
  }
  let redactor = new Redactor([]);
  try {
    const connector = connectorInstance(row, deps.secrets);
    redactor = new Redactor(connector.secretValues());
    const http = createConnectorHttp({
      baseUrl: typeof config.baseUrl === 'string' ? config.baseUrl : undefined,
      allowHosts: Array.isArray(config.allowHosts) ? (config.allowHosts as string[]) : undefined,
      timeoutMs: typeof config.timeoutMs === 'number' ? config.timeoutMs : deps.runtime.defaultTimeoutMs,
      resolve: deps.runtime.resolveHost,
      idempotencyKey: input.idempotencyKey,
      redactor,
      signal: input.signal,
    });
    const ctx: ActionContext = {
      connector,
      http,
      idempotencyKey: input.idempotencyKey,
      attempt: input.attempt,
      now: input.now,
      signal: input.signal,
      instanceId: input.instanceId,
      publicUrl: deps.publicUrl,
      db: deps.db,
      resolveHost: deps.runtime.resolveHost,
    };
    const result = action ? await action.run(input.params as never, ctx) : await type.test(ctx);
    return scrub(applyRetryPolicy(result, config.retry as RetryPolicy | undefined, input.attempt), redactor);
  } catch (err) {
    return scrub(applyRetryPolicy(resultOfError(err), config.retry as RetryPolicy | undefined, input.attempt), redactor);
  }
}

/** A result's error in the caller's language (the API shows it; the delivery log keeps the English). */
export function localizedError(result: ActionResult, locale: 'en' | 'zh-CN'): string | undefined {
  if (result.status === 'ok') return undefined;
  return result.code ? describeFailure(result.code, result.params ?? {}, locale) : result.error;
}
