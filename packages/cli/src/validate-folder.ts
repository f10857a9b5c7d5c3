import fs from 'node:fs/promises';
import path from 'node:path';
import { issue, pointer, validateDefinition, type DefinitionKind, type Issue, type Locale } from '@baton/engine';
import './cli-errors.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface FileIssue {
  /** Relative to the folder validated. */
  file: string;
  path: string;
  code: string;
  message: string;
}

export interface FolderValidation {
  files: number;
  definitions: number;
  packs: number;
  /** JSON files that are not definitions (seed data, scenarios, package.json…). */
  skipped: string[];
  issues: FileIssue[];
}

async function jsonFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await jsonFiles(full)));
    else if (entry.isFile() && entry.name.endsWith('.json')) found.push(full);
  }
  return found.sort();
}

/** Files may leave out "version": the server assigns versions, so validation assumes 1. */
const withVersion = (def: Json): Json => ('version' in def ? def : { ...def, version: 1 });

/**
 * Validates every definition in a folder (recursively) with the engine: each pack.json with its
 * definition files inlined (so references inside the pack resolve), every other *.json that has a
 * "kind". Definitions in the folder resolve each other's references.
 */
export async function validateFolder(dir: string, options: { locale?: Locale; onProgress?: (done: number, total: number) => void } = {}): Promise<FolderValidation> {
  const locale = options.locale ?? 'en';
  const files = await jsonFiles(dir);
  const rel = (file: string) => path.relative(dir, file) || path.basename(file);
  const issues: FileIssue[] = [];
  const add = (file: string, found: Issue[]) => {
    for (const i of found) issues.push({ file: rel(file), path: i.path, code: i.code, message: i.message });
  };

  const parsed = new Map<string, unknown>();
  for (const file of files) {
    try {
      parsed.set(file, JSON.parse((await fs.readFile(file, 'utf8')).replace(/^\uFEFF/, '')));
    } catch (err) {
      add(file, [issue('BATON_E_CLI_JSON_INVALID', '', { reason: (err as Error).message }, locale)]);
    }
  }

  const byId = new Map<string, Json>();
  for (const value of parsed.values()) {
    if (isObject(value) && typeof value.kind === 'string' && value.kind !== 'pack' && typeof value.key === 'string') {
      byId.set(`${value.kind}/${value.key}`, withVersion(value));
    }
  }
  const resolve = (kind: DefinitionKind, key: string) => byId.get(`${kind}/${key}`);

  // Files a pack names are validated through it (definitions) or are not definitions (seed, scenarios).
  const consumed = new Set<string>();
  const packFiles = [...parsed].filter(([, v]) => isObject(v) && v.kind === 'pack').map(([file]) => file);
  for (const packFile of packFiles) {
    const manifest = parsed.get(packFile) as Json;
    const base = path.dirname(packFile);
    const inPack = new Map<string, Json>();
    const listed: string[] = [];
    const entries = Array.isArray(manifest.definitions) ? manifest.definitions : [];
    entries.forEach((entry: unknown, i) => {
      if (!isObject(entry) || typeof entry.file !== 'string') return;
      const full = path.resolve(base, entry.file);
      consumed.add(full);
      if (!files.includes(full)) {
        add(packFile, [issue('BATON_E_CLI_FILE_MISSING', pointer('definitions', i, 'file'), { file: entry.file }, locale)]);
        return;
      }
      const body = parsed.get(full);
      if (!isObject(body)) return;
      listed.push(full);
      inPack.set(`${String(entry.kind)}/${String(entry.key)}`, withVersion(body));
    });
    for (const list of [manifest.seed, manifest.scenarios]) {
      for (const item of Array.isArray(list) ? list : []) if (isObject(item) && typeof item.file === 'string') consumed.add(path.resolve(base, item.file));
    }
    // The pack's own definitions first: a pack may ship a form that differs from a loose one of the same key.
    const packResolve = (kind: DefinitionKind, key: string) => inPack.get(`${kind}/${key}`) ?? resolve(kind, key);
    add(packFile, validateDefinition(manifest, { locale, resolve: packResolve }).errors);
    // Each file on its own, so a manifest that fails its schema does not hide their problems.
    for (const full of listed) add(full, validateDefinition(withVersion(parsed.get(full) as Json), { locale, resolve: packResolve }).errors);
  }

  let definitions = 0;
  const skipped: string[] = [];
  let done = 0;
  for (const [file, value] of parsed) {
    done += 1;
    options.onProgress?.(done, parsed.size);
    if (consumed.has(file)) {
      if (isObject(value) && typeof value.kind === 'string') definitions += 1;
      continue;
    }
    if (packFiles.includes(file)) continue;
    if (!isObject(value) || !('kind' in value)) {
      skipped.push(rel(file));
      continue;
    }
    definitions += 1;
    add(file, validateDefinition(withVersion(value), { locale, resolve }).errors);
  }
  return { files: files.length, definitions, packs: packFiles.length, skipped, issues };
}
