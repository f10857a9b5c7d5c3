import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

declare module 'vitest' {
  export interface ProvidedContext {
    /** True once this run has checked (and if need be built) the designer's bundle: suites skip the check. */
    designerBuilt?: boolean;
  }
}

const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Builds the designer when its sources changed since the last build (the same check `pnpm start` makes). */
export function ensureDesignerBuild(): void {
  const result = spawnSync(process.execPath, [path.join(repoDir, 'designer/scripts/ensure-build.mjs')], { cwd: repoDir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`designer build failed:\n${result.stdout}${result.stderr}`);
}
