import type { FlowState } from '@baton/engine';
import { CompiledQuery, type Kysely } from 'kysely';
import { holdAudit, takeHeldAudit, auditRow } from '../audit/append-audit.js';
import type { Database } from '../db/database.js';
import type { InstanceRow } from './instance-pipeline.js';
import { insertRows } from './row-inserts.js';

/**
 * Writes a transaction that runs many commands (the timer worker's batch) gathers and sends once, as one
 * multi-row statement per table, instead of one or two statements per command: history rows, the instance
 * rows' new state, audit entries (flow task rows are still written at once: their upsert's rows are read
 * back). Commands run exactly as usual; `appendHistory` and `executeInstanceCommand` ask `deferInsert` /
 * `deferInstanceUpdate` first, and write at once when the transaction defers nothing.
 *
 * What a deferring transaction must keep in mind: the database does not hold these rows until
 * `flushDeferredWrites`, so the instance as its earlier commands left it comes from `latestInstance`, never
 * from a SELECT; and a command that fails leaves its rows here (the caller rolls the whole batch back).
 */
interface Pending {
  inserts: Map<string, { table: string; columns: readonly string[]; tail: string; rows: Array<Record<string, unknown>> }>;
  /** id → the row as the batch's commands left it, the version the database holds and how many commands changed it. */
  instances: Map<string, { row: InstanceRow; expect: number; bumps: number }>;
}

const pending = new WeakMap<object, Pending>();

/** From now on, this transaction's history rows, instance updates and audit entries wait for `flushDeferredWrites`. */
export function deferWrites(trx: Kysely<Database>): void {
  pending.set(trx, { inserts: new Map(), instances: new Map() });
  holdAudit(trx);
}

/** Keeps the rows for the flush when the transaction defers its writes; false: the caller writes them now. */
export function deferInsert(trx: Kysely<Database>, table: string, columns: readonly string[], rows: ReadonlyArray<Record<string, unknown>>, tail = ''): boolean {
  const writes = pending.get(trx);
  if (!writes) return false;
  const key = `${table}\u0000${columns.join(',')}\u0000${tail}`;
  let group = writes.inserts.get(key);
  if (!group) writes.inserts.set(key, (group = { table, columns, tail, rows: [] }));
  group.rows.push(...rows);
  return true;
}

export interface InstanceChange {
  state: FlowState;
  historySeq: number;
  at: Date;
  completedAt: Date | null;
}

/**
 * The instance row after a command, kept for the flush (as `[row]`, the shape of the UPDATE's RETURNING),
 * or undefined when the transaction defers nothing. The caller holds the row lock, so the version it read
 * is the one the flush checks.
 */
export function deferInstanceUpdate(trx: Kysely<Database>, read: InstanceRow, change: InstanceChange): [InstanceRow] | undefined {
  const writes = pending.get(trx);
  if (!writes) return undefined;
  const row: InstanceRow = {
    ...read,
    state: change.state as unknown as InstanceRow['state'],
    data: change.state.data as InstanceRow['data'],
    status: change.state.status,
    version: read.version + 1,
    history_seq: change.historySeq,
    updated_at: change.at,
    completed_at: change.completedAt,
  };
  const entry = writes.instances.get(read.id);
  writes.instances.set(read.id, { row, expect: entry?.expect ?? read.version, bumps: (entry?.bumps ?? 0) + 1 });
  return [row];
}

/** A rule timer moved the history's sequence only (no new state): kept like a command's update. */
export function deferHistorySeq(trx: Kysely<Database>, read: InstanceRow, historySeq: number, at: Date): InstanceRow | undefined {
  const writes = pending.get(trx);
  if (!writes) return undefined;
  const entry = writes.instances.get(read.id);
  const row: InstanceRow = { ...read, history_seq: historySeq, updated_at: at };
  // Not a command on the state: the version is not bumped by this.
  writes.instances.set(read.id, { row, expect: entry?.expect ?? read.version, bumps: entry?.bumps ?? 0 });
  return row;
}

/** The instance as this transaction's earlier commands left it, if they changed it. */
export function latestInstance(trx: Kysely<Database>, id: string): InstanceRow | undefined {
  return pending.get(trx)?.instances.get(id)?.row;
}

/** Rows per multi-row statement: far below PostgreSQL's 65,535 parameters for any table here. */
const CHUNK = 500;

const updateTexts = new Map<number, string>();

function updateInstancesText(count: number): string {
  let text = updateTexts.get(count);
  if (text === undefined) {
    const rows: string[] = [];
    for (let r = 0, n = 0; r < count; r += 1) {
      rows.push(`($${++n}::text, $${++n}::integer, $${++n}::integer, $${++n}::jsonb, $${++n}::jsonb, $${++n}::text, $${++n}::integer, $${++n}::timestamptz, $${++n}::timestamptz)`);
    }
    text =
      'update "instances" as i set "state" = v.state, "data" = v.data, "status" = v.status, "version" = i.version + v.bumps, ' +
      '"history_seq" = v.history_seq, "updated_at" = v.updated_at, "completed_at" = v.completed_at ' +
      `from (values ${rows.join(', ')}) as v(id, expect, bumps, state, data, status, history_seq, updated_at, completed_at) ` +
      'where i.id = v.id and i.version = v.expect returning i.id';
    if (updateTexts.size < 64) updateTexts.set(count, text);
  }
  return text;
}

/**
 * Sends what the transaction deferred: each table's rows in one statement (per 500), the instance rows in
 * one UPDATE that checks every version read, then the audit entries. Throws SQLSTATE 40001 when an instance
 * changed under the batch (its lock makes that impossible; the check keeps a lost update impossible anyway).
 */
export async function flushDeferredWrites(trx: Kysely<Database>): Promise<void> {
  const writes = pending.get(trx);
  if (!writes) return;
  pending.delete(trx);
  for (const { table, columns, tail, rows } of writes.inserts.values()) {
    for (let i = 0; i < rows.length; i += CHUNK) await insertRows(trx, table, columns, rows.slice(i, i + CHUNK), tail);
  }
  const instances = [...writes.instances.values()];
  for (let i = 0; i < instances.length; i += CHUNK) {
    const chunk = instances.slice(i, i + CHUNK);
    const params: unknown[] = [];
    for (const { row, expect, bumps } of chunk) {
      params.push(row.id, expect, bumps, JSON.stringify(row.state), JSON.stringify(row.data), row.status, row.history_seq, row.updated_at, row.completed_at);
    }
    const updated = await trx.executeQuery(CompiledQuery.raw(updateInstancesText(chunk.length), params));
    if (updated.rows.length !== chunk.length) {
      throw Object.assign(new Error('an instance was changed by a concurrent command during a batch'), { code: '40001' });
    }
  }
  const audit = takeHeldAudit(trx);
  for (let i = 0; i < audit.length; i += CHUNK) await trx.insertInto('audit_log').values(audit.slice(i, i + CHUNK).map(auditRow)).execute();
}
