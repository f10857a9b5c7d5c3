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
import { LruCache } from './lru-cache.js';

export interface Published<T> {
  key: string;
  version: number;
  hash: string;
  body: Record<string, unknown>;
  compiled: T;
}

type Kind = 'flow' | 'form';

interface RuleHead {
  key: string;
  version: number;
  hash: string;
  scope: { flow?: string; form?: string } | null;
}

/**
 * Published definitions compiled once per process, cached by content hash (a published row never
 * changes: a trigger refuses it), in bounded LRU maps. Each lookup still asks the database which version
 * is current (one indexed row), so a publish in another process is seen by the next command.
 */
export class DefinitionCache {
  readonly registry: Registry;
  private readonly compiled = new LruCache<string, Published<unknown>>(256);
  private readonly ruleSets = new LruCache<string, CompiledRules>(64);

  constructor(registry: Registry = createRegistry()) {
    this.registry = registry;
  }

  async flow(db: Kysely<Database>, key: string, version?: number): Promise<Published<CompiledFlow> | undefined> {
    return this.published(db, 'flow', key, version, (body) => compileFlow(body as unknown as FlowDefinition, this.registry));
  }

  async form(db: Kysely<Database>, key: string, version?: number): Promise<Published<CompiledForm> | undefined> {
    return this.published(db, 'form', key, version, (body) => compileForm(body as unknown as FormDefinition, this.registry));
  }

  private async published<T>(
    db: Kysely<Database>,
    kind: Kind,
    key: string,
    version: number | undefined,
    compile: (body: Record<string, unknown>) => T,
  ): Promise<Published<T> | undefined> {
    let query = db
      .selectFrom('definitions')
      .select(['key', 'version', 'hash'])
      .where('kind', '=', kind)
      .where('key', '=', key)
      .where('status', '=', 'published');
    if (version !== undefined) query = query.where('version', '=', version);
    const head = await query.orderBy('version', 'desc').limit(1).executeTakeFirst();
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
  async rulesFor(db: Kysely<Database>, target: { flowKey?: string; formKey?: string }): Promise<CompiledRules | undefined> {
    const heads = await sql<RuleHead>`
      select distinct on (key) key, version, hash, body -> 'scope' as scope
      from definitions where kind = 'rule' and status = 'published'
      order by key, version desc`.execute(db);
    const relevant = heads.rows.filter((r) => {
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
