import fs from 'node:fs/promises';
import path from 'node:path';
import type { DirectoryImport, PackBundle, PackSeedEntry } from '@baton/client';
import { issue, pointer, type Issue } from '@baton/engine';
import './cli-errors.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export class PackFolderError extends Error {
  constructor(readonly file: string, readonly issues: Issue[]) {
    super(`${file}: ${issues.map((i) => `${i.path || '/'} ${i.code} ${i.message}`).join('; ')}`);
    this.name = 'PackFolderError';
  }
}

/** A path from a manifest, resolved inside the pack folder (never outside it). */
export function insideFolder(dir: string, file: string, at: string): string {
  const full = path.resolve(dir, file);
  const rel = path.relative(dir, full);
  if (rel.startsWith('..') || path.isAbsolute(rel)) throw new PackFolderError('pack.json', [issue('BATON_E_CLI_FILE_OUTSIDE', at, { file })]);
  return full;
}

export async function readJsonFile(file: string, label: string): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new PackFolderError(label, [issue('BATON_E_CLI_FILE_MISSING', '', { file: label })]);
    throw err;
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (err) {
    throw new PackFolderError(label, [issue('BATON_E_CLI_JSON_INVALID', '', { reason: (err as Error).message })]);
  }
}

export interface PackFolder {
  bundle: PackBundle;
  /** For each bundle.definitions[j], the file it was read from (relative to the pack folder). */
  definitionFiles: string[];
  /** Progress lines, one per file read. */
  files: Array<{ file: string; what: string }>;
}

/**
 * Reads a pack folder into a bundle: pack.json, the definition files its entries name, the seed files
 * (demo ones only when asked) and scenario files (inlined into the manifest).
 */
export async function readPackFolder(dir: string, options: { demo: boolean }): Promise<PackFolder> {
  const manifest = await readJsonFile(path.join(dir, 'pack.json'), 'pack.json');
  if (!isObject(manifest)) throw new PackFolderError('pack.json', [issue('BATON_E_CLI_JSON_INVALID', '', { reason: 'pack.json must hold a JSON object' })]);
  const definitions: Json[] = [];
  const definitionFiles: string[] = [];
  const files: PackFolder['files'] = [];

  const entries = Array.isArray(manifest.definitions) ? manifest.definitions : [];
  for (const [i, entry] of entries.entries()) {
    if (!isObject(entry) || typeof entry.file !== 'string') continue;
    const body = await readJsonFile(insideFolder(dir, entry.file, pointer('definitions', i, 'file')), entry.file);
    if (!isObject(body)) throw new PackFolderError(entry.file, [issue('BATON_E_CLI_JSON_INVALID', '', { reason: 'a definition must be a JSON object' })]);
    definitions.push(body);
    definitionFiles.push(entry.file);
    files.push({ file: entry.file, what: `${String(entry.kind)} ${String(entry.key)}` });
  }

  const seed: NonNullable<PackBundle['seed']> = {};
  const seeds = Array.isArray(manifest.seed) ? (manifest.seed as PackSeedEntry[]) : [];
  for (const [i, entry] of seeds.entries()) {
    if (!isObject(entry) || typeof entry.file !== 'string') continue;
    if (entry.demo === true && !options.demo) continue;
    const data = await readJsonFile(insideFolder(dir, entry.file, pointer('seed', i, 'file')), entry.file);
    if (entry.target === 'directory') {
      const dirData = (isObject(data) ? data : {}) as DirectoryImport;
      seed.directory = {
        departments: [...(seed.directory?.departments ?? []), ...(dirData.departments ?? [])],
        users: [...(seed.directory?.users ?? []), ...(dirData.users ?? [])],
      };
    } else if (entry.target === 'records' && typeof entry.form === 'string') {
      const rows = Array.isArray(data) ? data : [];
      ((seed.records ??= {})[entry.form] ??= []).push(...(rows as Json[]));
    }
    files.push({ file: entry.file, what: `seed ${entry.target}${entry.form ? ' ' + entry.form : ''}` });
  }

  // Scenarios travel inside the manifest: the server stores the manifest, not the folder.
  const scenarios = Array.isArray(manifest.scenarios) ? manifest.scenarios : undefined;
  const inlinedScenarios = scenarios
    ? await Promise.all(
        scenarios.map(async (s: unknown, i) => {
          if (!isObject(s) || typeof s.file !== 'string') return s;
          const { file, ...rest } = s;
          const scenario = await readJsonFile(insideFolder(dir, file, pointer('scenarios', i, 'file')), file);
          files.push({ file, what: `scenario ${String(s.key)}` });
          return { ...rest, scenario };
        }),
      )
    : undefined;

  const bundle: PackBundle = {
    manifest: { ...manifest, ...(inlinedScenarios ? { scenarios: inlinedScenarios } : {}) },
    definitions,
    ...(seed.directory || seed.records ? { seed } : {}),
  };
  return { bundle, definitionFiles, files };
}

/** Writes a bundle out as a pack folder: pack.json, one file per definition and per seed. Returns the files. */
export async function writePackFolder(dir: string, bundle: PackBundle): Promise<string[]> {
  const written: string[] = [];
  const write = async (file: string, at: string, value: unknown) => {
    const full = insideFolder(dir, file, at);
    await fs.mkdir(path.dirname(full), { recursive: true });
    await fs.writeFile(full, JSON.stringify(value, null, 2) + '\n');
    written.push(file);
  };
  const manifest = bundle.manifest as Json;
  await write('pack.json', '', manifest);
  const byId = new Map((bundle.definitions ?? []).map((d) => [`${String(d.kind)}/${String(d.key)}`, d]));
  const entries = Array.isArray(manifest.definitions) ? manifest.definitions : [];
  for (const [i, entry] of entries.entries()) {
    if (!isObject(entry) || typeof entry.file !== 'string') continue;
    const body = byId.get(`${String(entry.kind)}/${String(entry.key)}`);
    if (body) await write(entry.file, pointer('definitions', i, 'file'), body);
  }
  const seeds = Array.isArray(manifest.seed) ? manifest.seed : [];
  for (const [i, entry] of seeds.entries()) {
    if (!isObject(entry) || typeof entry.file !== 'string') continue;
    const data = entry.target === 'directory' ? bundle.seed?.directory : typeof entry.form === 'string' ? bundle.seed?.records?.[entry.form] : undefined;
    if (data !== undefined) await write(entry.file, pointer('seed', i, 'file'), data);
  }
  return written;
}
