// Builds the designer only when its inputs changed since the last build, so `pnpm start` stays fast.
// The stamp (dist/.build-stamp) is a sha256 of every input file's path and content: it survives a git
// checkout that touches mtimes without changing anything, and notices an edit that keeps the mtime.
//   node designer/scripts/ensure-build.mjs           build if stale
//   node designer/scripts/ensure-build.mjs --force   always build
//   node designer/scripts/ensure-build.mjs --check   exit 1 if stale, build nothing
//   node designer/scripts/ensure-build.mjs --soft    a failed build is a warning (pnpm start: the API still runs)
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const designerDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = path.resolve(designerDir, '..');
const distDir = path.join(designerDir, 'dist');
const stampFile = path.join(distDir, '.build-stamp');

// What ends up in the bundle: the app, its config, and the workspace packages it imports from source.
const INPUTS = [
  'designer/src',
  'designer/index.html',
  'designer/vite.config.ts',
  'designer/package.json',
  'designer/public',
  'engine/src',
  'engine/schemas',
  'engine/package.json',
  'packages/client/src',
];
const SKIP = /(\.test\.tsx?$|\/fixtures\/|\/node_modules\/)/;

function walk(target, out) {
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    return;
  }
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(target).sort()) walk(path.join(target, name), out);
  } else if (!SKIP.test(target.split(path.sep).join('/'))) {
    out.push(target);
  }
}

export function inputHash() {
  const files = [];
  for (const input of INPUTS) walk(path.join(repoDir, input), files);
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(path.relative(repoDir, file).split(path.sep).join('/'));
    hash.update('\0');
    hash.update(fs.readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

export function isStale() {
  if (!fs.existsSync(path.join(distDir, 'index.html'))) return true;
  const stamp = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8').trim() : '';
  return stamp !== inputHash();
}

/** Runs `vite build` and writes the stamp; throws with vite's output when it fails. */
export function build({ quiet = false } = {}) {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    throw new Error(`Building the designer needs Node.js 20.19 or newer (Vite 8); found ${process.versions.node}.`);
  }
  const hash = inputHash();
  const vite = path.join(designerDir, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', quiet ? 'warn' : 'info'], {
    cwd: designerDir,
    // Always a production bundle: run from vitest (NODE_ENV=test) Vite would otherwise bundle React's
    // development build (several times slower), and the stamp would not tell the two apart.
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: quiet ? 'pipe' : 'inherit',
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`designer build failed (exit ${result.status}):\n${result.stdout ?? ''}${result.stderr ?? ''}`);
  }
  fs.writeFileSync(stampFile, hash + '\n');
}

/** Builds when stale; returns whether it built. */
export function ensureBuild(options = {}) {
  if (!isStale()) return false;
  build(options);
  return true;
}

/** Builds when stale, saying so; with `soft`, a failed build is a warning and not an error. */
export function ensureBuildVerbose({ soft = false } = {}) {
  try {
    if (isStale()) {
      console.log('Building the designer (its sources changed since the last build)…');
      build();
    } else {
      console.log('Designer build is up to date.');
    }
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    if (!soft) throw err;
    console.error('The designer was not built: the API runs, but / serves nothing until `pnpm build` succeeds.');
  }
}

// `pnpm start` runs the --soft check inside the server's process (runtime-api/scripts/start.mjs --designer):
// one Node start fewer before the server.
const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = new Set(process.argv.slice(2));
  try {
    if (args.has('--check')) {
      const stale = isStale();
      console.log(stale ? 'designer build is stale' : 'designer build is up to date');
      process.exit(stale ? 1 : 0);
    }
    if (args.has('--force')) build();
    else ensureBuildVerbose({ soft: args.has('--soft') });
  } catch (err) {
    if (args.has('--force')) console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
