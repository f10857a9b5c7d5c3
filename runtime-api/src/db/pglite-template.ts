import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const here = path.dirname(fileURLToPath(import.meta.url));
const packageDir = path.resolve(here, '../..');

/**
 * Identifies a migrated empty database: every migration file, the migrator (its list and table names) and
 * the PGlite version. Any change gives a new key, so a stale template is never used.
 */
export async function migrationsKey(): Promise<string> {
  const hash = createHash('sha256');
  const migrationsDir = path.join(here, 'migrations');
  for (const file of (await fs.readdir(migrationsDir)).sort()) {
    hash.update(file).update('\0').update(await fs.readFile(path.join(migrationsDir, file))).update('\0');
  }
  for (const name of ['migrate.ts', 'migrate.js']) {
    const text = await fs.readFile(path.join(here, name)).catch(() => undefined);
    if (text) hash.update(name).update('\0').update(text).update('\0');
  }
  hash.update(await pgliteVersion());
  return hash.digest('hex').slice(0, 16);
}

async function pgliteVersion(): Promise<string> {
  try {
    const pkg = JSON.parse(await fs.readFile(path.join(packageDir, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Where migrated templates are kept: BATON_PGLITE_TEMPLATE_DIR, else the package's node_modules/.cache
 * (next to the installed PGlite, so a reinstall clears it), else the system temp folder.
 */
export async function templateRoot(env: Record<string, string | undefined> = process.env): Promise<string> {
  const configured = env.BATON_PGLITE_TEMPLATE_DIR?.trim();
  if (configured) return path.resolve(configured);
  const candidate = path.join(packageDir, 'node_modules/.cache/baton');
  try {
    await fs.mkdir(candidate, { recursive: true });
    await fs.access(candidate, fs.constants.W_OK);
    return candidate;
  } catch {
    return path.join(os.tmpdir(), 'baton-pglite-templates');
  }
}

/** True when the folder holds a PostgreSQL data directory already. */
export async function holdsDatabase(dataDir: string): Promise<boolean> {
  try {
    await fs.access(path.join(dataDir, 'PG_VERSION'));
    return true;
  } catch {
    return false;
  }
}

/** A folder that is missing or empty: safe to fill from a template. */
async function isEmptyFolder(dir: string): Promise<boolean> {
  try {
    return (await fs.readdir(dir)).length === 0;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

export type SeedOutcome = 'existing' | 'from-template' | 'template-built' | 'not-empty';

/**
 * A new embedded data folder starts as a copy of a migrated empty database, instead of PGlite's initdb
 * (3–4.5 s and ~900 MB on this machine) and every migration. The template is built once per migrations key
 * (`build` opens, migrates and closes a PGlite database in the folder it is given) and copied per data
 * folder; migrations still run after opening, so a template that somehow lags only costs time.
 * A folder that holds anything is left alone: it is the operator's.
 */
export async function seedDataDir(dataDir: string, build: (dir: string) => Promise<void>): Promise<SeedOutcome> {
  if (await holdsDatabase(dataDir)) return 'existing';
  if (!(await isEmptyFolder(dataDir))) return 'not-empty';
  const root = await templateRoot();
  const template = path.join(root, `pglite-${await migrationsKey()}`);
  let outcome: SeedOutcome = 'from-template';
  if (!(await holdsDatabase(template))) {
    // Built beside its final place and renamed: a crash or a second process never leaves half a template.
    await fs.mkdir(root, { recursive: true });
    const partial = `${template}.${process.pid}.${Date.now()}.tmp`;
    try {
      await build(partial);
      await fs.rename(partial, template).catch(async (err: NodeJS.ErrnoException) => {
        // Another process finished first: its template serves as well.
        if (!(await holdsDatabase(template))) throw err;
      });
    } finally {
      await fs.rm(partial, { recursive: true, force: true });
    }
    outcome = 'template-built';
    await prune(root, path.basename(template));
  }
  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  await copyOffThread(template, dataDir);
  return outcome;
}

/**
 * The synchronous copy (~1,200 small files with a third of the CPU the promise API spends on them: one
 * promise per file and directory), in a worker thread: 0.3–0.5 s, mostly the kernel creating files, that the
 * main thread spends loading the app and PGlite's WebAssembly meanwhile (see openDatabase).
 */
async function copyOffThread(from: string, to: string): Promise<void> {
  const code = `const { cpSync } = require('node:fs');
const { workerData } = require('node:worker_threads');
cpSync(workerData.from, workerData.to, { recursive: true, force: false, errorOnExist: false });`;
  const worker = new Worker(code, { eval: true, workerData: { from, to } });
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`copying the PGlite template stopped (exit ${code})`))));
  });
}

/** Templates kept besides the current one (other checkouts or branches may still use them). */
const KEEP_TEMPLATES = 3;
/** A partial build this old was left by a process that died while building. */
const STALE_PARTIAL_MS = 10 * 60_000;

/** Removes dead partial builds and all but the newest few templates; never the one just built. */
async function prune(root: string, current: string): Promise<void> {
  try {
    const entries = await Promise.all(
      (await fs.readdir(root)).filter((n) => n.startsWith('pglite-') && n !== current).map(async (name) => ({ name, mtime: (await fs.stat(path.join(root, name))).mtimeMs })),
    );
    const partial = entries.filter((e) => e.name.endsWith('.tmp') && Date.now() - e.mtime > STALE_PARTIAL_MS);
    const old = entries.filter((e) => !e.name.endsWith('.tmp')).sort((a, b) => b.mtime - a.mtime).slice(KEEP_TEMPLATES - 1);
    for (const e of [...partial, ...old]) await fs.rm(path.join(root, e.name), { recursive: true, force: true });
  } catch {
    // Housekeeping only: a template that cannot be removed costs disk space, nothing else.
  }
}
