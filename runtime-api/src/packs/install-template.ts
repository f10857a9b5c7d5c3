import type { Locale } from '@baton/engine';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { CommandResult } from '../commands/run-command.js';
import type { Database } from '../db/database.js';
import { ApiError } from '../errors/api-error.js';
import { importPack } from './import-pack.js';
import type { PackBundleValue } from './pack-schemas.js';
import { findPack, toPackView, type PackRow } from './pack-store.js';
import type { ShippedTemplate } from './template-catalogue.js';
import type { TemplateInstallResultValue, TemplateViewValue } from './template-schemas.js';
import './template-errors.js';

/** What the gallery reads of an installed pack version (not its manifest, which holds every definition). */
export type InstalledPack = Pick<PackRow, 'key' | 'version' | 'imported_at' | 'imported_by'>;

/**
 * The gallery's card of a shipped template, given the latest installed version of its pack (if any) and the
 * installer's directory name (templates-routes.ts reads the names of all cards in one query).
 */
export function toTemplateView(template: ShippedTemplate, installed: InstalledPack | undefined, installedByName: string | null = null): TemplateViewValue {
  const { dir: _dir, ...shipped } = template;
  const installedVersion = installed ? Number(installed.version) : null;
  const status: TemplateViewValue['status'] =
    installedVersion === null ? 'available'
    : installedVersion === template.version ? 'installed'
    : installedVersion < template.version ? 'upgrade-available'
    : 'newer-installed';
  return {
    ...shipped,
    installedVersion,
    installedAt: installed ? installed.imported_at.toISOString() : null,
    installedBy: installed ? installed.imported_by : null,
    installedByName: installed ? installedByName : null,
    upgradeAvailable: status === 'upgrade-available',
    status,
  };
}

/** Latest installed version of each pack key, in one query. */
export async function latestInstalled(db: Kysely<Database>, keys: string[]): Promise<Map<string, InstalledPack>> {
  if (keys.length === 0) return new Map();
  const rows = await db.selectFrom('packs').select(['key', 'version', 'imported_at', 'imported_by']).where('key', 'in', keys).execute();
  const latest = new Map<string, InstalledPack>();
  for (const row of rows) {
    const seen = latest.get(row.key);
    if (!seen || Number(row.version) > Number(seen.version)) latest.set(row.key, row);
  }
  return latest;
}

export interface InstallTemplateInput {
  template: ShippedTemplate;
  /** The template's folder read into a bundle (with demo seed entries when asked). */
  bundle: PackBundleValue;
  withDemoData: boolean;
  actor: string;
  locale: Locale;
  timeZone: string;
}

/**
 * Installs or upgrades a shipped template as one command (inside runCommand's transaction), through the same
 * import as POST /packs/import. The version already installed answers 200 and writes nothing, whatever the
 * demo choice; a later installed version (a designer imported one) is a 409, never a downgrade.
 */
export async function installTemplate(trx: Transaction<Database>, input: InstallTemplateInput): Promise<CommandResult<TemplateInstallResultValue>> {
  const { template, bundle, actor } = input;
  // The import's own lock, taken first: two installs of one template queue instead of both seeing "not installed".
  await sql`select pg_advisory_xact_lock(hashtext(${'baton:pack:' + template.key}))`.execute(trx);
  const installed = await findPack(trx, template.key);
  const installedVersion = installed ? Number(installed.version) : null;
  if (installed && installedVersion === template.version) {
    const view = toPackView(installed);
    return {
      status: 200,
      body: {
        outcome: 'unchanged',
        template: toTemplateView(template, installed),
        import: { pack: view, imported: [], unchanged: view.definitions, retired: [], kept: [], seed: { directory: null, records: { written: false, counts: {} } } },
      },
    };
  }
  if (installedVersion !== null && installedVersion > template.version) {
    throw new ApiError('BATON_E_TEMPLATE_NEWER_INSTALLED', { key: template.key, installed: installedVersion, version: template.version }, [], '/params/key');
  }
  const outcome = await importPack(trx, {
    bundle,
    includeDemo: input.withDemoData,
    locale: input.locale,
    actor,
    timeZone: input.timeZone,
    auditDetails: { gallery: { template: template.key, installedBy: actor, withDemoData: input.withDemoData, upgradedFrom: installedVersion } },
  });
  const after = await findPack(trx, template.key);
  return {
    status: outcome.status,
    body: { outcome: installed ? 'upgraded' : 'installed', template: toTemplateView(template, after), import: outcome.body },
  };
}
