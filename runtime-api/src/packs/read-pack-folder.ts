import fs from 'node:fs/promises';
import path from 'node:path';
import type { DirectoryImport } from '../directory/directory-schemas.js';
import type { PackBundleValue } from './pack-schemas.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A pack folder that cannot be read: names the file and what is wrong with it. */
export class PackFolderReadError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.name = 'PackFolderReadError';
  }
}

async function readJson(dir: string, file: string): Promise<unknown> {
  const full = path.resolve(dir, file);
  const rel = path.relative(dir, full);
  if (rel.startsWith('..') || path.isAbsolute(rel)) throw new PackFolderReadError(file, 'the path leaves the pack folder');
  let text: string;
  try {
    text = await fs.readFile(full, 'utf8');
  } catch (err) {
    throw new PackFolderReadError(file, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : (err as Error).message);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (err) {
    throw new PackFolderReadError(file, `not valid JSON (${(err as Error).message})`);
  }
}

/**
 * Reads a pack folder into the bundle POST /api/packs/import takes: pack.json, the definition files it
 * lists, its seed files (demo ones only when asked) and its scenario files (inlined into the manifest).
 * The server's own reader for `pnpm start`; `baton import` reads folders the same way on the client.
 */
export async function readPackFolder(dir: string, options: { demo: boolean }): Promise<PackBundleValue> {
  const manifest = await readJson(dir, 'pack.json');
  if (!isObject(manifest)) throw new PackFolderReadError('pack.json', 'must hold a JSON object');
  const definitions: Json[] = [];
  for (const entry of Array.isArray(manifest.definitions) ? manifest.definitions : []) {
    if (!isObject(entry) || typeof entry.file !== 'string') continue;
    const body = await readJson(dir, entry.file);
    if (!isObject(body)) throw new PackFolderReadError(entry.file, 'a definition must be a JSON object');
    definitions.push(body);
  }
  const seed: NonNullable<PackBundleValue['seed']> = {};
  for (const entry of Array.isArray(manifest.seed) ? manifest.seed : []) {
    if (!isObject(entry) || typeof entry.file !== 'string' || (entry.demo === true && !options.demo)) continue;
    const data = await readJson(dir, entry.file);
    if (entry.target === 'directory' && isObject(data)) {
      const d = data as DirectoryImport;
      seed.directory = { departments: [...(seed.directory?.departments ?? []), ...(d.departments ?? [])], users: [...(seed.directory?.users ?? []), ...(d.users ?? [])] };
    } else if (entry.target === 'records' && typeof entry.form === 'string' && Array.isArray(data)) {
      ((seed.records ??= {})[entry.form] ??= []).push(...data.filter(isObject));
    }
  }
  const scenarios = Array.isArray(manifest.scenarios)
    ? await Promise.all(manifest.scenarios.map(async (s: unknown) => {
        if (!isObject(s) || typeof s.file !== 'string') return s;
        const { file, ...rest } = s;
        return { ...rest, scenario: await readJson(dir, file) };
      }))
    : undefined;
  return {
    manifest: { ...manifest, ...(scenarios ? { scenarios } : {}) },
    definitions,
    ...(seed.directory || seed.records ? { seed } : {}),
  };
}
