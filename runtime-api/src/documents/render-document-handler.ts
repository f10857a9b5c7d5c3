import { BatonError } from '@baton/engine';
import { ApiError } from '../errors/api-error.js';
import type { ExecutionServices } from '../execution/execution-services.js';
import type { OutboxHandler, OutboxOutcome } from '../workers/outbox-handler.js';
import './document-tables.js';
import { findIssued, issueKey, storeIssue } from './issued-documents.js';
import { renderInstanceDocument } from './render-instance-document.js';

const dead = (error: string): OutboxOutcome => ({ status: 'dead', error });

/**
 * Carries out a `renderDocument` effect (a flow's action node or a rule's render-document action): renders
 * the PDF from the effect's data snapshot, stores it in `rendered_documents` with its sha256 and audits the
 * hash, in one transaction. Redelivery is harmless: the effect's key is unique, so a second delivery finds
 * the stored document and reports it delivered without rendering or auditing again. A document with
 * `issueAt` is stored under its issue key instead (the official, full-data copy in every language), the
 * one a download serves: whichever comes first stores it. Drafts are never stored; before its `issueAt`
 * such a document goes to the dead letter (BATON_E_DOCUMENT_NOT_ISSUED), as does a missing employer name.
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
      let issue: string | undefined;
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
          beforeRender: async (published, availability) => {
            if (availability === 'draft') {
              throw new ApiError('BATON_E_DOCUMENT_NOT_ISSUED', { documentKey: published.key, status: instance.status }, [], '/params/documentKey');
            }
            if (availability !== 'issued') return undefined;
            issue = issueKey(instance.id, published.key, undefined, 'full');
            return findIssued(db, issue);
          },
        });
      } catch (err) {
        // A definition problem (not published, for another flow, a bad locale) will not fix itself by retrying.
        if (err instanceof BatonError && err.status < 500) return dead(`${err.code}: ${err.message}`);
        throw err;
      }
      const already = (rendered as { id?: string }).id;
      if (already !== undefined) return { status: 'delivered', log: { note: `already issued as ${already} (sha256 ${rendered.sha256})` } };
      const document = rendered;
      const saved = await storeIssue(db, {
        key: issue ?? delivery.idempotencyKey,
        instanceId: instance.id,
        document,
        actor: 'system',
        now: ctx.now,
        audit: { via: 'outbox', effectKey: delivery.idempotencyKey },
      });
      // Otherwise another worker (a lease ran out mid-render) or a first download stored it first: its row stands.
      const note = saved.stored
        ? `rendered ${document.documentKey}@${document.documentVersion} as ${saved.id}: ${document.bytes.length} bytes, sha256 ${document.sha256}`
        : `already rendered as ${saved.id}`;
      return { status: 'delivered', log: { note } };
    },
  };
}
