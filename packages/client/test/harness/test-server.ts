import type { AddressInfo } from 'node:net';
import { inject } from 'vitest';
import { buildApp, insertToken, loadConfig, type BatonDatabase } from '@baton/runtime-api';
// The runtime's own harness: an in-memory copy of the migrated PGlite template (see its global setup).
import { clonePgliteTemplate, createPostgresDatabase } from '../../../../runtime-api/test/harness/test-database.js';

export interface TestServer {
  /** http://127.0.0.1:<port> */
  url: string;
  adminToken: string;
  database: BatonDatabase;
  app: Awaited<ReturnType<typeof buildApp>>;
  tokenFor(userId: string, roles: string[]): Promise<string>;
  close(): Promise<void>;
}

/**
 * A real runtime server on 127.0.0.1 (an ephemeral port) over a fresh embedded database, or over a fresh
 * database on the DATABASE_URL server (a copy of the migrated template) when `dialect` is 'postgres'.
 */
export async function startTestServer(dialect: 'pglite' | 'postgres' = 'pglite'): Promise<TestServer> {
  const url = process.env.DATABASE_URL;
  if (dialect === 'postgres' && !url) throw new Error('startTestServer("postgres") needs DATABASE_URL');
  const handle = dialect === 'postgres' ? await createPostgresDatabase(url!, inject('postgresTemplate') || undefined) : await clonePgliteTemplate(inject('pgliteTemplate'));
  const base = loadConfig({});
  // Fixed keys and no audit head file: nothing is written into the working folder.
  const config = { ...base, masterKey: '7e'.repeat(32), logLevel: 'silent', rateLimit: { max: 100_000, timeWindowMs: 60_000 }, audit: { ...base.audit, signingKey: '5a'.repeat(32), headFile: null } };
  const app = await buildApp({ db: handle.database, config, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const tokenFor = async (userId: string, roles: string[]) =>
    (await insertToken(handle.database.db, { userId, roles, createdBy: 'test' })).token;
  return {
    url: `http://127.0.0.1:${port}`,
    adminToken: await tokenFor('admin', ['admin']),
    database: handle.database,
    app,
    tokenFor,
    async close() {
      await app.close();
      await handle.dispose();
    },
  };
}
