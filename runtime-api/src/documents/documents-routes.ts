import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { INSTANCE_ADMIN_ROLES, instanceViewOf, projectForView } from '../access/instance-access.js';
import { hasAnyRole, type Principal } from '../auth/principal.js';
import type { InstanceRow } from '../execution/instance-pipeline.js';
import { appendAudit } from '../audit/append-audit.js';
import { principalOf } from '../auth/auth-plugin.js';
import { Closed, KeySchema, withErrors } from '../app/schema-helpers.js';
import { ApiError } from '../errors/api-error.js';
import { executionServices } from '../execution/execution-services.js';
import '../execution/execution-errors.js';
import { contentDisposition, safeFileName } from './content-disposition.js';
import './document-errors.js';
import { findIssued, issueKey, storeIssue, viewKey } from './issued-documents.js';
import { renderDocumentHandler } from './render-document-handler.js';
import { renderInstanceDocument, type RenderedDocument } from './render-instance-document.js';
import { renderedDocumentAudit } from './rendered-document-audit.js';

const DocumentParams = Closed({ id: Type.String({ minLength: 1, maxLength: 128 }), documentKey: KeySchema });
const DocumentQuery = Closed({
  locale: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')], { description: 'One language; default: every language the document is written in (a bilingual one prints both).' })),
  disposition: Type.Optional(Type.Union([Type.Literal('attachment'), Type.Literal('inline')], { description: 'inline to show it in the browser; attachment (default) to save it.' })),
});
const PdfBody = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The PDF (application/pdf).' });

/**
 * A document's `readers`, among those who may see the instance: "subject", "initiator", "participants"
 * (anyone who may see it) or roles. HR and admins always may.
 */
function mayRead(readers: readonly string[] | undefined, principal: Principal, row: Pick<InstanceRow, 'subject_id' | 'started_by'>): boolean {
  if (!readers || readers.includes('participants')) return true;
  if (readers.includes('subject') && row.subject_id === principal.userId) return true;
  if (readers.includes('initiator') && row.started_by === principal.userId) return true;
  return hasAnyRole(principal, [...INSTANCE_ADMIN_ROLES, ...readers.filter((r) => !['subject', 'initiator'].includes(r))]);
}

/**
 * Documents of instances: `GET /instances/:id/documents/:documentKey` renders a published document to PDF
 * for whoever may see the instance (from the data they may see), and audits its sha256. A document with
 * `issueAt` exists only from then on (409 before, or its watermarked draft); its first download (or the
 * outbox worker) stores it, and every later download serves those bytes. The `renderDocument` outbox
 * handler (rendered and stored PDFs) is registered here too.
 */
export const documentsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = executionServices(app.baton.database, app.baton.config);
  app.baton.outboxHandlers.register(renderDocumentHandler(services));

  app.get(
    '/instances/:id/documents/:documentKey',
    {
      schema: {
        tags: ['documents'],
        summary: 'A document of an instance as a PDF (leaving certificate, handover checklist); its sha256 is audited',
        params: DocumentParams,
        querystring: DocumentQuery,
        produces: ['application/pdf', 'application/json'],
        response: withErrors({ 200: PdfBody }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const db = app.baton.database.db;
      const { id, documentKey } = request.params;
      const notFound = () => new ApiError('BATON_E_INSTANCE_NOT_FOUND', { instanceId: id }, [], '/params/id');
      const row = await db.selectFrom('instances').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw notFound();
      const flow = await services.definitions.flow(db, row.flow_key, row.flow_version);
      const view = await instanceViewOf(db, principal, row, flow?.compiled);
      if (!view.visible) throw notFound();
      const form = row.form_key ? await services.definitions.form(db, row.form_key) : undefined;
      // A document shows only what its reader may see: fields hidden from all their nodes print as blanks.
      const data = projectForView(row.data, view, flow?.compiled, form?.compiled);
      const now = new Date();
      const viewName = view.full ? 'full' : 'participant';
      // An issued document is looked up before anything is rendered: once stored, its bytes are the answer.
      let key: string | undefined;
      const rendered = await renderInstanceDocument(db, services, app.baton.config, {
        instance: row,
        documentKey,
        data,
        flow: flow?.compiled,
        form,
        locale: request.query.locale,
        fallbackLocale: request.locale,
        now,
        authorize: (definition) => {
          if (!mayRead(definition.readers, principal, row)) {
            throw new ApiError('BATON_E_DOCUMENT_FORBIDDEN', { documentKey, readers: (definition.readers ?? []).join(', ') });
          }
        },
        beforeRender: async (published, availability) => {
          if (availability !== 'issued') return undefined;
          key = issueKey(row.id, published.key, request.query.locale, viewKey(data, row.data));
          return findIssued(db, key);
        },
      });
      const served = await recordDownload(rendered, key, { actor: principal.userId, instanceId: row.id, now, view: viewName });
      // Reads are not chained on the way out by the audit plugin; this one wrote an entry, so link it now.
      await app.baton.audit.flush().catch((err: unknown) => request.log.warn({ err }, 'audit chaining after a document render failed; the sweep retries'));
      const fileName = `${safeFileName(served.fileName, documentKey)}.pdf`;
      const missing = rendered.layout?.missing ?? [];
      if (missing.length > 0) request.log.info({ documentKey, instanceId: row.id, missing }, 'document placeholders printed blank');
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', contentDisposition(fileName, `${documentKey}.pdf`, request.query.disposition))
        .header('cache-control', 'private, no-store')
        .header('x-baton-document-version', String(served.documentVersion))
        .header('x-baton-document-sha256', served.sha256)
        .header('x-baton-document-status', served.availability)
        .send(served.bytes);
    },
  );

  /**
   * Audits a download (the sha256 of the bytes handed out). A first download of an issued document stores
   * it (storeIssue audits it); when a concurrent first download or the outbox worker stored it first, that
   * issue's bytes are what this reader gets too.
   */
  async function recordDownload(
    rendered: RenderedDocument & { id?: string },
    key: string | undefined,
    who: { actor: string; instanceId: string; now: Date; view: string },
  ): Promise<RenderedDocument> {
    const db = app.baton.database.db;
    const extra = { via: 'api', view: who.view };
    let served = rendered;
    if (rendered.availability === 'issued' && key !== undefined && rendered.id === undefined) {
      const issue = await storeIssue(db, { key, instanceId: who.instanceId, document: rendered, actor: who.actor, now: who.now, audit: { ...extra, issued: true } });
      if (issue.stored) return rendered;
      served = (await findIssued(db, key)) ?? rendered;
    }
    const storedId = (served as { id?: string }).id;
    const audit = renderedDocumentAudit(who.actor, who.instanceId, served, who.now, {
      ...extra,
      ...(storedId !== undefined ? { renderedDocumentId: storedId } : {}),
      ...(served.availability === 'draft' ? { draft: true } : {}),
    });
    await db.transaction().execute((trx) => appendAudit(trx, audit));
    return served;
  }
};
