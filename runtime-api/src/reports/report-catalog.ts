import { BatonError, compileReport, type CompiledReport, type HeadcountRow, type ReportDefinition } from '@baton/engine';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { latestPublished } from '../definitions/latest-published.js';
import { ApiError } from '../errors/api-error.js';
import { LruCache } from '../execution/lru-cache.js';
import './reports-errors.js';

export interface LoadedReport {
  /** Cache key: the report's hash and its form's. */
  hash: string;
  compiled: CompiledReport;
  definition: ReportDefinition;
  /** The dataset's form is a collection: its rows are records, not instances. */
  collection: boolean;
  formBody?: Record<string, unknown>;
}

interface Head {
  version: number;
  hash: string;
}

/**
 * Published reports compiled once per process, cached by the report's hash and its form's hash (a new
 * form version retypes the fields). Each run still reads which version is current: one indexed row.
 */
export class ReportCatalog {
  private readonly cache = new LruCache<string, LoadedReport>(64);

  constructor(
    private readonly timeZone: string,
    readonly dialect: 'postgres' | 'pglite' = 'pglite',
  ) {}

  /** Report hashes whose indexes were ensured by this process (report-indexes.ts). */
  readonly indexed = new Set<string>();

  /** Headcount results by query and directory version (run-report.ts). */
  readonly headcount = new LruCache<string, HeadcountRow[]>(64);

  private async head(db: Kysely<Database>, kind: string, key: string): Promise<Head | undefined> {
    return latestPublished(db, kind, key).select(['version', 'hash']).executeTakeFirst();
  }

  private async body(db: Kysely<Database>, kind: string, key: string, version: number): Promise<Record<string, unknown>> {
    const row = await db.selectFrom('definitions').select('body').where('kind', '=', kind).where('key', '=', key).where('version', '=', version).executeTakeFirstOrThrow();
    return row.body;
  }

  async get(db: Kysely<Database>, key: string): Promise<LoadedReport> {
    const head = await this.head(db, 'report', key);
    if (!head) throw new ApiError('BATON_E_REPORT_NOT_FOUND', { reportKey: key }, [], '/params/key');
    const reportBody = await this.cachedBody(db, key, head);
    const definition = reportBody as unknown as ReportDefinition;
    const formKey = definition.dataset.source === 'form' ? definition.dataset.form : undefined;
    const formHead = formKey ? await this.head(db, 'form', formKey) : undefined;
    if (formKey && !formHead) throw new ApiError('BATON_E_REPORT_FORM_NOT_PUBLISHED', { reportKey: key, formKey });
    const cacheKey = `${head.hash}:${formHead?.hash ?? ''}`;
    const hit = this.cache.get(cacheKey);
    if (hit) return hit;
    const formBody = formKey && formHead ? await this.body(db, 'form', formKey, formHead.version) : undefined;
    let compiled: CompiledReport;
    try {
      compiled = compileReport(definition, { timeZone: this.timeZone, resolve: (kind, k) => (kind === 'form' && k === formKey ? formBody : undefined) });
    } catch (err) {
      if (err instanceof BatonError) throw new ApiError('BATON_E_REPORT_INVALID', { reportKey: key }, err.issues.map((i) => ({ ...i, path: `/definition${i.path}` })), '/params/key');
      throw err;
    }
    const loaded: LoadedReport = { hash: cacheKey, compiled, definition, collection: formBody?.collection === true, ...(formBody ? { formBody } : {}) };
    this.cache.set(cacheKey, loaded);
    return loaded;
  }

  private readonly bodies = new LruCache<string, Record<string, unknown>>(64);

  private async cachedBody(db: Kysely<Database>, key: string, head: Head): Promise<Record<string, unknown>> {
    const hit = this.bodies.get(head.hash);
    if (hit) return hit;
    const body = await this.body(db, 'report', key, head.version);
    this.bodies.set(head.hash, body);
    return body;
  }
}

/** Flows whose definition names one of the caller's roles in `viewers`: their instances count in full. */
export async function viewerFlowsOf(db: Kysely<Database>, roles: readonly string[]): Promise<string[]> {
  if (roles.length === 0) return [];
  const rows = await db
    .selectFrom('definitions')
    .select(['key', sql<unknown>`body -> 'viewers'`.as('viewers')])
    .distinctOn('key')
    .where('kind', '=', 'flow')
    .where('status', '=', 'published')
    .orderBy('key')
    .orderBy('version', 'desc')
    .execute();
  return rows.filter((r) => Array.isArray(r.viewers) && r.viewers.some((v) => typeof v === 'string' && roles.includes(v))).map((r) => r.key);
}
