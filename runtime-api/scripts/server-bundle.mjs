// `pnpm start` runs the server from a JavaScript bundle, not from ~480 TypeScript files transpiled by tsx at
// every start (about a second of CPU), with most installed packages inside too (module lookups through
// node_modules cost another ~0.4 s). The bundle is rebuilt only when an input changed: the stamp lists every
// source file esbuild read (from its metafile) with a sha256 over their contents and the lockfile's, so the
// check reads those ~260 files and nothing else (~20 ms).
//   node runtime-api/scripts/server-bundle.mjs          build if stale
//   node runtime-api/scripts/server-bundle.mjs --force  always build
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = 'src/server.ts';
/** The newest few bundles are kept, and any a live server marked as its own (it loads chunks lazily). */
const KEEP_BUNDLES = 3;
/** Folder inside a bundle holding one empty file per process running from it, named by its pid. */
const IN_USE = '.in-use';

/** Where bundles live: BATON_SERVER_BUNDLE_DIR (tests), else runtime-api/dist. */
export function bundleRoot(env = process.env) {
  const configured = env.BATON_SERVER_BUNDLE_DIR?.trim();
  return configured ? path.resolve(configured) : path.join(packageDir, 'dist');
}

const stampFile = (root) => path.join(root, 'server-bundle.json');

/** esbuild is a dependency of this package (tsx uses the same version), so a production install has it. */
async function loadEsbuild() {
  return import('esbuild');
}

/**
 * Hash of the inputs' paths and contents, the build recipe (this file), Node's major version and the
 * lockfile (a dependency bundled from a workspace package changes with it).
 */
export function inputsHash(inputs) {
  const hash = createHash('sha256');
  hash.update(fs.readFileSync(fileURLToPath(import.meta.url))).update('\0').update(process.versions.node.split('.')[0]).update('\0');
  const lockfile = path.join(packageDir, '..', 'pnpm-lock.yaml');
  if (fs.existsSync(lockfile)) hash.update(fs.readFileSync(lockfile)).update('\0');
  for (const input of inputs) {
    hash.update(input).update('\0').update(fs.readFileSync(path.resolve(packageDir, input))).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** The current bundle's entry file, or undefined when there is none or any input changed since. */
export function freshBundle(root = bundleRoot()) {
  try {
    const stamp = JSON.parse(fs.readFileSync(stampFile(root), 'utf8'));
    const entry = path.join(root, stamp.dir, 'server.mjs');
    if (!fs.existsSync(entry) || inputsHash(stamp.inputs) !== stamp.hash) return undefined;
    return entry;
  } catch {
    // No stamp, an unreadable one, or an input that was deleted: build again.
    return undefined;
  }
}

/**
 * Source files keep their own location for `import.meta.url` (paths to templates/, designer/dist, the
 * migrations folder, fonts): each use is replaced by the source file's URL, relative to the bundle.
 */
function keepSourceUrls(outDirDepthFromPackage) {
  return {
    name: 'keep-source-urls',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        let contents = await fs.promises.readFile(args.path, 'utf8');
        if (contents.includes('import.meta.url')) {
          const fromBundle = path.relative(path.join(packageDir, outDirDepthFromPackage), args.path).split(path.sep).join('/');
          contents = contents.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`);
        }
        return { contents, loader: 'ts' };
      });
    },
  };
}

/**
 * Installed packages kept out of the bundle, loaded from node_modules as installed: they read files beside
 * their own code (PGlite's WebAssembly, pino's transport workers, PDFKit's font metrics, the fonts, the API
 * reference's assets), are optional (pg-native) or are large and loaded late (the S3 client).
 */
const EXTERNAL = [
  '@electric-sql/pglite',
  'pino',
  'thread-stream',
  'pdfkit',
  '@expo-google-fonts/noto-sans-sc',
  '@fastify/swagger-ui',
  '@aws-sdk/client-s3',
  'pg-native',
];
/** Code that locates files relative to itself. */
const FILE_RELATIVE = /__dirname|__filename|import\.meta\.(url|dirname|filename)|require\.resolve/;
/** Bundled although they match: @fastify/swagger reads its package.json in a try, for defaults we set. */
const BUNDLED_ANYWAY = new Set(['@fastify/swagger']);

/** The package a node_modules path belongs to ('@scope/name' or 'name'). */
function packageOf(input) {
  const rest = input.slice(input.lastIndexOf('node_modules/') + 'node_modules/'.length).split('/');
  return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
}

function isExternal(specifier, external) {
  for (const name of external) if (specifier === name || specifier.startsWith(name + '/')) return true;
  return false;
}

/** Bundled packages whose code locates files relative to itself: they must stay external. */
function fileRelativePackages(inputs, external) {
  const found = new Set();
  for (const input of Object.keys(inputs)) {
    if (!input.includes('node_modules/')) continue;
    const name = packageOf(input);
    if (external.has(name) || found.has(name) || BUNDLED_ANYWAY.has(name)) continue;
    if (FILE_RELATIVE.test(fs.readFileSync(path.resolve(packageDir, input), 'utf8'))) found.add(name);
  }
  return [...found];
}

/**
 * Installed packages go into the bundle (one file read instead of hundreds of module lookups), except the
 * external ones: imported from this package's sources they resolve from its node_modules at run time;
 * imported from a bundled package, by their path relative to the bundle (the version that package has).
 */
function externalPackages(external, outDir) {
  return {
    name: 'external-packages',
    setup(build) {
      const ownSources = path.join(packageDir, 'src') + path.sep;
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('node:')) return { external: true };
        if (args.path.startsWith('@baton/') || !isExternal(args.path, external)) return undefined;
        if (args.importer.startsWith(ownSources)) return { external: true };
        try {
          const resolved = createRequire(args.importer).resolve(args.path);
          const relative = path.relative(outDir, resolved).split(path.sep).join('/');
          return { path: relative.startsWith('.') ? relative : `./${relative}`, external: true };
        } catch {
          // An optional dependency that is not installed: its importer copes at run time.
          return { external: true };
        }
      });
    },
  };
}

function buildOnce(esbuild, outDir, external) {
  return esbuild.build({
    absWorkingDir: packageDir,
    entryPoints: [ENTRY],
    outdir: outDir,
    bundle: true,
    // Modules loaded with import() (the app while the database opens, PDF rendering, S3) stay separate
    // chunks, loaded when first needed.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: `node${process.versions.node.split('.')[0]}`,
    outExtension: { '.js': '.mjs' },
    entryNames: '[name]',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'silent',
    // Bundled CommonJS packages call require() (Node's built-ins, external packages).
    banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
    plugins: [keepSourceUrls(path.relative(packageDir, outDir)), externalPackages(external, outDir)],
  });
}

/** Builds a new bundle into root/server-<hash>/ (written beside it and renamed, so a reader never sees half). */
export async function buildBundle(root = bundleRoot()) {
  const esbuild = await loadEsbuild();
  fs.mkdirSync(root, { recursive: true });
  const partial = path.join(root, `.server-${process.pid}-${Date.now()}.tmp`);
  try {
    // A package not listed above that finds files beside its code is found among what a first build
    // bundled, and a second build leaves it out.
    const external = new Set(EXTERNAL);
    let result;
    for (let attempt = 0; attempt < 3; attempt++) {
      fs.rmSync(partial, { recursive: true, force: true });
      result = await buildOnce(esbuild, partial, external);
      const found = fileRelativePackages(result.metafile.inputs, external);
      if (found.length === 0) break;
      for (const name of found) external.add(name);
    }
    // Installed packages are covered by the lockfile in the hash; hashing their files would slow each start.
    const inputs = Object.keys(result.metafile.inputs).filter((input) => !input.includes('node_modules/')).sort();
    const hash = inputsHash(inputs);
    const dir = `server-${hash}`;
    const target = path.join(root, dir);
    const built = () => fs.existsSync(path.join(target, 'server.mjs'));
    try {
      if (!built()) fs.renameSync(partial, target);
    } catch (err) {
      if (!built()) throw err;
    }
    // Built before from the same inputs (another process, a branch switched back), it serves as well; the
    // touch keeps it among the newest for pruning.
    const now = new Date();
    fs.utimesSync(target, now, now);
    const stampPartial = `${stampFile(root)}.${process.pid}.tmp`;
    fs.writeFileSync(stampPartial, JSON.stringify({ dir, hash, external: [...external].sort(), inputs }, null, 1) + '\n');
    fs.renameSync(stampPartial, stampFile(root));
    prune(root, dir);
    return path.join(root, dir, 'server.mjs');
  } finally {
    fs.rmSync(partial, { recursive: true, force: true });
  }
}

/**
 * Marks the bundle holding `entry` as used by this process until it exits: a server loads chunks from it on
 * first use (PDF rendering, S3) long after starting, so another start or build in the same checkout must not
 * remove it. A process killed without its exit handler leaves a marker that prune() drops once the pid is gone.
 */
export function markInUse(entry, pid = process.pid) {
  const dir = path.join(path.dirname(entry), IN_USE);
  fs.mkdirSync(dir, { recursive: true });
  const marker = path.join(dir, String(pid));
  fs.writeFileSync(marker, '');
  if (pid === process.pid) process.once('exit', () => fs.rmSync(marker, { force: true }));
  return marker;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return err?.code === 'EPERM';
  }
}

/** Whether a live process runs from this bundle folder; markers of processes that are gone are removed. */
function inUse(bundleDir) {
  let names;
  try {
    names = fs.readdirSync(path.join(bundleDir, IN_USE));
  } catch {
    return false;
  }
  let used = false;
  for (const name of names) {
    const pid = Number(name);
    if (Number.isInteger(pid) && pid > 0 && alive(pid)) used = true;
    else fs.rmSync(path.join(bundleDir, IN_USE, name), { force: true });
  }
  return used;
}

/**
 * Removes all but the newest few bundles (never the current one, nor one a live process runs from) and
 * partial builds left by a crash.
 */
export function prune(root, current) {
  try {
    const entries = fs
      .readdirSync(root)
      .filter((name) => (name.startsWith('server-') && !name.endsWith('.json') && name !== current) || name.startsWith('.server-'))
      .map((name) => ({ name, mtime: fs.statSync(path.join(root, name)).mtimeMs }));
    const stalePartial = entries.filter((e) => e.name.startsWith('.server-') && Date.now() - e.mtime > 10 * 60_000);
    const old = entries
      .filter((e) => e.name.startsWith('server-'))
      .sort((a, b) => b.mtime - a.mtime)
      .slice(KEEP_BUNDLES - 1)
      .filter((e) => !inUse(path.join(root, e.name)));
    for (const e of [...stalePartial, ...old]) fs.rmSync(path.join(root, e.name), { recursive: true, force: true });
  } catch {
    // Housekeeping only.
  }
}

/** The bundle's entry, built first when stale. */
export async function ensureBundle(root = bundleRoot()) {
  return freshBundle(root) ?? (await buildBundle(root));
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const force = process.argv.includes('--force');
  const started = performance.now();
  const entry = force ? await buildBundle() : await ensureBundle();
  console.log(`server bundle: ${path.relative(process.cwd(), entry)} (${Math.round(performance.now() - started)} ms)`);
}
