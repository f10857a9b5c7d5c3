import type { DirectoryImport } from '../directory/directory-schemas.js';
import type { PackRow } from './pack-store.js';
import { storedEntries } from './pack-store.js';
import type { PackBundleValue } from './pack-schemas.js';

/** Where an export puts each definition in a pack folder: "flows/offboarding.json". */
export function definitionFile(kind: string, key: string): string {
  return `${kind}s/${key}.json`;
}

export const DIRECTORY_SEED_FILE = 'seed/directory.json';
export const recordsSeedFile = (form: string) => `seed/records/${form}.json`;

/**
 * A stored pack version as a bundle again: the manifest lists each definition by file, the definitions
 * are those this import left published, and the seed is what it loaded. Importing it again changes nothing
 * (its content hash is the stored one); `baton export` writes it out as a pack folder.
 */
export function exportPack(row: PackRow): PackBundleValue {
  const { definitions: _definitions, seed: storedSeed, ...header } = row.manifest;
  const entries = storedEntries(row);
  const seedEntries: Array<Record<string, unknown>> = [];
  const seed: NonNullable<PackBundleValue['seed']> = {};
  for (const entry of Array.isArray(storedSeed) ? (storedSeed as Array<Record<string, unknown>>) : []) {
    const data = Array.isArray(entry.data) ? entry.data : [];
    if (entry.target === 'directory') {
      seed.directory = data[0] as DirectoryImport;
      seedEntries.push({ target: 'directory', file: DIRECTORY_SEED_FILE });
    } else if (entry.target === 'records' && typeof entry.form === 'string') {
      (seed.records ??= {})[entry.form] = data as Array<Record<string, unknown>>;
      seedEntries.push({ target: 'records', form: entry.form, file: recordsSeedFile(entry.form) });
    }
  }
  return {
    manifest: {
      ...header,
      definitions: entries.map((e) => ({ kind: e.kind, key: e.key, file: definitionFile(e.kind, e.key) })),
      ...(seedEntries.length > 0 ? { seed: seedEntries } : {}),
    },
    definitions: entries.map((e) => e.definition),
    ...(seedEntries.length > 0 ? { seed } : {}),
  };
}
