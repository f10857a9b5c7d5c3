import { parameterValueSchema, validateAgainstSchema, type Issue, type Locale } from '@baton/engine';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/append-audit.js';
import type { CommandResult } from '../commands/run-command.js';
import type { Database } from '../db/database.js';
import { commandEnv, type ExecutionServices } from '../execution/execution-services.js';
import { ApiError } from '../errors/api-error.js';
import { loadPackParameterStates, type PackParameterState } from './pack-parameters.js';
import { replanRuleTimers } from './replan-rule-timers.js';
import './pack-parameter-tables.js';

/** A parameter as the API shows it. */
export interface PackParameterViewValue {
  key: string;
  label: unknown;
  description?: unknown;
  type: string;
  unit?: string;
  minimum?: number;
  maximum?: number;
  options?: unknown;
  default: unknown;
  value: unknown;
  overridden: boolean;
  ignoredValue?: unknown;
}

export function toParameterView(state: PackParameterState): PackParameterViewValue {
  const d = state.declaration;
  return {
    key: d.key,
    label: d.label,
    ...(d.description !== undefined ? { description: d.description } : {}),
    type: d.type,
    ...(d.unit !== undefined ? { unit: d.unit } : {}),
    ...(d.minimum !== undefined ? { minimum: d.minimum } : {}),
    ...(d.maximum !== undefined ? { maximum: d.maximum } : {}),
    ...(d.options !== undefined ? { options: d.options } : {}),
    default: (d.default as unknown) ?? null,
    value: state.value ?? null,
    overridden: state.overridden,
    ...(state.ignored !== undefined ? { ignoredValue: state.ignored } : {}),
  };
}

export interface SetPackParametersInput {
  packKey: string;
  /** New values by parameter key; null goes back to the pack's default. */
  values: Record<string, unknown>;
  actor: string;
  locale: Locale;
  services: ExecutionServices;
}

export interface SetPackParametersResult {
  pack: string;
  parameters: PackParameterViewValue[];
  /** Rule timers moved, added or cancelled because a value changed. */
  replannedTimers: number;
}

/**
 * Sets this installation's values of a pack's parameters, in the command's transaction: each value is
 * checked against the declaration of the pack's latest version (all or nothing), stored apart from the
 * imported manifests (so a re-import keeps it), audited, and the rule timers that read parameters are
 * re-planned with the new values at once.
 */
export async function setPackParameters(trx: Kysely<Database>, input: SetPackParametersInput): Promise<CommandResult<SetPackParametersResult>> {
  const states = await loadPackParameterStates(trx, input.packKey);
  const exists = await trx.selectFrom('packs').select('key').where('key', '=', input.packKey).executeTakeFirst();
  if (!exists) throw new ApiError('BATON_E_PACK_NOT_FOUND', { key: input.packKey, version: '' }, [], '/params/key');
  const byKey = new Map(states.map((s) => [s.declaration.key, s]));
  const issues: Issue[] = [];
  for (const [key, value] of Object.entries(input.values)) {
    const state = byKey.get(key);
    if (!state) {
      throw new ApiError('BATON_E_PACK_PARAMETER_UNKNOWN', { key: input.packKey, parameter: key, known: [...byKey.keys()].join(', ') || '-' }, [], `/body/values/${key}`);
    }
    if (value === null) continue; // back to the pack's default
    issues.push(...validateAgainstSchema(parameterValueSchema(state.declaration), value, `/body/values/${key}`, input.locale));
  }
  if (issues.length > 0) throw new ApiError('BATON_E_PACK_PARAMETER_VALUE', {}, issues, issues[0]?.path ?? '/body/values');

  const before: Record<string, unknown> = {};
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input.values)) {
    before[key] = byKey.get(key)?.value ?? null;
    changes[key] = value;
    if (value === null) {
      await trx.deleteFrom('pack_parameter_values').where('pack_key', '=', input.packKey).where('key', '=', key).execute();
      continue;
    }
    const text = JSON.stringify(value);
    await trx
      .insertInto('pack_parameter_values')
      .values({ pack_key: input.packKey, key, value: text, updated_by: input.actor, updated_at: new Date() })
      .onConflict((oc) => oc.columns(['pack_key', 'key']).doUpdateSet({ value: text, updated_by: input.actor, updated_at: new Date() }))
      .execute();
  }
  // The env reads the parameters back inside this transaction: the re-plan sees the new values.
  const env = await commandEnv(trx, input.services, input.actor, input.locale);
  const replannedTimers = await replanRuleTimers(env);
  await appendAudit(trx, {
    actor: input.actor,
    action: 'pack.parameters-set',
    subjectKind: 'pack',
    subjectId: input.packKey,
    data: { before, after: changes, replannedTimers },
  });
  const after = await loadPackParameterStates(trx, input.packKey);
  return { status: 200, body: { pack: input.packKey, parameters: after.map(toParameterView), replannedTimers } };
}
