import type { DomainEvent } from '@baton/engine';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { insertRows } from './row-inserts.js';

const HISTORY_COLUMNS = ['instance_id', 'seq', 'type', 'payload', 'actor', 'at', 'source'] as const;

/**
 * Appends events to an instance's history from `afterSeq + 1` on and returns the last seq. The caller holds
 * the instance row lock; (instance_id, seq) is unique, so two writers that both thought they were next
 * cannot fork the history even without it.
 */
export async function appendHistory(
  trx: Kysely<Database>,
  instanceId: string,
  afterSeq: number,
  events: readonly DomainEvent[],
  source: 'flow' | 'runtime',
): Promise<number> {
  if (events.length === 0) return afterSeq;
  let seq = afterSeq;
  const rows = events.map((event) => ({
    instance_id: instanceId,
    seq: ++seq,
    type: event.type,
    payload: JSON.stringify(event),
    actor: event.actor ?? null,
    at: event.at,
    source,
  }));
  await insertRows(trx, 'history', HISTORY_COLUMNS, rows);
  return seq;
}
