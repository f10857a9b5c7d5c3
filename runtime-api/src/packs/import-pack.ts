import { comparePointers, issue, type Issue, type Locale } from '@baton/engine';
import { sql, type Transaction } from 'kysely';
import { appendAudit } from '../audit/append-audit.js';
import type { CommandResult } from '../commands/run-command.js';
import type { Database } from '../db/database.js';
import { definitionHash, findDefinition, latestVersionForUpdate, publishedBodies } from '../definitions/definition-store.js';
import { checkDirectoryImport } from '../directory/check-directory-import.js';
import type { DirectoryImport } from '../directory/directory-schemas.js';
import { loadExistingDirectory, upsertDepartments, upsertUsers } from '../directory/directory-store.js';
import { ApiError } from '../errors/api-error.js';
import { findPack, toPackView, type PackRow } from './pack-store.js';
import type { DefinitionRefValue, PackBundleValue, PackImportResultValue } from './pack-schemas.js';
import { definitionId, resolvePackBundle, validateBundle, type PackEntry, type ResolvedPackBundle } from './resolve-pack-bundle.js';
import { resolveSeedDirectory } from './seed-dates.js';
import { planSeedRecords, writeSeedRecords } from './seed-records.js';
import { replayDemoInstances } from './replay-demo-instances.js';
import { retireDropped, type RetireOutcome } from './retire-dropped.js';
import './pack-errors.js';

export interface ImportPackInput {
  bundle: PackBundleValue;
  /** Load seed entries marked "demo" too. */
  includeDemo: boolean;
  locale: Locale;
  actor: string;
  /** The org's time zone (runtime config): demo instances' scripted times are business hours in it. */
  timeZone?: string;
  /** Added to the pack.imported audit entry, e.g. who installed it from the template gallery. */
  auditDetails?: Record<string, unknown>;
}

const PACKABLE_KINDS = new Set(['form', 'flow', 'rule', 'report', 'document', 'connector']);
const KEY = /^[a-z][a-z0-9-]*$/;

interface Plan {
  entry: PackEntry;
  version: number;
  /** true: identical to the published version, nothing to write. */
  unchanged: boolean;
}

const ref = (p: Plan): DefinitionRefValue => ({ kind: p.entry.kind, key: p.entry.key, version: p.version });

/**
 * Imports a pack bundle as one command (call it inside runCommand's transaction): validate everything,
 * then publish changed definitions as their next version, load the seed, record the pack version and
 * audit it. Importing a pack version that is already there changes nothing.
 */
export async function importPack(trx: Transaction<Database>, input: ImportPackInput): Promise<CommandResult<PackImportResultValue>> {
  const { bundle, locale, actor } = input;
  const resolved = resolvePackBundle(bundle, { includeDemo: input.includeDemo, locale });
  const { key, version } = resolved;
  const named = KEY.test(key) && Number.isInteger(version) && version >= 1;

  let installed: PackRow | undefined;
  if (named) {
    // Imports of one pack queue behind each other instead of racing into a unique violation.
    await sql`select pg_advisory_xact_lock(hashtext(${'baton:pack:' + key}))`.execute(trx);
    const same = await findPack(trx, key, version);
    if (same) {
      if (same.hash !== resolved.hash) throw new ApiError('BATON_E_PACK_VERSION_CHANGED', { key, version }, [], '/manifest/version');
      const view = toPackView(same);
      return {
        status: 200,
        body: { pack: view, imported: [], unchanged: view.definitions, retired: [], kept: [], seed: { directory: null, records: { written: false, counts: {} } } },
      };
    }
    installed = await findPack(trx, key);
    if (installed && Number(installed.version) > version) {
      const current = Number(installed.version);
      throw new ApiError('BATON_E_PACK_VERSION_OLDER', { key, version, installed: current, next: current + 1 }, [], '/manifest/version');
    }
  }

  // Seed dates like {"$daysAgo": 30} become dates by this import's clock; the stored pack keeps them relative.
  const now = new Date();
  const seedDirectory = resolved.seed.directory ? resolveSeedDirectory(resolved.seed.directory, now) : undefined;
  const published = await publishedBodies(trx);
  const { plans, pending } = await planVersions(trx, resolved.entries, locale);
  const versions = new Map(plans.map((p) => [definitionId(p.entry.kind, p.entry.key), p.version]));

  const packForms = new Map(resolved.entries.filter((e) => e.kind === 'form').map((e) => [e.key, e.body]));
  const seedRecords = planSeedRecords({
    packKey: key,
    records: resolved.seed.records,
    formBody: (form) => packForms.get(form) ?? published.get(`form/${form}`),
    formVersion: (form) => versions.get(definitionId('form', form)) ?? Number(published.get(`form/${form}`)?.version ?? 1),
    origin: (form) => resolved.seedOrigins.records.get(form) ?? '/seed',
    locale,
  });
  const issues: Issue[] = [
    ...resolved.issues,
    ...validateBundle(bundle, resolved, versions, (kind, k) => published.get(`${kind}/${k}`), locale),
    ...(await checkSeed(trx, resolved, seedDirectory, published, locale)),
    ...seedRecords.issues,
  ];
  if (issues.length > 0) {
    issues.sort((a, b) => comparePointers(a.path, b.path));
    throw new ApiError('BATON_E_PACK_INVALID', {}, issues, issues[0]?.path ?? '');
  }
  if (pending.length > 0) throw new ApiError('BATON_E_PACK_DRAFTS_PENDING', {}, pending, pending[0]?.path ?? '');

  for (const plan of plans.filter((p) => !p.unchanged)) {
    const body = { ...plan.entry.body, version: plan.version };
    const hash = definitionHash(body);
    await trx
      .insertInto('definitions')
      .values({
        kind: plan.entry.kind,
        key: plan.entry.key,
        version: plan.version,
        status: 'published',
        body: JSON.stringify(body),
        hash,
        created_by: actor,
        published_at: sql<Date>`now()`,
        published_by: actor,
      })
      .execute();
    await appendAudit(trx, {
      actor,
      action: 'definition.published',
      subjectKind: 'definition',
      subjectId: `${plan.entry.kind}/${plan.entry.key}@${plan.version}`,
      data: { kind: plan.entry.kind, key: plan.entry.key, version: plan.version, hash, pack: `${key}@${version}` },
    });
  }

  // Before the seed: a demo replay must not run rules this version no longer has.
  const retirement: RetireOutcome = await retireDropped(trx, installed, resolved.entries);

  const directory = seedDirectory
    ? { departments: await upsertDepartments(trx, seedDirectory.departments ?? []), users: await upsertUsers(trx, seedDirectory.users ?? []) }
    : null;
  // Records of collection forms are written (a record that exists is kept); other forms' rows stay in the
  // stored pack (and its export) only.
  const counts = Object.fromEntries(Object.entries(resolved.seed.records).map(([form, rows]) => [form, rows.length]));
  const inserted = await writeSeedRecords(trx, seedRecords, actor, now);
  const records = { written: seedRecords.byForm.size > 0, counts, ...(seedRecords.byForm.size > 0 ? { inserted } : {}) };
  // Demo seed rows of a flow's start form with a script are past instances, replayed through the engine.
  const replay = input.includeDemo
    ? await replayDemoInstances(trx, {
        packKey: key,
        packVersion: version,
        records: resolved.seed.records,
        origin: (form) => resolved.seedOrigins.records.get(form) ?? '/seed',
        flows: resolved.entries.filter((e) => e.kind === 'flow').map((e) => ({ key: e.key, form: typeof e.body.form === 'string' ? e.body.form : undefined })),
        now,
        timeZone: input.timeZone ?? 'Asia/Shanghai',
        locale,
        actor,
      })
    : undefined;
  if (replay && replay.issues.length > 0) {
    replay.issues.sort((a, b) => comparePointers(a.path, b.path));
    throw new ApiError('BATON_E_PACK_INVALID', {}, replay.issues, replay.issues[0]?.path ?? '');
  }
  const instances = replay && (Object.keys(replay.replayed).length > 0 || replay.existing > 0) ? { replayed: replay.replayed, existing: replay.existing } : undefined;

  const row = await trx
    .insertInto('packs')
    .values({ key, version: String(version), manifest: JSON.stringify(storedManifest(resolved, versions)), hash: resolved.hash, imported_by: actor })
    .returningAll()
    .executeTakeFirstOrThrow();
  const imported = plans.filter((p) => !p.unchanged).map(ref);
  const unchanged = plans.filter((p) => p.unchanged).map(ref);
  await appendAudit(trx, {
    actor,
    action: 'pack.imported',
    subjectKind: 'pack',
    subjectId: `${key}@${version}`,
    data: {
      key, version, hash: resolved.hash, imported, unchanged, directory, records: counts,
      ...(records.inserted ? { recordsInserted: records.inserted } : {}),
      ...(instances ? { demoInstances: instances.replayed } : {}),
      ...retirementAudit(retirement),
      ...input.auditDetails,
    },
  });
  const { retired, kept, cancelledTimers } = retirement;
  return {
    status: 201,
    body: {
      pack: toPackView(row), imported, unchanged, retired, kept, ...(cancelledTimers > 0 ? { cancelledTimers } : {}),
      seed: { directory, records, ...(instances ? { instances } : {}) },
    },
  };
}

/** Only an upgrade that dropped something says so in the audit entry. */
function retirementAudit({ retired, kept, cancelledTimers }: RetireOutcome): Record<string, unknown> {
  if (retired.length === 0 && kept.length === 0) return {};
  return { retired, kept, cancelledTimers };
}

/**
 * Each definition's version after the import: the published one when the body is identical to it, else
 * the next one. A changed definition whose latest version is an unpublished draft cannot take a version
 * without discarding the designer's work, so it is reported instead.
 */
async function planVersions(trx: Transaction<Database>, entries: PackEntry[], locale: Locale): Promise<{ plans: Plan[]; pending: Issue[] }> {
  const plans: Plan[] = [];
  const pending: Issue[] = [];
  for (const entry of entries) {
    if (!PACKABLE_KINDS.has(entry.kind) || !KEY.test(entry.key)) continue;
    const latest = await latestVersionForUpdate(trx, entry.kind, entry.key);
    const current = latest?.status === 'published' ? latest : await findDefinition(trx, entry.kind, entry.key, undefined);
    if (current && definitionHash({ ...entry.body, version: current.version }) === current.hash) {
      plans.push({ entry, version: current.version, unchanged: true });
      continue;
    }
    if (latest?.status === 'draft') {
      pending.push(issue('BATON_E_PACK_DRAFT_PENDING', entry.origin, { kind: entry.kind, key: entry.key, version: latest.version }, locale));
    }
    plans.push({ entry, version: (latest?.version ?? 0) + 1, unchanged: false });
  }
  return { plans, pending };
}

/** Seed records need a form the pack or the installation has; directory rows need their references. */
async function checkSeed(
  trx: Transaction<Database>,
  resolved: ResolvedPackBundle,
  directory: DirectoryImport | undefined,
  published: ReadonlyMap<string, unknown>,
  locale: Locale,
): Promise<Issue[]> {
  const issues: Issue[] = [];
  const forms = new Set(resolved.entries.filter((e) => e.kind === 'form').map((e) => e.key));
  for (const form of Object.keys(resolved.seed.records)) {
    if (!forms.has(form) && !published.has(`form/${form}`)) {
      issues.push(issue('BATON_E_PACK_SEED_FORM_UNKNOWN', resolved.seedOrigins.records.get(form) ?? '/seed', { form }, locale));
    }
  }
  if (directory) {
    const found = checkDirectoryImport(directory, await loadExistingDirectory(trx), locale);
    for (const i of found) {
      const match = /^\/(users|departments)\/(\d+)(\/.*)?$/.exec(i.path);
      const origin = match ? resolved.seedOrigins[match[1] as 'users' | 'departments'][Number(match[2])] : undefined;
      issues.push({ ...i, path: origin !== undefined ? origin + (match?.[3] ?? '') : '/seed/directory' + i.path });
    }
  }
  return issues;
}

/** The self-contained manifest stored with the pack version: definitions and seed inline. */
function storedManifest(resolved: ResolvedPackBundle, versions: ReadonlyMap<string, number>): Record<string, unknown> {
  const definitions = resolved.entries.map((e) => ({
    kind: e.kind,
    key: e.key,
    definition: { ...e.body, version: versions.get(definitionId(e.kind, e.key)) ?? 1 },
  }));
  const seed: Array<Record<string, unknown>> = [];
  if (resolved.seed.directory) seed.push({ target: 'directory', data: [resolved.seed.directory] });
  for (const [form, data] of Object.entries(resolved.seed.records)) seed.push({ target: 'records', form, data });
  return { ...resolved.header, definitions, ...(seed.length > 0 ? { seed } : {}) };
}
