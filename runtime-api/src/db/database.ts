import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** Columns the database fills (defaults) and the app may still set. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T extends object> = JSONColumnType<T, string, string>;

export type DefinitionStatus = 'draft' | 'published' | 'archived';

export interface DefinitionsTable {
  id: Generated<number>;
  kind: string;
  key: string;
  version: number;
  status: DefinitionStatus;
  body: Json<Record<string, unknown>>;
  /** sha256 of the canonical JSON of body. */
  hash: string;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  published_at: Date | null;
  published_by: string | null;
}

export interface PacksTable {
  key: string;
  version: string;
  manifest: Json<Record<string, unknown>>;
  hash: string;
  imported_by: string;
  imported_at: Timestamp;
}

export interface RecordsTable {
  id: string;
  form_key: string;
  form_version: number;
  data: Json<Record<string, unknown>>;
  instance_id: string | null;
  version: Generated<number>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface InstancesTable {
  id: string;
  flow_key: string;
  flow_version: number;
  business_key: string | null;
  status: string;
  /** The engine's instance state (tokens, node states); opaque to SQL. */
  state: Json<Record<string, unknown>>;
  data: Json<Record<string, unknown>>;
  /** Optimistic concurrency: every command bumps it and checks the value it read. */
  version: Generated<number>;
  started_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  completed_at: Date | null;
  /** Start form of the flow (rules scoped to the form see the instance's events). */
  form_key: Generated<string | null>;
  /** The user the instance is about (the start form's first user field, e.g. employeeId). */
  subject_id: Generated<string | null>;
  /** Sequence of the last history row. */
  history_seq: Generated<number>;
  /** Replayed from a pack's demo seed (migration 0018). */
  demo: Generated<boolean>;
}

export interface TasksTable {
  id: string;
  /** Null for a rule's task about a record of a collection. */
  instance_id: string | null;
  record_id: Generated<string | null>;
  node_id: string;
  status: string;
  assignee_id: string | null;
  candidate_roles: Json<string[]>;
  candidate_department_id: string | null;
  form_key: string | null;
  due_at: Date | null;
  outcome: string | null;
  data: Json<Record<string, unknown>>;
  completed_by: string | null;
  created_at: Timestamp;
  completed_at: Date | null;
  /** 'flow': a task of the flow reducer; 'rule': created by a rule's create-task action. */
  source: Generated<string>;
  /** The createTask effect's idempotency key (rule tasks): a replayed effect is ignored. */
  effect_key: string | null;
  kind: Generated<string>;
  title: ColumnType<Record<string, string>, string | undefined, string>;
  description: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
  /** Every user who may act on the task. */
  assignees: ColumnType<string[], string | undefined, string>;
  candidates: ColumnType<string[], string | undefined, string>;
  actions: ColumnType<string[], string | undefined, string>;
  on_behalf_of: string | null;
  comment: string | null;
}

export interface DirectoryVersionTable {
  id: Generated<number>;
  version: number;
}

export interface HistoryTable {
  id: Generated<number>;
  instance_id: string;
  /** Position of the event in its instance's history; unique with instance_id. */
  seq: number;
  type: string;
  payload: Json<Record<string, unknown>>;
  actor: string | null;
  at: Timestamp;
  /** 'flow': an engine event (replayable); 'runtime': an event the runtime recorded (rule tasks). */
  source: Generated<string>;
  /** The event's node (reports index it); written with the row since 0022, generated from the payload before. */
  node_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface TimersTable {
  id: string;
  instance_id: string | null;
  kind: string;
  payload: Json<Record<string, unknown>>;
  due_at: Date;
  status: string;
  attempts: Generated<number>;
  locked_until: Date | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: Timestamp;
}

export interface OutboxTable {
  id: string;
  instance_id: string | null;
  effect: Json<Record<string, unknown>>;
  /** The effect's idempotency key, handed to the connector so a redelivery is harmless. */
  idempotency_key: string;
  status: string;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  locked_until: Date | null;
  last_error: string | null;
  created_at: Timestamp;
  delivered_at: Date | null;
}

export interface AuditLogTable {
  /** Insertion order. The chain order (seq) is assigned later by the chainer, in order of commit. */
  id: Generated<number>;
  /** Position in the chain; null until the chainer links the entry (never inserted, set once). */
  seq: ColumnType<number | null, never, number>;
  /** Millisecond precision, so the hash recomputes exactly from the stored row. */
  at: ColumnType<Date, string, never>;
  actor: string;
  action: string;
  subject_kind: string;
  subject_id: string;
  data: Json<Record<string, unknown>>;
  prev_hash: ColumnType<string | null, never, string>;
  hash: ColumnType<string | null, never, string>;
}

export interface AuditChainTable {
  singleton: Generated<boolean>;
  chain_id: string;
  created_at: Timestamp;
}

export interface AuditCheckpointsTable {
  from_seq: number;
  to_seq: number;
  /** RFC 6962 Merkle root (hex) of the chain hashes from_seq..to_seq. */
  root: string;
  /** The chain hash of entry to_seq. */
  head_hash: string;
  at: ColumnType<Date, string, never>;
  key_id: string;
  /** SPKI PEM of the Ed25519 key that signed it. */
  public_key: string;
  signature: string;
}

export interface DirectoryUsersTable {
  id: string;
  name: string;
  department_id: string | null;
  position: string | null;
  manager_id: string | null;
  roles: Json<string[]>;
  /** ISO dates (YYYY-MM-DD); the connections return DATE as text, never a local-midnight Date. */
  hire_date: string | null;
  leave_date: string | null;
  email: string | null;
  mobile: string | null;
  attributes: Json<Record<string, unknown>>;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DirectoryDepartmentsTable {
  id: string;
  name: string;
  parent_id: string | null;
  head_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ApiTokensTable {
  id: string;
  /** sha256 hex of the token; the token itself is never stored. */
  token_hash: string;
  user_id: string;
  roles: Json<string[]>;
  label: string | null;
  created_by: string;
  created_at: Timestamp;
  expires_at: Date | null;
  revoked_at: Date | null;
}

export interface IdempotencyKeysTable {
  principal: string;
  key: string;
  request_hash: string;
  state: 'in_flight' | 'completed';
  response_status: number | null;
  response_body: ColumnType<unknown, string | null, string | null>;
  locked_until: Date;
  created_at: Timestamp;
}

export interface Database {
  definitions: DefinitionsTable;
  packs: PacksTable;
  records: RecordsTable;
  instances: InstancesTable;
  tasks: TasksTable;
  history: HistoryTable;
  timers: TimersTable;
  outbox: OutboxTable;
  audit_log: AuditLogTable;
  audit_chain: AuditChainTable;
  audit_checkpoints: AuditCheckpointsTable;
  directory_users: DirectoryUsersTable;
  directory_departments: DirectoryDepartmentsTable;
  api_tokens: ApiTokensTable;
  idempotency_keys: IdempotencyKeysTable;
  directory_version: DirectoryVersionTable;
}
