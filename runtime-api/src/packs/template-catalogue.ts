import fs from 'node:fs/promises';
import path from 'node:path';

/** Text in both languages, or one string for every language (as pack.json allows). */
export type TemplateText = string | Record<string, string>;

/** A template pack that ships with Baton: the outline of its pack.json and the folder it is read from. */
export interface ShippedTemplate {
  key: string;
  /** The pack version in pack.json: what installing it now would import. */
  version: number;
  release: string | null;
  title: TemplateText;
  description: TemplateText | null;
  tags: string[];
  /** Definitions the manifest lists. */
  definitions: number;
  /** Whether the manifest has seed entries marked "demo" (people, records, past instances). */
  demoData: boolean;
  /** Absolute path of the template's folder; never taken from a request. */
  dir: string;
}

/** A sub-folder whose pack.json is not a usable template: left out of the gallery, reported to the log. */
export interface SkippedTemplate {
  folder: string;
  reason: string;
}

const KEY = /^[a-z][a-z0-9-]*$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function textOf(value: unknown): TemplateText | null {
  if (typeof value === 'string') return value;
  if (!isObject(value)) return null;
  const entries = Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string');
  return entries.length > 0 ? Object.fromEntries(entries) : null;
}

/** pack.json of one folder as a template, or why it is not one (no pack.json at all: null, not a template folder). */
async function readTemplate(dir: string): Promise<ShippedTemplate | SkippedTemplate | null> {
  const folder = path.basename(dir);
  let text: string;
  try {
    text = await fs.readFile(path.join(dir, 'pack.json'), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
    return { folder, reason: (err as Error).message };
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return { folder, reason: `pack.json is not valid JSON (${(err as Error).message})` };
  }
  if (!isObject(manifest) || manifest.kind !== 'pack') return { folder, reason: 'pack.json is not a pack manifest (kind "pack")' };
  const { key, version } = manifest;
  if (typeof key !== 'string' || !KEY.test(key)) return { folder, reason: 'pack.json has no valid "key"' };
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return { folder, reason: 'pack.json has no valid "version"' };
  const seed = Array.isArray(manifest.seed) ? manifest.seed : [];
  return {
    key,
    version,
    release: typeof manifest.release === 'string' ? manifest.release : null,
    title: textOf(manifest.title) ?? key,
    description: textOf(manifest.description),
    tags: Array.isArray(manifest.tags) ? manifest.tags.filter((t): t is string => typeof t === 'string') : [],
    definitions: Array.isArray(manifest.definitions) ? manifest.definitions.length : 0,
    demoData: seed.some((s) => isObject(s) && s.demo === true),
    dir,
  };
}

/**
 * The template packs shipped in `root` (templates/ of the repository by default): every sub-folder with a
 * pack.json, read afresh on each call (a few small files), so a deployment that ships a newer version is
 * offered at once. Ordered by key; of two folders with the same key, the first by folder name wins.
 */
export async function readTemplateCatalogue(root: string | null): Promise<{ templates: ShippedTemplate[]; skipped: SkippedTemplate[] }> {
  if (root === null) return { templates: [], skipped: [] };
  let names: string[];
  try {
    names = (await fs.readdir(root, { withFileTypes: true })).filter((d) => d.isDirectory() && !d.name.startsWith('.') && d.name !== 'node_modules').map((d) => d.name);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { templates: [], skipped: [] };
    throw err;
  }
  const found = await Promise.all(names.sort().map((name) => readTemplate(path.join(root, name))));
  const templates = new Map<string, ShippedTemplate>();
  const skipped: SkippedTemplate[] = [];
  for (const entry of found) {
    if (entry === null) continue;
    if ('reason' in entry) skipped.push(entry);
    else if (templates.has(entry.key)) skipped.push({ folder: path.basename(entry.dir), reason: `another folder already ships the template "${entry.key}"` });
    else templates.set(entry.key, entry);
  }
  return { templates: [...templates.values()].sort((a, b) => a.key.localeCompare(b.key)), skipped };
}
