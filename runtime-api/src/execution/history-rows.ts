import type { DomainEvent } from '@baton/engine';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { deferInsert } from './deferred-writes.js';
import { insertRows } from './row-inserts.js';

export const HISTORY_COLUMNS = ['instance_id', 'seq', 'type', 'payload', 'actor', 'at', 'source'] as const;

export type HistoryRow = Record<(typeof HISTORY_COLUMNS)[number], unknown>;

/** The history rows of `events` numbered from `afterSeq + 1`, and the last seq (for a caller that writes them itself). */
export function historyRowsOf(instanceId: string, afterSeq: number, events: readonly DomainEvent[], source: 'flow' | 'runtime'): { rows: HistoryRow[]; seq: number } {
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
  return { rows, seq };
}

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
  const { rows, seq } = historyRowsOf(instanceId, afterSeq, events, source);
  // A batch of commands (the timer worker) sends every history row at its end, in one statement.
  if (!deferInsert(trx, 'history', HISTORY_COLUMNS, rows)) await insertRows(trx, 'history', HISTORY_COLUMNS, rows);
  return seq;
}
