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
import { renderDocumentHandler } from './render-document-handler.js';
import { renderInstanceDocument } from './render-instance-document.js';
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
 * for whoever may see the instance (from the data they may see), and audits its sha256. The
 * `renderDocument` outbox handler (rendered and stored PDFs) is registered here too.
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
      });
      const audit = renderedDocumentAudit(principal.userId, row.id, rendered, now, { via: 'api', view: view.full ? 'full' : 'participant' });
      await db.transaction().execute((trx) => appendAudit(trx, audit));
      // Reads are not chained on the way out by the audit plugin; this one wrote an entry, so link it now.
      await app.baton.audit.flush().catch((err: unknown) => request.log.warn({ err }, 'audit chaining after a document render failed; the sweep retries'));
      const fileName = `${safeFileName(rendered.fileName, documentKey)}.pdf`;
      if (rendered.layout.missing.length > 0) request.log.info({ documentKey, instanceId: row.id, missing: rendered.layout.missing }, 'document placeholders printed blank');
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', contentDisposition(fileName, `${documentKey}.pdf`, request.query.disposition))
        .header('cache-control', 'private, no-store')
        .header('x-baton-document-version', String(rendered.documentVersion))
        .header('x-baton-document-sha256', rendered.sha256)
        .send(rendered.bytes);
    },
  );
};
