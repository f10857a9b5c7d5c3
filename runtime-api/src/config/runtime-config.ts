import path from 'node:path';

/** Everything the runtime reads from its environment, parsed once at start so a typo fails early. */
export interface RuntimeConfig {
  port: number;
  host: string;
  /** postgres://… selects PostgreSQL; undefined selects embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
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

export function loadConfig(env: Record<string, string | undefined> = process.env): RuntimeConfig {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// or postgresql:// (unset it to use the embedded database)');
  }
  return {
    port: intFrom(env, 'PORT', 3000),
    host: env.HOST?.trim() || '127.0.0.1',
    databaseUrl,
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
  };
}
