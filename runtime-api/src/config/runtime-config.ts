import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileSettingsFrom, type FileSettings } from '../files/file-settings.js';
import { documentSettingsFrom, type DocumentSettings } from '../documents/document-settings.js';
import { connectorSettingsFrom, type ConnectorSettings } from '../connectors/connector-settings.js';
import { oidcSettingsFrom, type OidcSettings } from '../auth/oidc/oidc-settings.js';
import { idempotencySettingsFrom, type IdempotencySettings } from '../idempotency/idempotency-settings.js';

/** Everything the runtime reads from its environment, parsed once at start so a typo fails early. */
export interface RuntimeConfig {
  port: number;
  host: string;
  /** postgres://… selects PostgreSQL; undefined selects embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  /** PostgreSQL connections this process may hold (BATON_DB_POOL_SIZE); PGlite has one. */
  databasePoolSize: number;
  dataDir: string;
  /** Origins allowed by CORS; empty means CORS is closed (no Access-Control-* headers). */
  corsOrigins: string[];
  /** Largest accepted request body in bytes. */
  bodyLimit: number;
  rateLimit: { max: number; timeWindowMs: number };
  /** An admin token given by the operator; when undefined the first start generates one. */
  bootstrapToken: string | undefined;
  logLevel: string;
  /** The organisation's IANA time zone for flows and rules that name none (BATON_TIME_ZONE). */
  timeZone: string;
  /** BATON_MASTER_KEY (32 bytes, hex or base64); unset → a key generated once into the data folder. */
  masterKey: string | undefined;
  /** BATON_MASTER_KEY_PREVIOUS: still opens values sealed before a key rotation. */
  previousMasterKey: string | undefined;
  /** Timer and outbox workers (see README "Workers"). */
  workers: WorkerSettings;
  /** Signed audit heads and checkpoints (see README "Audit"). */
  audit: AuditSettings;
  /** Stored Idempotency-Key answers: BATON_IDEMPOTENCY_RETENTION_HOURS (the workers sweep older ones). */
  idempotency: IdempotencySettings;
  /** Uploads: size limit, accepted types, local folder or S3 bucket (see README "Files"). */
  files: FileSettings;
  /** Documents: the organisation's name on them (BATON_ORG_NAME, BATON_ORG_NAME_EN). */
  documents: DocumentSettings;
  /** Connectors and notifications: BATON_PUBLIC_URL, BATON_NOTIFY_CHANNELS, BATON_NOTIFY_LOCALE (see README "Connectors"). */
  connectors: ConnectorSettings;
  /**
   * BATON_STARTER_PACK: a pack folder `pnpm start` imports, with its demo data, into an empty database;
   * the repository's templates/offboarding by default; null (`off`) imports nothing.
   */
  starterPack: string | null;
  /**
   * BATON_TEMPLATES_DIR: the folder of template packs the template gallery offers (one sub-folder with a
   * pack.json each); the repository's templates/ by default; null (`off`) offers none. Absent: the default.
   */
  templatesDir?: string | null;
  /**
   * BATON_DEMO: the "sign in as" picker (sign in as a directory person without a password). `1`: on, every
   * active person; `off`: never; unset (`auto`): on only while the database holds a pack's demo people
   * (attributes.demo = true), only for them, and never when NODE_ENV=production (src/accounts/demo-mode.ts).
   */
  demo?: boolean | 'auto';
  /** BATON_OIDC_*: sign-in with the operator's OpenID Connect provider; null leaves it to the admin route. */
  oidc?: OidcSettings | null;
}

export interface AuditSettings {
  /** BATON_AUDIT_SIGNING_KEY: Ed25519 private key (PKCS#8 PEM or 32-byte seed); unset → generated once into the data folder. */
  signingKey: string | undefined;
  /** BATON_AUDIT_HEAD_FILE: where signed chain heads are appended (JSON lines); null (`off`) writes none. */
  headFile: string | null;
  /** BATON_AUDIT_HEAD_URL: also POST each signed head there (an external collector). */
  headUrl: string | undefined;
  /** BATON_AUDIT_HEAD_INTERVAL_MS: how often the head is signed and written (0: only at shutdown). */
  headIntervalMs: number;
  /** BATON_AUDIT_TRUSTED_KEYS: key ids of other processes' signing keys whose checkpoints verify accepts. */
  trustedKeyIds: string[];
  /**
   * BATON_AUDIT_CHAIN_WAIT (default off): a state-changing request answers after its own commit and its entries
   * are chained within CHAIN_DELAY_MS (audit-chainer.ts); on: it answers once they are chained.
   */
  waitForChain: boolean;
}

export interface WorkerSettings {
  /** BATON_WORKERS: run the timer and outbox loops in this process (default on; "0"/"false"/"off" turns them off). */
  enabled: boolean;
  /** BATON_WORKER_POLL_MS: how often an idle worker looks for due work. */
  pollIntervalMs: number;
  /** BATON_WORKER_BATCH: rows claimed per round trip. */
  batchSize: number;
  /** BATON_WORKER_CONCURRENCY: timers fired (transactions) and deliveries run at once per process. */
  concurrency: number;
  /** BATON_WORKER_LEASE_MS: how long a claim holds before another process may take the row over. */
  leaseMs: number;
  /** BATON_TIMER_MAX_ATTEMPTS: tries before a timer goes to the dead letter. */
  timerMaxAttempts: number;
  /** BATON_OUTBOX_MAX_ATTEMPTS: tries before an outbox row goes to the dead letter. */
  outboxMaxAttempts: number;
  /** BATON_WORKER_RETRY_BASE_MS: the first retry's delay; each next one is 4x longer (capped at 12 h), ±20 % jitter. */
  retryBaseMs: number;
  /** BATON_OUTBOX_HANDLER_TIMEOUT_MS: a handler still running after this is aborted and retried. */
  handlerTimeoutMs: number;
  /** BATON_WORKER_SHUTDOWN_MS: on close, how long in-flight work may take to finish. */
  shutdownTimeoutMs: number;
  /** BATON_HANDOVER_INTERVAL_SECONDS: how often open tasks of people who left are handed over (hand-over-tasks.ts). */
  handoverIntervalMs: number;
}

function intFrom(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${name} must be a non-negative integer (got "${raw}")`);
  }
  return value;
}

function timeZoneFrom(raw: string | undefined): string {
  const zone = raw?.trim() || 'Asia/Shanghai';
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    throw new Error(`BATON_TIME_ZONE must be an IANA time zone such as Asia/Shanghai (got "${zone}")`);
  }
  return zone;
}

function flagFrom(env: Record<string, string | undefined>, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'on', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'off', 'no'].includes(raw)) return false;
  throw new Error(`${name} must be on or off (got "${env[name]}")`);
}

function positiveIntFrom(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const value = intFrom(env, name, fallback);
  if (value < 1) throw new Error(`${name} must be at least 1 (got "${env[name]}")`);
  return value;
}

function workerSettingsFrom(env: Record<string, string | undefined>): WorkerSettings {
  return {
    enabled: flagFrom(env, 'BATON_WORKERS', true),
    pollIntervalMs: positiveIntFrom(env, 'BATON_WORKER_POLL_MS', 1000),
    batchSize: positiveIntFrom(env, 'BATON_WORKER_BATCH', 100),
    concurrency: positiveIntFrom(env, 'BATON_WORKER_CONCURRENCY', 4),
    leaseMs: positiveIntFrom(env, 'BATON_WORKER_LEASE_MS', 60_000),
    timerMaxAttempts: positiveIntFrom(env, 'BATON_TIMER_MAX_ATTEMPTS', 5),
    outboxMaxAttempts: positiveIntFrom(env, 'BATON_OUTBOX_MAX_ATTEMPTS', 8),
    retryBaseMs: positiveIntFrom(env, 'BATON_WORKER_RETRY_BASE_MS', 30_000),
    handlerTimeoutMs: positiveIntFrom(env, 'BATON_OUTBOX_HANDLER_TIMEOUT_MS', 30_000),
    shutdownTimeoutMs: intFrom(env, 'BATON_WORKER_SHUTDOWN_MS', 10_000),
    handoverIntervalMs: positiveIntFrom(env, 'BATON_HANDOVER_INTERVAL_SECONDS', 300) * 1000,
  };
}

function auditSettingsFrom(env: Record<string, string | undefined>, dataDir: string): AuditSettings {
  const headFile = env.BATON_AUDIT_HEAD_FILE?.trim();
  const headUrl = env.BATON_AUDIT_HEAD_URL?.trim() || undefined;
  if (headUrl && !/^https?:\/\//.test(headUrl)) throw new Error(`BATON_AUDIT_HEAD_URL must be an http(s) URL (got "${headUrl}")`);
  return {
    signingKey: env.BATON_AUDIT_SIGNING_KEY?.trim() || undefined,
    headFile: headFile === 'off' ? null : path.resolve(headFile || path.join(dataDir, 'audit-head.jsonl')),
    headUrl,
    headIntervalMs: intFrom(env, 'BATON_AUDIT_HEAD_INTERVAL_MS', 60_000),
    trustedKeyIds: (env.BATON_AUDIT_TRUSTED_KEYS ?? '').split(',').map((k) => k.trim()).filter((k) => k.length > 0),
    waitForChain: flagFrom(env, 'BATON_AUDIT_CHAIN_WAIT', false),
  };
}

export function loadConfig(env: Record<string, string | undefined> = process.env): RuntimeConfig {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// or postgresql:// (unset it to use the embedded database)');
  }
  return {
    port: intFrom(env, 'PORT', 3000),
    host: env.HOST?.trim() || '127.0.0.1',
    databaseUrl,
    databasePoolSize: positiveIntFrom(env, 'BATON_DB_POOL_SIZE', 10),
    dataDir: path.resolve(env.BATON_DATA_DIR?.trim() || './.baton'),
    corsOrigins: (env.BATON_CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter((o) => o.length > 0),
    bodyLimit: intFrom(env, 'BATON_BODY_LIMIT', 1024 * 1024),
    rateLimit: {
      max: intFrom(env, 'BATON_RATE_LIMIT_MAX', 600),
      timeWindowMs: intFrom(env, 'BATON_RATE_LIMIT_WINDOW_MS', 60_000),
    },
    bootstrapToken: env.BATON_BOOTSTRAP_TOKEN?.trim() || undefined,
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    timeZone: timeZoneFrom(env.BATON_TIME_ZONE),
    masterKey: env.BATON_MASTER_KEY?.trim() || undefined,
    previousMasterKey: env.BATON_MASTER_KEY_PREVIOUS?.trim() || undefined,
    workers: workerSettingsFrom(env),
    audit: auditSettingsFrom(env, path.resolve(env.BATON_DATA_DIR?.trim() || './.baton')),
    idempotency: idempotencySettingsFrom(env),
    files: fileSettingsFrom(env, path.resolve(env.BATON_DATA_DIR?.trim() || './.baton')),
    documents: documentSettingsFrom(env),
    connectors: connectorSettingsFrom(env),
    starterPack: starterPackFrom(env.BATON_STARTER_PACK),
    templatesDir: templatesDirFrom(env.BATON_TEMPLATES_DIR),
    demo: demoFrom(env.BATON_DEMO, env.NODE_ENV),
    oidc: oidcSettingsFrom(env, connectorSettingsFrom(env).publicUrl),
  };
}

const DEFAULT_STARTER_PACK = fileURLToPath(new URL('../../../templates/offboarding', import.meta.url));

function starterPackFrom(value: string | undefined): string | null {
  const v = value?.trim();
  if (v === undefined || v === '') return DEFAULT_STARTER_PACK;
  return ['off', 'none', 'false', '0'].includes(v.toLowerCase()) ? null : path.resolve(v);
}

export const DEFAULT_TEMPLATES_DIR = fileURLToPath(new URL('../../../templates', import.meta.url));

function templatesDirFrom(value: string | undefined): string | null {
  const v = value?.trim();
  if (v === undefined || v === '') return DEFAULT_TEMPLATES_DIR;
  return ['off', 'none', 'false', '0'].includes(v.toLowerCase()) ? null : path.resolve(v);
}

/** Unset means auto, except under NODE_ENV=production, where only an explicit BATON_DEMO=1 turns it on. */
function demoFrom(value: string | undefined, nodeEnv: string | undefined): boolean | 'auto' {
  const v = value?.trim().toLowerCase();
  if (v === undefined || v === '' || v === 'auto') return nodeEnv?.trim() === 'production' ? false : 'auto';
  if (['1', 'true', 'on', 'yes'].includes(v)) return true;
  if (['0', 'false', 'off', 'no'].includes(v)) return false;
  throw new Error(`BATON_DEMO must be 1, off or auto (got "${value}")`);
}
