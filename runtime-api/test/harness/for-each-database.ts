import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { buildApp } from '../../src/app/build-app.js';
import { insertToken } from '../../src/auth/api-tokens.js';
import { loadConfig, type RuntimeConfig } from '../../src/config/runtime-config.js';
import type { BatonDatabase, DatabaseDialect } from '../../src/db/open-database.js';
import { clonePgliteTemplate, createPostgresDatabase, type DatabaseTarget, type TestDatabase } from './test-database.js';

export interface TestContext {
  dialect: DatabaseDialect;
  database: BatonDatabase;
  app: FastifyInstance;
  config: RuntimeConfig;
  /** An admin token (user "admin"). */
  adminToken: string;
  /** app.inject with `Authorization: Bearer <token>` (admin unless given; null sends none). */
  call(options: InjectOptions & { token?: string | null }): Promise<LightMyRequestResponse>;
  /** Mints a token for a user id with the given roles (the user need not be in the directory). */
  tokenFor(userId: string, roles: string[]): Promise<string>;
}

export interface ForEachDatabaseOptions {
  /** Overrides of the runtime configuration for this suite. */
  config?: Partial<RuntimeConfig>;
  /** Run on one database only: PostgreSQL when DATABASE_URL is set, else PGlite (suites that test no dialect). */
  once?: boolean;
}

function targets(): DatabaseTarget[] {
  const url = process.env.DATABASE_URL;
  return [
    { dialect: 'pglite', skipReason: undefined, create: () => clonePgliteTemplate(inject('pgliteTemplate')) },
    {
      dialect: 'postgres',
      skipReason: url ? undefined : 'PostgreSQL suites skipped: DATABASE_URL is not set',
      create: () => createPostgresDatabase(url ?? '', inject('postgresTemplate') || undefined),
    },
  ];
}

/** 32 bytes in hex; tests that check secrets stay sealed use it as a canary-free key. */
export const TEST_MASTER_KEY = '7e'.repeat(32);

/** An Ed25519 seed (hex) for the audit signer in tests. */
export const TEST_AUDIT_SIGNING_KEY = '5a'.repeat(32);

export function testConfig(overrides: Partial<RuntimeConfig> = {}): RuntimeConfig {
  const base = loadConfig({});
  // A fixed master key: tests never write a key file into the working folder. Background workers are off:
  // a suite that needs timers or the outbox runs them deterministically with `app.baton.workers.drain()`
  // (or passes `workers: { ...base, enabled: true }`).
  return {
    ...base,
    masterKey: TEST_MASTER_KEY,
    rateLimit: { max: 100_000, timeWindowMs: 60_000 },
    logLevel: 'silent',
    workers: { ...base.workers, enabled: false },
    // A fixed audit signing key and no head file: nothing lands in the working folder.
    audit: { ...base.audit, signingKey: TEST_AUDIT_SIGNING_KEY, headFile: null },
    ...overrides,
  };
}

/**
 * Runs `body` once per database: always on PGlite, and on PostgreSQL when DATABASE_URL is set. Each run
 * gets its own fresh, migrated database and app; `getCtx()` is usable inside tests and hooks.
 */
export function forEachDatabase(name: string, body: (getCtx: () => TestContext) => void, options: ForEachDatabaseOptions = {}): void {
  for (const target of targets()) {
    const title = `${name} [${target.dialect}]`;
    if (options.once && target.dialect === 'pglite' && process.env.DATABASE_URL) {
      describe.skip(`${title} — runs once, on PostgreSQL`, () => body(() => {
        throw new Error('runs once, on PostgreSQL');
      }));
      continue;
    }
    if (target.skipReason) {
      describe.skip(`${title} — ${target.skipReason}`, () => body(() => {
        throw new Error(target.skipReason);
      }));
      continue;
    }
    describe(title, () => {
      let ctx: TestContext | undefined;
      let handle: TestDatabase | undefined;
      beforeAll(async () => {
        handle = await target.create();
        const database = handle.database;
        const config = testConfig(options.config);
        const app = await buildApp({ db: database, config, logger: false });
        await app.ready();
        const tokenFor = async (userId: string, roles: string[]) =>
          (await insertToken(database.db, { userId, roles, createdBy: 'test' })).token;
        const adminToken = await tokenFor('admin', ['admin']);
        ctx = {
          dialect: target.dialect,
          database,
          app,
          config,
          adminToken,
          tokenFor,
          call: ({ token, headers, ...rest }) => {
            const auth = token === null ? {} : { authorization: `Bearer ${token ?? adminToken}` };
            return app.inject({ ...rest, headers: { ...auth, ...headers } });
          },
        };
      });
      afterAll(async () => {
        await ctx?.app.close();
        await handle?.dispose();
      });
      body(() => {
        if (!ctx) throw new Error('the test database is not ready (did beforeAll fail?)');
        return ctx;
      });
    });
  }
}
