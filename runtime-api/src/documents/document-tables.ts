import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/**
 * A PDF rendered by the `renderDocument` outbox handler (migration 0009). The bytes are kept in the row:
 * rendered documents are tens of kilobytes, and a row commits with its audit entry in one transaction.
 */
export interface RenderedDocumentsTable {
  id: string;
  instance_id: string | null;
  document_key: string;
  document_version: number;
  /** The locales printed, in order (["zh-CN", "en"] for a bilingual one). */
  locales: ColumnType<string[], string, string>;
  file_name: string;
  content_type: Generated<string>;
  size: number;
  /** sha256 of `content`, hex: the value the audit entry records. */
  sha256: string;
  content: Buffer;
  /** The effect's idempotency key: a redelivered effect finds its document instead of rendering twice. */
  effect_key: string | null;
  rendered_by: string;
  rendered_at: Timestamp;
}

// Joined to the runtime's Database type here, beside its own migration, rather than in db/database.ts.
declare module '../db/database.js' {
  interface Database {
    rendered_documents: RenderedDocumentsTable;
  }
}
