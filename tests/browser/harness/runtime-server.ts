import type { AddressInfo } from 'node:net';
import { inject } from 'vitest';
// The runtime itself and its test harness: a migrated PGlite template cloned in memory (~0.4 s), or a
// fresh database on the DATABASE_URL server. A child `pnpm start` would spend its time in initdb instead.
import { buildApp, insertToken, loadConfig } from '../../../runtime-api/src/index.js';
import { clonePgliteTemplate, createPostgresDatabase } from '../../../runtime-api/test/harness/test-database.js';
import { ensureDesignerBuild } from './designer-build.js';

export interface RunningRuntime {
  baseUrl: string;
  adminToken: string;
  dialect: string;
  tokenFor: (userId: string, roles: string[]) => Promise<string>;
  stop: () => Promise<void>;
}

// Kept here too for suites that import it from this module.
export { ensureDesignerBuild };

/**
 * The real runtime app (buildApp, every route and the designer's build at /) listening on a free port of
 * 127.0.0.1: on PostgreSQL when DATABASE_URL is set, else on embedded PGlite.
 */
export async function startRuntime(): Promise<RunningRuntime> {
  // The browser project's global setup has built it once for the run; elsewhere, check here.
  if (!inject('designerBuilt')) ensureDesignerBuild();
  const handle = process.env.DATABASE_URL ? await createPostgresDatabase(process.env.DATABASE_URL, inject('postgresTemplate') || undefined) : await clonePgliteTemplate(inject('pgliteTemplate'));
  const base = loadConfig({});
  // Fixed keys and no audit head file: nothing is written into the working folder.
  const config = {
    ...base,
    masterKey: '7e'.repeat(32),
    logLevel: 'silent',
    rateLimit: { max: 100_000, timeWindowMs: 60_000 },
    audit: { ...base.audit, signingKey: '5a'.repeat(32), headFile: null },
  };
  const app = await buildApp({ db: handle.database, config, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const tokenFor = async (userId: string, roles: string[]) => (await insertToken(handle.database.db, { userId, roles, createdBy: 'browser-test' })).token;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    adminToken: await tokenFor('admin', ['admin']),
    dialect: handle.database.dialect,
    tokenFor,
    async stop() {
      await app.close();
      await handle.dispose();
    },
  };
}
