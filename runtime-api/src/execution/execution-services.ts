import { CN_CALENDAR, flowFieldLabels, flowRowLabels, validateNodeData, type CompiledForm, type DirectoryReader, type FlowContext, type Locale, type Registry, type RuleContext } from '@baton/engine';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { RuntimeConfig } from '../config/runtime-config.js';
import type { BatonDatabase } from '../db/open-database.js';
import type { Database } from '../db/database.js';
import type { SecretBox } from '../secrets/secret-box.js';
import { DefinitionCache } from './definition-cache.js';
import { DirectorySnapshotCache } from './directory-snapshot.js';
import { loadPackParameters } from '../packs/pack-parameters.js';
import { loadWebhookSubscriptions, type WebhookSubscription } from '../connectors/webhooks/publish-domain-events.js';
import { CatalogValue } from './catalog-values.js';
import { readVersions, trustCatalog } from './command-versions.js';

/** Per-process caches shared by every route of one app (keyed by its database). */
export interface ExecutionServices {
  definitions: DefinitionCache;
  directory: DirectorySnapshotCache;
  timeZone: string;
  /** Seals secret form fields (the app's box; buildApp hands it over). */
  secrets?: SecretBox;
  /** Pack parameters and webhook subscriptions, re-read only when the catalog version moves. */
  packParameters: CatalogValue<Record<string, unknown>>;
  webhooks: CatalogValue<WebhookSubscription[]>;
}

const byDatabase = new WeakMap<BatonDatabase, ExecutionServices>();

export function executionServices(database: BatonDatabase, config: RuntimeConfig, secrets?: SecretBox, registry?: Registry): ExecutionServices {
  let services = byDatabase.get(database);
  if (!services) {
    services = {
      definitions: new DefinitionCache(registry),
      directory: new DirectorySnapshotCache(),
      timeZone: config.timeZone,
      packParameters: new CatalogValue(loadPackParameters),
      webhooks: new CatalogValue(loadWebhookSubscriptions),
    };
    byDatabase.set(database, services);
  }
  if (secrets) services.secrets = secrets;
  // An app built on a database another app used before (tests) compiles with its own plugins' registry.
  if (registry && services.definitions.registry !== registry) services.definitions = new DefinitionCache(registry);
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
  /**
   * The catalog version this command's caches are checked against (command-versions.ts); undefined when
   * the transaction wrote the catalog itself, so every lookup then reads the database.
   */
  catalog?: number | undefined;
  /**
   * The webhook connector whose inbound call (POST /api/hooks/:key) this command runs: the events it causes
   * are not sent back to that connector, so two systems syncing both ways do not echo each other forever.
   */
  originConnector?: string;
}

export interface CommandEnvOptions {
  /**
   * Reuse the versions runCommand read with the Idempotency-Key at the start of the transaction (one round
   * trip fewer). Only for commands that write no definition, pack, parameter or connector before this call.
   */
  versionsAtStart?: boolean;
}

export async function commandEnv(
  trx: Kysely<Database>,
  services: ExecutionServices,
  actor: string,
  locale: Locale,
  options: CommandEnvOptions = {},
): Promise<CommandEnv> {
  const versions = await readVersions(trx, { atStart: options.versionsAtStart === true });
  if (options.versionsAtStart && versions.catalog !== undefined) trustCatalog(trx, versions.catalog);
  return {
    trx,
    services,
    actor,
    locale,
    now: new Date(),
    directory: await services.directory.reader(trx, versions.directory),
    parameters: await services.packParameters.get(trx, versions.catalog),
    catalog: versions.catalog,
  };
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
    // Messages (a refused checklist) name fields by their labels: the node's form first, then the request's.
    fieldLabel: flowFieldLabels(formOf),
    // …and rows as people know them: an asset row by the asset's tag (through the step's record lookup).
    rowLabel: flowRowLabels(formOf),
  };
}
