import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { RuntimeConfig, WorkerSettings } from '../config/runtime-config.js';
import type { Database } from '../db/database.js';
import type { ExecutionServices } from '../execution/execution-services.js';

/** What every worker step runs with: the database, the shared caches, its settings and its identity. */
export interface WorkerContext {
  db: Kysely<Database>;
  config: RuntimeConfig;
  services: ExecutionServices;
  settings: WorkerSettings;
  /** host:pid:random — recorded in `locked_by` and the delivery log. */
  workerId: string;
  log: FastifyBaseLogger;
}

/** Retried at once by the firing code: someone else won a race (unique key, serialization, deadlock). */
const RACE_STATES = new Set(['23505', '40001', '40P01']);

export function isRace(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RACE_STATES.has(code);
}

/** Runs a transaction, again up to twice when it lost a race; other errors go to the caller. */
export async function withRaceRetry<T>(run: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries += 1) {
    try {
      return await run();
    } catch (err) {
      if (tries >= 3 || !isRace(err)) throw err;
    }
  }
}

export function errorText(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}
