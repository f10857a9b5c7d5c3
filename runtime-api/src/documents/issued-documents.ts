import type { Locale } from '@baton/engine';
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/append-audit.js';
import { canonicalJson } from '@baton/engine';
import type { Database } from '../db/database.js';
import './document-tables.js';
import type { RenderedDocument } from './render-instance-document.js';
import { renderedDocumentAudit } from './rendered-document-audit.js';

/**
 * The one stored issue of a document for an instance, a language choice and a view of the data: its
 * `rendered_documents.effect_key`. Unique, so the outbox worker and a first download racing each other
 * store one row, and every later download serves that row's bytes. The official copy (everything, as the
 * outbox renders it) is `full`; a reader whose view hides fields gets the issue of exactly that view.
 */
export function issueKey(instanceId: string, documentKey: string, locale: Locale | undefined, view: string): string {
  return `issue:${instanceId}:${documentKey}:${locale ?? 'all'}:${view}`;
}

/** `full` when the reader sees all the data, else a digest of what they see (the same view, the same issue). */
export function viewKey(projected: Record<string, unknown>, full: Record<string, unknown>): string {
  const seen = canonicalJson(projected);
  if (seen === canonicalJson(full)) return 'full';
  return `view-${createHash('sha256').update(seen).digest('hex').slice(0, 24)}`;
}

/** A stored issue, as the route serves it (no layout: it is not rendered again). */
export async function findIssued(db: Kysely<Database>, key: string): Promise<(RenderedDocument & { id: string; renderedAt: Date }) | undefined> {
  const row = await db.selectFrom('rendered_documents').selectAll().where('effect_key', '=', key).executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    renderedAt: new Date(row.rendered_at),
    documentKey: row.document_key,
    documentVersion: row.document_version,
    locales: row.locales as Locale[],
    fileName: row.file_name,
    bytes: Buffer.from(row.content),
    sha256: row.sha256,
    availability: 'issued',
  };
}

export interface StoreIssueInput {
  key: string;
  instanceId: string;
  document: RenderedDocument;
  actor: string;
  now: Date;
  /** Extra fields of the `document.rendered` audit entry (via, view …). */
  audit: Record<string, unknown>;
}

/**
 * Stores a freshly rendered document under its unique key and audits its sha256, in one transaction. When
 * another request or delivery stored it under that key first, its row stands and nothing is written.
 */
export async function storeIssue(db: Kysely<Database>, input: StoreIssueInput): Promise<{ id: string; stored: boolean }> {
  const { document } = input;
  const id = `doc-${randomUUID()}`;
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('rendered_documents')
      .values({
        id,
        instance_id: input.instanceId,
        document_key: document.documentKey,
        document_version: document.documentVersion,
        locales: JSON.stringify(document.locales),
        file_name: document.fileName,
        size: document.bytes.length,
        sha256: document.sha256,
        content: document.bytes,
        effect_key: input.key,
        rendered_by: input.actor,
        rendered_at: input.now,
      })
      .onConflict((oc) => oc.column('effect_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) {
      const first = await trx.selectFrom('rendered_documents').select('id').where('effect_key', '=', input.key).executeTakeFirstOrThrow();
      return { id: first.id, stored: false };
    }
    await appendAudit(trx, renderedDocumentAudit(input.actor, input.instanceId, document, input.now, { ...input.audit, renderedDocumentId: id }));
    return { id, stored: true };
  });
}
