import type { ColumnType, Generated, JSONColumnType, Kysely } from 'kysely';
import type { Database, InstancesTable, OutboxTable, TimersTable } from '../db/database.js';

/** The columns and tables migration 0005 adds; only the workers read and write them. */
export interface WorkerTimersTable extends TimersTable {
  fired_at: Date | null;
}

export interface WorkerOutboxTable extends OutboxTable {
  locked_by: string | null;
  /** Generated from effect->>'type'. */
  effect_type: ColumnType<string, never, never>;
}

export interface WorkerInstancesTable extends InstancesTable {
  parent_instance_id: Generated<string | null>;
  parent_node_id: Generated<string | null>;
  parent_token_id: Generated<string | null>;
  parent_notified_at: Generated<Date | null>;
}

export interface OutboxDeliveriesTable {
  id: Generated<number>;
  outbox_id: string;
  instance_id: string | null;
  effect_type: string;
  attempt: number;
  status: string;
  error: string | null;
  request: JSONColumnType<Record<string, unknown> | null, string | null, string | null>;
  response: JSONColumnType<Record<string, unknown> | null, string | null, string | null>;
  note: string | null;
  duration_ms: number;
  worker: string;
  started_at: Date;
  finished_at: Date;
}

export interface EffectApplicationsTable {
  effect_key: string;
  effect_type: string;
  result: JSONColumnType<Record<string, unknown>, string, string>;
  applied_at: Generated<Date>;
}

export interface WorkerDatabase extends Omit<Database, 'timers' | 'outbox' | 'instances'> {
  timers: WorkerTimersTable;
  outbox: WorkerOutboxTable;
  instances: WorkerInstancesTable;
  outbox_deliveries: OutboxDeliveriesTable;
  effect_applications: EffectApplicationsTable;
}

/**
 * The same connection seen with the workers' columns. The shared `Database` interface stays as the
 * pipeline knows it; these tables and columns exist once migration 0005 ran, which buildApp's caller does.
 */
export function workerDb(db: Kysely<Database>): Kysely<WorkerDatabase> {
  return db as unknown as Kysely<WorkerDatabase>;
}
