import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

/**
 * One value read from catalog tables (pack parameters, webhook subscriptions), kept while the catalog
 * version it was read under holds. The version is bumped by a trigger in every transaction that writes those
 * tables (migration 0013), in this process or another, so a command that reads the version in its own
 * transaction never runs on a value older than the last write it can see: no TTL, no cross-process message.
 */
export class CatalogValue<T> {
  #entry: { catalog: number; value: Promise<T> } | undefined;

  constructor(private readonly load: (trx: Kysely<Database>) => Promise<T>) {}

  /**
   * The value under `catalog`, loaded through `trx` when this process has not read it under that version.
   * An undefined catalog (the transaction wrote the catalog itself) loads and keeps nothing.
   */
  get(trx: Kysely<Database>, catalog: number | undefined): Promise<T> {
    if (catalog === undefined) return this.load(trx);
    const entry = this.#entry;
    // Another command's load failing (its transaction, its error) is not this command's failure: load again.
    if (entry && entry.catalog === catalog) return entry.value.catch(() => this.load(trx));
    const value = this.load(trx);
    const next = { catalog, value };
    // Only a newer version replaces the entry; a failed load is forgotten so the next command tries again.
    if (!entry || entry.catalog <= catalog) this.#entry = next;
    value.catch(() => {
      if (this.#entry === next) this.#entry = undefined;
    });
    return value;
  }
}
