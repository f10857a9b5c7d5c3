// `pnpm start`'s server: the bundled server (scripts/server-bundle.mjs, rebuilt when a source changed), in this
// process. When the bundle cannot be built (esbuild missing, a source esbuild refuses) the server runs from
// its TypeScript sources through tsx, as before, only slower to start. BATON_START_FROM_SOURCE=1 forces that.
// The Node version check first (its own process would cost another Node start); with --designer (the root's
// `pnpm start`), the designer's build check too, for the same reason: it builds the designer when its sources
// changed, and a failed build is only a warning (the API still runs).
import '../../scripts/check-node.mjs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureBundle, markInUse } from './server-bundle.mjs';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

if (process.argv.includes('--designer')) {
  const { ensureBuildVerbose } = await import('../../designer/scripts/ensure-build.mjs');
  ensureBuildVerbose({ soft: true });
  const cpu = process.cpuUsage();
  performance.mark('baton:designer-ready', { detail: { cpuMs: (cpu.user + cpu.system) / 1000 } });
}

async function bundleEntry() {
  if (process.env.BATON_START_FROM_SOURCE === '1') return undefined;
  try {
    const entry = await ensureBundle();
    try {
      // Before anything loads from it: a build by another process in this checkout then keeps this bundle.
      markInUse(entry);
    } catch (err) {
      console.error(`The server bundle could not be marked in use (another build may remove it): ${err instanceof Error ? err.message : err}`);
    }
    return entry;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    console.error(`The server bundle could not be built; starting from the TypeScript sources (slower start).\n${reason}`);
    return undefined;
  }
}

const entry = await bundleEntry();
// src/server.ts splits its first start-up phase here: what came before is Node and the bundle check.
const cpu = process.cpuUsage();
performance.mark('baton:bundle-ready', { detail: { cpuMs: (cpu.user + cpu.system) / 1000 } });
if (entry) {
  // Stack traces name the bundle's files (esbuild keeps names and marks each source file in it). Source maps
  // are written beside it but not enabled here: Node would then parse every module's map at load, installed
  // packages' included (~0.1-0.4 s). NODE_OPTIONS=--enable-source-maps turns them on.
  await import(pathToFileURL(entry).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(path.join(packageDir, 'src/server.ts')).href);
}
