import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { workerDb } from './worker-database.js';

/**
 * Built-in handlers change the database, so "at least once" would mean "sometimes twice" after a crash
 * between their commit and the outbox row's update. Each records its effect key in the same transaction
 * as its change; a redelivery finds the key and changes nothing (the primary key settles a race).
 */
export async function appliedResult(trx: Kysely<Database>, effectKey: string): Promise<Record<string, unknown> | undefined> {
  const row = await workerDb(trx).selectFrom('effect_applications').select('result').where('effect_key', '=', effectKey).executeTakeFirst();
  return row?.result;
}

export async function recordApplied(trx: Kysely<Database>, effectKey: string, effectType: string, result: Record<string, unknown>): Promise<void> {
  await workerDb(trx).insertInto('effect_applications').values({ effect_key: effectKey, effect_type: effectType, result: JSON.stringify(result) }).execute();
}
