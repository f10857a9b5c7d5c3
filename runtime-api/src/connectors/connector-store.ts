import type { ColumnType, Generated, JSONColumnType, Kysely, Selectable } from 'kysely';
import type { Database } from '../db/database.js';
import type { SecretBox } from '../secrets/secret-box.js';
import { ConnectorFailure } from './connector-failure.js';
import type { DeliveryStatus } from './connector-schemas.js';
import type { ConnectorInstance } from './connector-type.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T extends object> = JSONColumnType<T, string, string>;

export type ConnectorsTable = {
  key: string;
  type: string;
  config: Json<Record<string, unknown>>;
  /** Secret name -> sealed value (`connector:<key>/<name>` is the associated data). */
  secrets: Json<Record<string, string>>;
  enabled: Generated<boolean>;
  disabled_reason: string | null;
  disabled_at: Date | null;
  version: Generated<number>;
  created_by: string;
  created_at: Timestamp;
  updated_by: string;
  updated_at: Timestamp;
};

export type ConnectorDeliveriesTable = {
  id: Generated<number>;
  connector_key: string;
  outbox_id: string | null;
  idempotency_key: string;
  instance_id: string | null;
  action: string;
  subject: string | null;
  attempt: number;
  status: DeliveryStatus;
  error: string | null;
  proof: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  duration_ms: number;
  at: Timestamp;
};

export type WebhookSeenIdsTable = {
  connector_key: string;
  webhook_id: string;
  seen_at: Timestamp;
};

export type NotificationsTable = {
  id: string;
  user_id: string;
  effect_key: string;
  title: Json<Record<string, string>>;
  body: ColumnType<Record<string, string> | null, string | null, string | null>;
  link: ColumnType<NotificationLink | null, string | null, string | null>;
  created_at: Timestamp;
  read_at: Date | null;
};

export type NotificationLink = {
  instanceId?: string;
  taskId?: string;
};

/** The tables of migration 0008, added to the runtime's schema type where connector code queries them. */
export type ConnectorTables = {
  connectors: ConnectorsTable;
  connector_deliveries: ConnectorDeliveriesTable;
  webhook_seen_ids: WebhookSeenIdsTable;
  notifications: NotificationsTable;
};

export type ConnectorDatabase = Database & ConnectorTables;
export type ConnectorRow = Selectable<ConnectorsTable>;
export type DeliveryRow = Selectable<ConnectorDeliveriesTable>;

/** The same connection (or transaction) typed with the connector tables. */
export function connectorDb(db: Kysely<Database>): Kysely<ConnectorDatabase> {
  return db.withTables<ConnectorTables>();
}

export function secretAssociatedData(key: string, name: string): string {
  return `connector:${key}/${name}`;
}

export async function loadConnector(db: Kysely<Database>, key: string): Promise<ConnectorRow | undefined> {
  return connectorDb(db).selectFrom('connectors').selectAll().where('key', '=', key).executeTakeFirst();
}

/** Enabled connectors of a type, in key order (fan-out of `type:<t>` and notification channels). */
export async function enabledConnectorsOfType(db: Kysely<Database>, type: string): Promise<ConnectorRow[]> {
  return connectorDb(db).selectFrom('connectors').selectAll().where('type', '=', type).where('enabled', '=', true).orderBy('key').execute();
}

/** The connector as an action sees it; secrets are opened only when read, and only for this delivery. */
export function connectorInstance<C = Record<string, unknown>>(row: ConnectorRow, box: SecretBox): ConnectorInstance<C> {
  const opened = new Map<string, string>();
  const open = (name: string): string | undefined => {
    const sealed = row.secrets[name];
    if (sealed === undefined) return undefined;
    let value = opened.get(name);
    if (value === undefined) {
      try {
        value = box.open(sealed, secretAssociatedData(row.key, name));
      } catch {
        throw new ConnectorFailure('BATON_E_CONNECTOR_MISCONFIGURED', {
          key: row.key,
          detail: `the secret "${name}" cannot be opened with this server's master key (set BATON_MASTER_KEY to the key it was saved with, or save it again)`,
        });
      }
      opened.set(name, value);
    }
    return value;
  };
  return {
    key: row.key,
    type: row.type,
    config: row.config as C,
    secret: open,
    secretNames: () => Object.keys(row.secrets),
    secretValues: () => Object.keys(row.secrets).map((name) => open(name) ?? '').filter((v) => v !== ''),
  };
}

export interface DeliveryRecord {
  connectorKey: string;
  outboxId: string | null;
  idempotencyKey: string;
  instanceId: string | null;
  action: string;
  subject: string | null;
  attempt: number;
  status: DeliveryStatus;
  error: string | null;
  proof: Record<string, unknown> | null;
  durationMs: number;
  at: Date;
}

export async function recordDelivery(db: Kysely<Database>, record: DeliveryRecord): Promise<void> {
  await connectorDb(db)
    .insertInto('connector_deliveries')
    .values({
      connector_key: record.connectorKey,
      outbox_id: record.outboxId,
      idempotency_key: record.idempotencyKey,
      instance_id: record.instanceId,
      action: record.action,
      subject: record.subject,
      attempt: record.attempt,
      status: record.status,
      error: record.error,
      proof: record.proof === null ? null : JSON.stringify(record.proof),
      duration_ms: record.durationMs,
      at: record.at,
    })
    .execute();
}

/** 410 Gone: the endpoint is switched off until an admin saves the connector again. */
export async function disableConnector(db: Kysely<Database>, key: string, reason: string, at: Date): Promise<void> {
  await connectorDb(db).updateTable('connectors').set({ enabled: false, disabled_reason: reason, disabled_at: at }).where('key', '=', key).execute();
}

/** The newest delivery of each connector. */
export async function lastDeliveries(db: Kysely<Database>, keys: readonly string[]): Promise<Map<string, DeliveryRow>> {
  const out = new Map<string, DeliveryRow>();
  if (keys.length === 0) return out;
  const cdb = connectorDb(db);
  const rows = await cdb
    .selectFrom('connector_deliveries')
    .selectAll()
    .where('id', 'in', (eb) => eb.selectFrom('connector_deliveries').select((e) => e.fn.max('id').as('id')).where('connector_key', 'in', keys).groupBy('connector_key'))
    .execute();
  for (const row of rows) out.set(row.connector_key, row);
  return out;
}
