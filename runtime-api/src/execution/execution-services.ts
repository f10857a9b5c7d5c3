import { CN_CALENDAR, validateNodeData, type CompiledForm, type DirectoryReader, type FlowContext, type Locale, type RuleContext } from '@baton/engine';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { RuntimeConfig } from '../config/runtime-config.js';
import type { BatonDatabase } from '../db/open-database.js';
import type { Database } from '../db/database.js';
import type { SecretBox } from '../secrets/secret-box.js';
import { DefinitionCache } from './definition-cache.js';
import { DirectorySnapshotCache } from './directory-snapshot.js';
import { loadPackParameters } from '../packs/pack-parameters.js';

/** Per-process caches shared by every route of one app (keyed by its database). */
export interface ExecutionServices {
  definitions: DefinitionCache;
  directory: DirectorySnapshotCache;
  timeZone: string;
  /** Seals secret form fields (the app's box; buildApp hands it over). */
  secrets?: SecretBox;
}

const byDatabase = new WeakMap<BatonDatabase, ExecutionServices>();

export function executionServices(database: BatonDatabase, config: RuntimeConfig, secrets?: SecretBox): ExecutionServices {
  let services = byDatabase.get(database);
  if (!services) {
    services = { definitions: new DefinitionCache(), directory: new DirectorySnapshotCache(), timeZone: config.timeZone };
    byDatabase.set(database, services);
  }
  if (secrets) services.secrets = secrets;
  return services;
}

/** Everything one command runs with: its transaction, the clock read once, the caller. */
export interface CommandEnv {
  trx: Kysely<Database>;
  services: ExecutionServices;
  /** The user the command acts as (audit actor, engine actor). */
  actor: string;
  locale: Locale;
  /** Read once per command: every event, effect and row of the command carries this instant. */
  now: Date;
  directory: DirectoryReader;
  /** Pack parameters for rules (settlementReminderDays…): the imported packs' defaults. */
  parameters?: Record<string, unknown>;
}

export async function commandEnv(
  trx: Kysely<Database>,
  services: ExecutionServices,
  actor: string,
  locale: Locale,
): Promise<CommandEnv> {
  return { trx, services, actor, locale, now: new Date(), directory: await services.directory.reader(trx), parameters: await loadPackParameters(trx) };
}

export function newId(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

export function ruleContext(env: CommandEnv): RuleContext {
  return {
    now: env.now.toISOString(), directory: env.directory, calendar: CN_CALENDAR, timeZone: env.services.timeZone,
    ...(env.parameters ? { parameters: env.parameters } : {}),
  };
}

/**
 * The engine's context. `validateTaskData` checks a submission against the node's form (its own access
 * rules included) with the compiled forms the caller preloaded (the hook is synchronous).
 */
export function flowContext(
  env: CommandEnv,
  formOf: (formKey: string | undefined) => CompiledForm | undefined,
  previous: Record<string, unknown>,
): FlowContext {
  const evalCtx = { now: env.now.toISOString(), timeZone: env.services.timeZone, calendar: CN_CALENDAR };
  return {
    now: env.now.toISOString(),
    newId,
    directory: env.directory,
    calendar: CN_CALENDAR,
    timeZone: env.services.timeZone,
    actor: env.actor,
    locale: env.locale,
    // The node's own form judges its fields; the start form (formOf(undefined)) the request fields touched,
    // with its access at that node; keys neither declares are refused (engine validateNodeData).
    validateTaskData: ({ formKey, nodeId, data, patch, locale }) =>
      validateNodeData({ startForm: formOf(undefined), nodeForm: formOf(formKey), nodeId, data, patch, previous, locale, ctx: evalCtx }),
  };
}
