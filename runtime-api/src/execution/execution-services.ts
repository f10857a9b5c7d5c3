import { CN_CALENDAR, type CompiledForm, type DirectoryReader, type FlowContext, type Locale, type RuleContext } from '@baton/engine';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { RuntimeConfig } from '../config/runtime-config.js';
import type { BatonDatabase } from '../db/open-database.js';
import type { Database } from '../db/database.js';
import { DefinitionCache } from './definition-cache.js';
import { DirectorySnapshotCache } from './directory-snapshot.js';

/** Per-process caches shared by every route of one app (keyed by its database). */
export interface ExecutionServices {
  definitions: DefinitionCache;
  directory: DirectorySnapshotCache;
  timeZone: string;
}

const byDatabase = new WeakMap<BatonDatabase, ExecutionServices>();

export function executionServices(database: BatonDatabase, config: RuntimeConfig): ExecutionServices {
  let services = byDatabase.get(database);
  if (!services) {
    services = { definitions: new DefinitionCache(), directory: new DirectorySnapshotCache(), timeZone: config.timeZone };
    byDatabase.set(database, services);
  }
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
}

export async function commandEnv(
  trx: Kysely<Database>,
  services: ExecutionServices,
  actor: string,
  locale: Locale,
): Promise<CommandEnv> {
  return { trx, services, actor, locale, now: new Date(), directory: await services.directory.reader(trx) };
}

export function newId(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

export function ruleContext(env: CommandEnv): RuleContext {
  return { now: env.now.toISOString(), directory: env.directory, calendar: CN_CALENDAR, timeZone: env.services.timeZone };
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
    validateTaskData: ({ formKey, nodeId, data, locale }) => {
      const form = formOf(formKey);
      if (!form) return [];
      return form.validate(data, { node: nodeId, previous, locale, ctx: evalCtx }).errors;
    },
  };
}
