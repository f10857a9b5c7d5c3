import type { DomainEvent } from '@baton/engine';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { deferInsert } from './deferred-writes.js';
import { insertRows } from './row-inserts.js';

export const HISTORY_COLUMNS = ['instance_id', 'seq', 'type', 'payload', 'actor', 'at', 'source', 'node_id'] as const;

export type HistoryRow = Record<(typeof HISTORY_COLUMNS)[number], unknown>;

/** An ISO instant that reads back from a timestamptz column as the same string (millisecond UTC). */
function roundTrips(at: unknown): boolean {
  return typeof at === 'string' && at.length === 24 && at.endsWith('Z') && new Date(at).toISOString() === at;
}

/**
 * The stored payload of an event: the event without what the row's columns hold (migration 0022), so a row
 * does not carry its type, time, actor, node, instance and seq twice. A field is left out only when the
 * column gives it back exactly (historyEvent); an event without seq or instanceId keeps the key as null,
 * which historyEvent reads as "absent". The engine's seq is its state version, which the runtime's own
 * events (rule tasks, comments) push away from the row's seq: then it stays.
 */
export function storedPayload(event: DomainEvent, instanceId: string, seq: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const fields = event as unknown as Record<string, unknown>;
  for (const key in fields) {
    const value = fields[key];
    if (value === undefined) continue;
    if (key === 'type') continue;
    if (key === 'at' && roundTrips(value)) continue;
    if ((key === 'actor' || key === 'nodeId') && typeof value === 'string') continue;
    if (key === 'seq' && value === seq) continue;
    if (key === 'instanceId' && value === instanceId) continue;
    out[key] = value;
  }
  if (event.seq === undefined) out.seq = null;
  if (event.instanceId === undefined) out.instanceId = null;
  return out;
}

/** A history row as read back: the columns historyEvent needs. */
export interface StoredHistoryRow {
  instance_id: string;
  seq: number;
  type: string;
  payload: unknown;
  actor: string | null;
  at: Date;
  node_id: string | null;
}

/**
 * The whole event of a history row, as the engine emitted it. Rows written before migration 0022 hold the
 * whole event in their payload (it has a `type`); later ones only what the columns do not (storedPayload).
 */
export function historyEvent(row: StoredHistoryRow): DomainEvent {
  const stored = (row.payload ?? {}) as Record<string, unknown>;
  if ('type' in stored) return stored as unknown as DomainEvent;
  const event: Record<string, unknown> = { type: row.type, at: row.at.toISOString(), seq: row.seq, instanceId: row.instance_id };
  if (row.actor !== null) event.actor = row.actor;
  if (row.node_id !== null) event.nodeId = row.node_id;
  for (const key in stored) {
    const value = stored[key];
    if (value === null && (key === 'seq' || key === 'instanceId')) delete event[key];
    else event[key] = value;
  }
  return event as unknown as DomainEvent;
}

/** The history rows of `events` numbered from `afterSeq + 1`, and the last seq (for a caller that writes them itself). */
export function historyRowsOf(instanceId: string, afterSeq: number, events: readonly DomainEvent[], source: 'flow' | 'runtime'): { rows: HistoryRow[]; seq: number } {
  let seq = afterSeq;
  const rows = events.map((event) => {
    const n = ++seq;
    return {
      instance_id: instanceId,
      seq: n,
      type: event.type,
      payload: JSON.stringify(storedPayload(event, instanceId, n)),
      actor: event.actor ?? null,
      at: event.at,
      source,
      node_id: typeof event.nodeId === 'string' ? event.nodeId : null,
    };
  });
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
