import { issue, pointerSegment, type Issue, type Locale } from '@baton/engine';
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/append-audit.js';
import { canonicalJson } from '@baton/engine';
import type { Database } from '../db/database.js';
import { latestPublished } from '../definitions/latest-published.js';
import { ApiError } from '../errors/api-error.js';
import type { SecretBox } from '../secrets/secret-box.js';
import type { ConnectorRuntime } from './connector-runtime.js';
import type { PutConnector } from './connector-schemas.js';
import { connectorDb, loadConnector, secretAssociatedData, type ConnectorRow } from './connector-store.js';
import { checkConnectorConfig } from './connector-type-registry.js';
import type { ConnectorType } from './connector-type.js';
import './connector-errors.js';

/** The config a published `connector` definition (from a pack) declares for a key, if any. */
export async function definitionConfig(db: Kysely<Database>, key: string): Promise<{ type: string; config: Record<string, unknown> } | undefined> {
  const row = await latestPublished(db, 'connector', key).select(['body']).executeTakeFirst();
  if (!row) return undefined;
  const body = row.body as { type?: unknown; config?: unknown };
  const type = typeof body.type === 'string' ? body.type.split('@')[0]! : '';
  const config = body.config && typeof body.config === 'object' ? (body.config as Record<string, unknown>) : {};
  return { type, config };
}

/** Required secrets of the type that have no value. */
export function missingSecrets(type: ConnectorType | undefined, secrets: Record<string, string>): string[] {
  return (type?.secrets ?? []).filter((s) => s.required && !(s.name in secrets)).map((s) => s.name);
}

function sealSecrets(
  type: ConnectorType,
  key: string,
  current: Record<string, string>,
  given: PutConnector['secrets'],
  box: SecretBox,
  locale: Locale,
): { sealed: Record<string, string>; set: string[]; removed: string[]; issues: Issue[] } {
  const sealed = { ...current };
  const set: string[] = [];
  const removed: string[] = [];
  const issues: Issue[] = [];
  const known = type.secrets.map((s) => s.name);
  for (const [name, value] of Object.entries(given ?? {})) {
    const path = `/secrets/${pointerSegment(name)}`;
    if (!type.anySecrets && !known.includes(name)) {
      issues.push(issue('BATON_E_CONNECTOR_SECRET_UNKNOWN', path, { type: type.type, name, known: known.join(', ') || '(none)' }, locale));
      continue;
    }
    if (value === null) {
      if (name in sealed) removed.push(name);
      delete sealed[name];
      continue;
    }
    const problem = type.checkSecret?.(name, value);
    if (problem) {
      issues.push(issue('BATON_E_CONNECTOR_CONFIG_RULE', path, { en: problem.en, zh: problem['zh-CN'] }, locale));
      continue;
    }
    sealed[name] = box.seal(value, secretAssociatedData(key, name));
    set.push(name);
  }
  for (const name of missingSecrets(type, sealed)) {
    issues.push(issue('BATON_E_CONNECTOR_SECRET_REQUIRED', `/secrets/${pointerSegment(name)}`, { type: type.type, name }, locale));
  }
  return { sealed, set, removed, issues };
}

export interface SaveDeps {
  runtime: ConnectorRuntime;
  secrets: SecretBox;
}

/**
 * PUT /api/connectors/:key in one transaction: the type must exist and may not change, the config (given,
 * else the current one, else the published definition's) must pass the type's checks, secrets are sealed
 * (omitted names keep their value, null removes one), and the audit entry names secrets, never values.
 */
export async function saveConnector(
  trx: Kysely<Database>,
  deps: SaveDeps,
  actor: string,
  key: string,
  body: PutConnector,
  locale: Locale,
  now: Date,
): Promise<{ row: ConnectorRow; created: boolean }> {
  const type = deps.runtime.types.get(body.type);
  if (!type) throw new ApiError('BATON_E_CONNECTOR_TYPE_UNKNOWN', { type: body.type, known: deps.runtime.types.names().join(', ') }, [], '/type');
  const current = await loadConnector(trx, key);
  if (current && current.type !== body.type) {
    throw new ApiError('BATON_E_CONNECTOR_TYPE_CHANGED', { key, current: current.type, requested: body.type }, [], '/type');
  }
  const declared = current ? undefined : await definitionConfig(trx, key);
  const config = body.config ?? current?.config ?? (declared?.type === body.type ? declared.config : {});
  const secrets = sealSecrets(type, key, current?.secrets ?? {}, body.secrets, deps.secrets, locale);
  const issues = [...checkConnectorConfig(type, key, config, Object.keys(secrets.sealed), locale, deps.runtime.types), ...secrets.issues];
  if (issues.length > 0) throw new ApiError('BATON_E_CONNECTOR_CONFIG_INVALID', {}, issues, issues[0]?.path ?? '/config');

  const enabled = body.enabled ?? true;
  const cdb = connectorDb(trx);
  const values = {
    config: JSON.stringify(config),
    secrets: JSON.stringify(secrets.sealed),
    enabled,
    disabled_reason: enabled ? null : 'disabled by an admin',
    disabled_at: enabled ? null : now,
    updated_by: actor,
    updated_at: now,
  };
  const row = current
    ? await cdb.updateTable('connectors').set((eb) => ({ ...values, version: eb('version', '+', 1) })).where('key', '=', key).returningAll().executeTakeFirstOrThrow()
    : await cdb.insertInto('connectors').values({ key, type: body.type, ...values, created_by: actor, created_at: now }).returningAll().executeTakeFirstOrThrow();
  await appendAudit(trx, {
    actor,
    action: current ? 'connector.updated' : 'connector.created',
    subjectKind: 'connector',
    subjectId: key,
    at: now,
    data: {
      type: body.type,
      version: row.version,
      enabled,
      configHash: createHash('sha256').update(canonicalJson(config)).digest('hex'),
      ...(secrets.set.length > 0 ? { secretsSet: secrets.set } : {}),
      ...(secrets.removed.length > 0 ? { secretsRemoved: secrets.removed } : {}),
    },
  });
  return { row, created: !current };
}
