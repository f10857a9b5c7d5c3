import { issue, pointer, validateAgainstSchema, validateDefinition, type DefinitionKind, type Issue, type Locale } from '@baton/engine';
import { createHash } from 'node:crypto';
import { canonicalJson } from '@baton/engine';
import { PackSeedDirectory, type PackSeedDirectoryValue } from './seed-dates.js';
import type { PackBundleValue } from './pack-schemas.js';
import './pack-errors.js';

type Json = Record<string, unknown>;

/** One definition of the pack, wherever the bundle held it. */
export interface PackEntry {
  kind: string;
  key: string;
  /** The body as sent, without its version (the server assigns versions). */
  body: Json;
  /** Index of the entry in the manifest's "definitions". */
  entryIndex: number;
  /** JSON Pointer of the body in the bundle: "/definitions/3" or "/manifest/definitions/1/definition". */
  origin: string;
}

/** The seed data the import loads: the bundle's "seed" plus inline manifest data, demo entries filtered. */
export interface EffectiveSeed {
  directory: PackSeedDirectoryValue | undefined;
  records: Record<string, Json[]>;
}

export interface ResolvedPackBundle {
  key: string;
  version: number;
  /** The manifest without "definitions" and "seed": what a pack version is, besides its contents. */
  header: Json;
  entries: PackEntry[];
  seed: EffectiveSeed;
  /** Where each merged directory row and each records form came from, for issue paths. */
  seedOrigins: { users: string[]; departments: string[]; records: Map<string, string> };
  /** Problems of the bundle's structure (not of the definitions themselves). */
  issues: Issue[];
  /** sha256 of the pack's normalized content: equal for a bundle and its export. */
  hash: string;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const idOf = (kind: string, key: string) => `${kind}/${key}`;

export function withoutVersion(body: Json): Json {
  const { version: _version, ...rest } = body;
  return rest;
}

/**
 * Matches the bundle's definitions with the manifest's entries, merges the seed and computes the pack's
 * content hash. Pure: nothing here looks at the database.
 */
export function resolvePackBundle(bundle: PackBundleValue, options: { includeDemo: boolean; locale: Locale }): ResolvedPackBundle {
  const { locale } = options;
  const issues: Issue[] = [];
  const manifest = bundle.manifest as Json;
  const { definitions: manifestDefs, seed: manifestSeed, ...header } = manifest;

  // The bundle's own definitions by kind/key; each must be listed by the manifest, once.
  const supplied = new Map<string, { body: Json; index: number }>();
  (bundle.definitions ?? []).forEach((body, j) => {
    const { kind, key } = body;
    if (typeof kind !== 'string' || typeof key !== 'string') {
      issues.push(issue('BATON_E_PACK_DEFINITION_UNNAMED', pointer('definitions', j), {}, locale));
      return;
    }
    const first = supplied.get(idOf(kind, key));
    if (first) issues.push(issue('BATON_E_PACK_DEFINITION_TWICE', pointer('definitions', j), { kind, key, first: pointer('definitions', first.index) }, locale));
    else supplied.set(idOf(kind, key), { body, index: j });
  });

  const entries: PackEntry[] = [];
  const listed = new Set<string>();
  (Array.isArray(manifestDefs) ? manifestDefs : []).forEach((entry: unknown, i) => {
    if (!isObject(entry) || typeof entry.kind !== 'string' || typeof entry.key !== 'string') return;
    const id = idOf(entry.kind, entry.key);
    const fromBundle = supplied.get(id);
    const repeated = listed.has(id);
    listed.add(id);
    if (isObject(entry.definition)) {
      if (fromBundle) {
        issues.push(issue('BATON_E_PACK_DEFINITION_TWICE', pointer('definitions', fromBundle.index), { kind: entry.kind, key: entry.key, first: pointer('manifest', 'definitions', i, 'definition') }, locale));
      }
      if (!repeated) entries.push({ kind: entry.kind, key: entry.key, body: withoutVersion(entry.definition), entryIndex: i, origin: pointer('manifest', 'definitions', i, 'definition') });
      return;
    }
    // The engine reports the duplicate entry itself; only the first one takes the supplied body.
    if (repeated) return;
    if (fromBundle) {
      entries.push({ kind: entry.kind, key: entry.key, body: withoutVersion(fromBundle.body), entryIndex: i, origin: pointer('definitions', fromBundle.index) });
    } else if (typeof entry.file === 'string') {
      issues.push(issue('BATON_E_PACK_DEFINITION_MISSING', pointer('manifest', 'definitions', i, 'file'), { kind: entry.kind, key: entry.key }, locale));
    }
  });
  for (const [id, { index, body }] of supplied) {
    if (!listed.has(id)) issues.push(issue('BATON_E_PACK_DEFINITION_NOT_LISTED', pointer('definitions', index), { kind: String(body.kind), key: String(body.key) }, locale));
  }

  const { seed, seedOrigins } = mergeSeed(bundle, manifestSeed, options, issues);
  const key = typeof manifest.key === 'string' ? manifest.key : '';
  const version = typeof manifest.version === 'number' ? manifest.version : 0;
  return { key, version, header, entries, seed, seedOrigins, issues, hash: packContentHash(header, entries, seed) };
}

function mergeSeed(
  bundle: PackBundleValue,
  manifestSeed: unknown,
  options: { includeDemo: boolean; locale: Locale },
  issues: Issue[],
): { seed: EffectiveSeed; seedOrigins: ResolvedPackBundle['seedOrigins'] } {
  const { locale } = options;
  const users: NonNullable<PackSeedDirectoryValue['users']> = [];
  const departments: NonNullable<PackSeedDirectoryValue['departments']> = [];
  const origins = { users: [] as string[], departments: [] as string[], records: new Map<string, string>() };
  const addDirectory = (dir: PackSeedDirectoryValue, base: string) => {
    (dir.departments ?? []).forEach((d, n) => {
      departments.push(d);
      origins.departments.push(`${base}/departments/${n}`);
    });
    (dir.users ?? []).forEach((u, n) => {
      users.push(u);
      origins.users.push(`${base}/users/${n}`);
    });
  };
  const records: Record<string, Json[]> = {};
  const addRecords = (form: string, rows: Json[], origin: string) => {
    (records[form] ??= []).push(...rows);
    if (!origins.records.has(form)) origins.records.set(form, origin);
  };

  if (bundle.seed?.directory) addDirectory(bundle.seed.directory, '/seed/directory');
  for (const [form, rows] of Object.entries(bundle.seed?.records ?? {})) addRecords(form, rows, pointer('seed', 'records', form));

  (Array.isArray(manifestSeed) ? manifestSeed : []).forEach((entry: unknown, i) => {
    if (!isObject(entry)) return;
    if (entry.demo === true && !options.includeDemo) return;
    const base = pointer('manifest', 'seed', i);
    if (Array.isArray(entry.data)) {
      if (entry.target === 'directory') {
        entry.data.forEach((item: unknown, n) => {
          const found = validateAgainstSchema(PackSeedDirectory as never, item, `${base}/data/${n}`, locale);
          if (found.length > 0) issues.push(...found);
          else addDirectory(item as PackSeedDirectoryValue, `${base}/data/${n}`);
        });
      } else if (entry.target === 'records' && typeof entry.form === 'string') {
        addRecords(entry.form, entry.data.filter(isObject), `${base}/form`);
      }
      return;
    }
    if (typeof entry.file !== 'string') return;
    if (entry.target === 'directory' && !bundle.seed?.directory) {
      issues.push(issue('BATON_E_PACK_SEED_MISSING', `${base}/file`, { what: 'directory', whatZh: '目录数据' }, locale));
    }
    if (entry.target === 'records' && typeof entry.form === 'string' && !bundle.seed?.records?.[entry.form]) {
      issues.push(issue('BATON_E_PACK_SEED_MISSING', `${base}/file`, { what: `records of form "${entry.form}"`, whatZh: `表单 "${entry.form}" 的记录` }, locale));
    }
  });

  const directory = users.length > 0 || departments.length > 0 ? { departments, users } : undefined;
  for (const form of Object.keys(records)) if (records[form]?.length === 0) delete records[form];
  return { seed: { directory, records }, seedOrigins: origins };
}

/** The normalized content a pack version stands for: header, definitions (sorted, without versions), seed. */
export function packContentHash(header: Json, entries: Array<Pick<PackEntry, 'kind' | 'key' | 'body'>>, seed: EffectiveSeed): string {
  const definitions = [...entries]
    .sort((a, b) => (idOf(a.kind, a.key) < idOf(b.kind, b.key) ? -1 : 1))
    .map((e) => ({ kind: e.kind, key: e.key, body: withoutVersion(e.body) }));
  const content = { header, definitions, seed: { directory: seed.directory ?? null, records: seed.records } };
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/**
 * Every problem of the pack's definitions, at its path in the bundle: the manifest as sent (its inline
 * definitions are checked nested, by the engine), then each definition the bundle holds beside it. These
 * are validated one by one rather than inlined, so a manifest that fails its own schema does not hide
 * their problems. References resolve to the pack's own definitions first, then to what is published.
 */
export function validateBundle(
  bundle: PackBundleValue,
  resolved: ResolvedPackBundle,
  versions: ReadonlyMap<string, number>,
  published: (kind: DefinitionKind, key: string) => unknown,
  locale: Locale,
): Issue[] {
  const inPack = new Map(
    resolved.entries.map((e) => [idOf(e.kind, e.key), { ...e.body, version: versions.get(idOf(e.kind, e.key)) ?? 1 }]),
  );
  const resolve = (kind: DefinitionKind, key: string) => inPack.get(idOf(kind, key)) ?? published(kind, key);
  const issues = validateDefinition(bundle.manifest, { locale, resolve }).errors.map((i) => ({ ...i, path: '/manifest' + i.path }));
  for (const entry of resolved.entries) {
    if (entry.origin.startsWith('/manifest/')) continue;
    const found = validateDefinition(inPack.get(idOf(entry.kind, entry.key)), { locale, resolve }).errors;
    issues.push(...found.map((i) => ({ ...i, path: entry.origin + i.path })));
  }
  return issues;
}

export function definitionId(kind: string, key: string): string {
  return idOf(kind, key);
}
