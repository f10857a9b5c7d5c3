import type { Effect } from '@baton/engine';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { workerDb } from './worker-database.js';

/** An outbox row this worker holds a lease on. `attempts` already counts this try. */
export interface ClaimedOutbox {
  id: string;
  instanceId: string | null;
  effect: Effect;
  type: string;
  idempotencyKey: string;
  attempts: number;
}

interface ClaimRow {
  id: string;
  instance_id: string | null;
  effect: Effect;
  effect_type: string;
  idempotency_key: string;
  attempts: number;
}

/**
 * Claims up to `limit` pending rows that are due and have a handler in this process (FOR UPDATE SKIP
 * LOCKED + lease, like timers). Rows of a type nobody handles yet are not touched: they wait, attempts
 * unspent, until a module that delivers them is registered.
 */
export async function claimOutbox(db: Kysely<Database>, workerId: string, types: readonly string[], limit: number, leaseMs: number): Promise<ClaimedOutbox[]> {
  if (types.length === 0) return [];
  const result = await sql<ClaimRow>`
    update outbox o
       set locked_until = now() + ${leaseMs}::integer * interval '1 millisecond', locked_by = ${workerId}, attempts = o.attempts + 1
      from (select id from outbox
             where status = 'pending' and next_attempt_at <= now() and (locked_until is null or locked_until <= now())
               and effect_type in (${sql.join(types)})
             order by next_attempt_at
             limit ${limit}
             for update skip locked) due
     where o.id = due.id
    returning o.id, o.instance_id, o.effect, o.effect_type, o.idempotency_key, o.attempts`.execute(db);
  return result.rows.map((r) => ({
    id: r.id,
    instanceId: r.instance_id,
    effect: r.effect,
    type: r.effect_type,
    idempotencyKey: r.idempotency_key,
    attempts: r.attempts,
  }));
}

/** Gives claimed rows back untouched (shutdown before delivery started). */
export async function releaseOutbox(db: Kysely<Database>, workerId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await workerDb(db)
    .updateTable('outbox')
    .set((eb) => ({ locked_until: null, locked_by: null, attempts: sql<number>`greatest(${eb.ref('attempts')} - 1, 0)` }))
    .where('id', 'in', ids)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'pending')
    .execute();
}

/** Effect types with pending rows that no handler here delivers: logged once per process, never failed. */
export async function unhandledTypes(db: Kysely<Database>, handled: readonly string[]): Promise<string[]> {
  let query = workerDb(db).selectFrom('outbox').select('effect_type').distinct().where('status', '=', 'pending');
  if (handled.length > 0) query = query.where('effect_type', 'not in', handled);
  return (await query.execute()).map((r) => r.effect_type);
}
