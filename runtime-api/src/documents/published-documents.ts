import { compileDocument, type CompiledDocument, type DocumentDefinition, type FormField } from '@baton/engine';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { latestPublished } from '../definitions/latest-published.js';
import { LruCache } from '../execution/lru-cache.js';

export interface FormBody {
  hash: string;
  body: Record<string, unknown>;
}

export interface PublishedDocument {
  key: string;
  version: number;
  hash: string;
  compiled: CompiledDocument;
}

/**
 * Published document definitions, compiled once per process against the form they read and cached by
 * both hashes (a published row never changes). Each lookup still asks which version is current.
 */
export class PublishedDocuments {
  private readonly cache = new LruCache<string, PublishedDocument>(64);

  /**
   * `form` is the form the document reads, `related` the collection forms its relation fields point at
   * (their fields label values below a relation); both are part of the cache key.
   */
  async get(
    db: Kysely<Database>,
    key: string,
    form: FormBody | undefined,
    related: Readonly<Record<string, FormBody>> = {},
  ): Promise<PublishedDocument | undefined> {
    const head = await latestPublished(db, 'document', key).select(['key', 'version', 'hash']).executeTakeFirst();
    if (!head) return undefined;
    const relatedKeys = Object.keys(related).sort();
    const cacheKey = [head.hash, form?.hash ?? '-', ...relatedKeys.map((k) => `${k}=${related[k]?.hash ?? '-'}`)].join(':');
    const hit = this.cache.get(cacheKey);
    if (hit && hit.key === head.key && hit.version === head.version) return hit;
    const row = await db
      .selectFrom('definitions')
      .select('body')
      .where('kind', '=', 'document')
      .where('key', '=', key)
      .where('version', '=', head.version)
      .executeTakeFirstOrThrow();
    const fieldsOf = (f: FormBody | undefined) => ({ fields: (f?.body.fields as readonly FormField[] | undefined) ?? [] });
    const compiled = compileDocument(row.body as unknown as DocumentDefinition, {
      form: fieldsOf(form),
      relatedForms: Object.fromEntries(relatedKeys.map((k) => [k, fieldsOf(related[k])])),
    });
    const entry: PublishedDocument = { key: head.key, version: head.version, hash: head.hash, compiled };
    this.cache.set(cacheKey, entry);
    return entry;
  }
}
