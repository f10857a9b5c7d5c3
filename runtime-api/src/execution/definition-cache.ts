import {
  compileFlow,
  compileForm,
  compileRules,
  createRegistry,
  type CompiledFlow,
  type CompiledForm,
  type CompiledRules,
  type FlowDefinition,
  type FormDefinition,
  type Registry,
  type RuleDefinition,
} from '@baton/engine';
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { trustedCatalog } from './command-versions.js';
import { LruCache } from './lru-cache.js';

export interface Published<T> {
  key: string;
  version: number;
  hash: string;
  body: Record<string, unknown>;
  compiled: T;
}

type Kind = 'flow' | 'form';

interface Head {
  key: string;
  version: number;
  hash: string;
}

interface RuleHead {
  key: string;
  version: number;
  hash: string;
  scope: { flow?: string; form?: string } | null;
}

/**
 * Published definitions compiled once per process, cached by content hash (a published row never
 * changes: a trigger refuses it), in bounded LRU maps. Which version is current is asked of the database
 * (one indexed row) unless the caller passes the catalog version its transaction read (commands do): then
 * the answer found under that same catalog version is reused, and any write to definitions — in this
 * process or another — moves the version (migration 0013's trigger), so the next command asks again.
 */
export class DefinitionCache {
  readonly registry: Registry;
  private readonly compiled = new LruCache<string, Published<unknown>>(256);
  private readonly ruleSets = new LruCache<string, CompiledRules>(64);
  /** Current-version answers, valid while the catalog version they were read under holds. */
  private readonly heads = new LruCache<string, { catalog: number; head: Head | undefined }>(512);
  private ruleHeads: { catalog: number; rows: RuleHead[] } | undefined;

  constructor(registry: Registry = createRegistry()) {
    this.registry = registry;
  }

  /** `catalog`: the catalog version the caller's transaction read (see the class comment); omit to ask the database. */
  async flow(db: Kysely<Database>, key: string, version?: number, catalog?: number): Promise<Published<CompiledFlow> | undefined> {
    return this.published(db, 'flow', key, version, catalog, (body) => compileFlow(body as unknown as FlowDefinition, this.registry));
  }

  async form(db: Kysely<Database>, key: string, version?: number, catalog?: number): Promise<Published<CompiledForm> | undefined> {
    return this.published(db, 'form', key, version, catalog, (body) => compileForm(body as unknown as FormDefinition, this.registry));
  }

  /** Which published version of a definition is current (or the given one), remembered per catalog version. */
  private async head(db: Kysely<Database>, kind: Kind, key: string, version: number | undefined, catalog: number | undefined): Promise<Head | undefined> {
    const slot = `${kind}:${key}:${version ?? 'latest'}`;
    if (catalog !== undefined) {
      const seen = this.heads.get(slot);
      if (seen && seen.catalog === catalog) return seen.head;
    }
    let query = db
      .selectFrom('definitions')
      .select(['key', 'version', 'hash'])
      .where('kind', '=', kind)
      .where('key', '=', key);
    // An archived version (retired by a pack upgrade) stays readable by version for the instances that run on it.
    query = version === undefined ? query.where('status', '=', 'published') : query.where('version', '=', version).where('status', 'in', ['published', 'archived']);
    const head = await query.orderBy('version', 'desc').limit(1).executeTakeFirst();
    if (catalog !== undefined) this.heads.set(slot, { catalog, head });
    return head;
  }

  private async published<T>(
    db: Kysely<Database>,
    kind: Kind,
    key: string,
    version: number | undefined,
    catalog: number | undefined,
    compile: (body: Record<string, unknown>) => T,
  ): Promise<Published<T> | undefined> {
    const head = await this.head(db, kind, key, version, catalog ?? trustedCatalog(db));
    if (!head) return undefined;
    const cacheKey = `${kind}:${head.hash}`;
    const hit = this.compiled.get(cacheKey) as Published<T> | undefined;
    if (hit && hit.key === head.key && hit.version === head.version) return hit;
    const row = await db
      .selectFrom('definitions')
      .select('body')
      .where('kind', '=', kind)
      .where('key', '=', key)
      .where('version', '=', head.version)
      .executeTakeFirstOrThrow();
    const entry: Published<T> = { key: head.key, version: head.version, hash: head.hash, body: row.body, compiled: compile(row.body) };
    this.compiled.set(cacheKey, entry);
    return entry;
  }

  /**
   * The latest published version of every rule that applies to a flow (scope.flow) or its form
   * (scope.form), plus unscoped rules, compiled together. Cached by the set of their hashes.
   */
  async rulesFor(db: Kysely<Database>, target: { flowKey?: string; formKey?: string }, catalog?: number): Promise<CompiledRules | undefined> {
    catalog ??= trustedCatalog(db);
    let rows = catalog !== undefined && this.ruleHeads?.catalog === catalog ? this.ruleHeads.rows : undefined;
    if (!rows) {
      const heads = await sql<RuleHead>`
        select distinct on (key) key, version, hash, body -> 'scope' as scope
        from definitions where kind = 'rule' and status = 'published'
        order by key, version desc`.execute(db);
      rows = heads.rows;
      if (catalog !== undefined) this.ruleHeads = { catalog, rows };
    }
    const relevant = rows.filter((r) => {
      const scope = r.scope ?? {};
      if (scope.flow !== undefined && scope.flow !== target.flowKey) return false;
      if (scope.form !== undefined && scope.form !== target.formKey) return false;
      return true;
    });
    if (relevant.length === 0) return undefined;
    const setKey = createHash('sha256').update(relevant.map((r) => r.hash).join(',')).digest('hex');
    const hit = this.ruleSets.get(setKey);
    if (hit) return hit;
    const bodies = await db
      .selectFrom('definitions')
      .select('body')
      .where('kind', '=', 'rule')
      .where('hash', 'in', relevant.map((r) => r.hash))
      .where('status', '=', 'published')
      .execute();
    // Two keys may share a body only if they are the same rule; dedupe by key, keep the latest version.
    const byKey = new Map<string, RuleDefinition>();
    for (const { body } of bodies) {
      const def = body as unknown as RuleDefinition;
      const wanted = relevant.find((r) => r.key === def.key);
      if (wanted && wanted.version === def.version) byKey.set(def.key, def);
    }
    const compiled = compileRules([...byKey.values()], this.registry);
    this.ruleSets.set(setKey, compiled);
    return compiled;
  }
}
