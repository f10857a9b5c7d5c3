import { BatonError } from '@baton/engine';
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/append-audit.js';
import type { ExecutionServices } from '../execution/execution-services.js';
import type { OutboxHandler, OutboxOutcome } from '../workers/outbox-handler.js';
import './document-tables.js';
import { renderInstanceDocument } from './render-instance-document.js';
import { renderedDocumentAudit } from './rendered-document-audit.js';

const dead = (error: string): OutboxOutcome => ({ status: 'dead', error });

/**
 * Carries out a `renderDocument` effect (a flow's action node or a rule's render-document action): renders
 * the PDF from the effect's data snapshot, stores it in `rendered_documents` with its sha256 and audits the
 * hash, in one transaction. Redelivery is harmless: the effect's key is unique, so a second delivery finds
 * the stored document and reports it delivered without rendering or auditing again.
 */
export function renderDocumentHandler(services: ExecutionServices): OutboxHandler<'renderDocument'> {
  return {
    type: 'renderDocument',
    async handle(delivery, ctx) {
      const { effect } = delivery;
      const { db } = ctx;
      const stored = await db.selectFrom('rendered_documents').select(['id', 'sha256']).where('effect_key', '=', delivery.idempotencyKey).executeTakeFirst();
      if (stored) return { status: 'delivered', log: { note: `already rendered as ${stored.id} (sha256 ${stored.sha256})` } };
      const instanceId = effect.instanceId ?? delivery.instanceId;
      if (!instanceId) return dead(`document "${effect.document}" has no instance to render for`);
      const instance = await db.selectFrom('instances').selectAll().where('id', '=', instanceId).executeTakeFirst();
      if (!instance) return dead(`instance ${instanceId} does not exist`);
      const flow = await services.definitions.flow(db, instance.flow_key, instance.flow_version);
      const form = instance.form_key ? await services.definitions.form(db, instance.form_key) : undefined;
      let rendered;
      try {
        rendered = await renderInstanceDocument(db, services, ctx.config, {
          instance,
          documentKey: effect.document,
          // The decision's snapshot wins; fields it lacks come from the instance as it is now.
          data: { ...instance.data, ...effect.data },
          flow: flow?.compiled,
          form,
          locale: undefined,
          fallbackLocale: 'zh-CN',
          now: ctx.now,
        });
      } catch (err) {
        // A definition problem (not published, for another flow, a bad locale) will not fix itself by retrying.
        if (err instanceof BatonError && err.status < 500) return dead(`${err.code}: ${err.message}`);
        throw err;
      }
      const id = `doc-${randomUUID()}`;
      const document = rendered;
      const inserted = await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('rendered_documents')
          .values({
            id,
            instance_id: instance.id,
            document_key: document.documentKey,
            document_version: document.documentVersion,
            locales: JSON.stringify(document.locales),
            file_name: document.fileName,
            size: document.bytes.length,
            sha256: document.sha256,
            content: document.bytes,
            effect_key: delivery.idempotencyKey,
            rendered_by: 'system',
            rendered_at: ctx.now,
          })
          .onConflict((oc) => oc.column('effect_key').doNothing())
          .returning('id')
          .executeTakeFirst();
        // Another worker stored it first (a lease ran out mid-render): its row and audit entry stand.
        if (!row) return false;
        await appendAudit(trx, renderedDocumentAudit('system', instance.id, document, ctx.now, { via: 'outbox', renderedDocumentId: id, effectKey: delivery.idempotencyKey }));
        return true;
      });
      const note = inserted
        ? `rendered ${document.documentKey}@${document.documentVersion} as ${id}: ${document.bytes.length} bytes, sha256 ${document.sha256}`
        : `already rendered by another delivery of ${delivery.idempotencyKey}`;
      return { status: 'delivered', log: { note } };
    },
  };
}
