import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../auth/auth-plugin.js';
import { withErrors } from '../app/schema-helpers.js';
import { executionServices } from '../execution/execution-services.js';
import { reportCsv } from './report-csv.js';
import { ReportCatalog } from './report-catalog.js';
import { DrillResultSchema, ReportDrillBody, ReportKeyParams, ReportPreviewBody, ReportResultSchema, ReportRunBody } from './report-schemas.js';
import { loadDraftReport } from './report-draft.js';
import { ROLES } from '../auth/principal.js';
import { drillReport, runReport } from './run-report.js';

/**
 * Reports run, drill down and export. Reading changes nothing, so these POSTs take no Idempotency-Key;
 * POST (not GET) because filters are structured JSON. Rows are limited by the caller's permissions
 * (see report-access.ts).
 */
export const reportsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.baton.database.db;
  const catalog = new ReportCatalog(app.baton.config.timeZone, app.baton.database.dialect);
  const services = executionServices(app.baton.database, app.baton.config);

  app.post(
    '/reports/:key/run',
    {
      config: { idempotency: false },
      schema: {
        tags: ['reports'],
        summary: 'Run a published report: rows (one per group) and column metadata',
        params: ReportKeyParams,
        body: ReportRunBody,
        response: withErrors({ 200: ReportResultSchema }),
      },
    },
    async (request) =>
      runReport(db, catalog, { key: request.params.key, params: request.body.params, filters: request.body.filters, principal: principalOf(request), locale: request.locale, now: new Date() }),
  );

  app.post(
    '/reports/preview',
    {
      // Designers preview what they are editing; the rows are still limited by what the caller may see.
      config: { idempotency: false, roles: [ROLES.designer] },
      schema: {
        tags: ['reports'],
        summary: 'Run a report definition that is not published yet (the designer preview): same SQL, rows limited',
        body: ReportPreviewBody,
        response: withErrors({ 200: ReportResultSchema }),
      },
    },
    async (request) => {
      const { definition, params, filters, limit = 200 } = request.body;
      const loaded = await loadDraftReport(db, definition, app.baton.config.timeZone, request.locale);
      const result = await runReport(db, catalog, { key: loaded.definition.key, params, filters, principal: principalOf(request), locale: request.locale, now: new Date(), loaded });
      if (result.rows.length <= limit) return result;
      return { ...result, rows: result.rows.slice(0, limit), meta: { ...result.meta, truncated: true, rowCount: limit } };
    },
  );

  app.post(
    '/reports/:key/drill',
    {
      config: { idempotency: false },
      schema: {
        tags: ['reports'],
        summary: 'The rows behind one cell of a report (the instances, tasks or people it counted)',
        params: ReportKeyParams,
        body: ReportDrillBody,
        response: withErrors({ 200: DrillResultSchema }),
      },
    },
    async (request) => {
      const { params, filters, dimensionValues, limit = 100, offset = 0 } = request.body;
      return drillReport(db, catalog, services, {
        key: request.params.key, params, filters, dimensionValues, limit, offset, principal: principalOf(request), locale: request.locale, now: new Date(),
      });
    },
  );

  app.post(
    '/reports/:key/csv',
    {
      config: { idempotency: false },
      schema: {
        tags: ['reports'],
        summary: 'A report as CSV (UTF-8 with BOM; cells that look like formulas are escaped)',
        params: ReportKeyParams,
        body: ReportRunBody,
        response: withErrors({ 200: Type.String({ description: 'text/csv' }) }),
      },
    },
    async (request, reply) => {
      const result = await runReport(db, catalog, { key: request.params.key, params: request.body.params, filters: request.body.filters, principal: principalOf(request), locale: request.locale, now: new Date() });
      const name = `${request.params.key}.csv`;
      reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`);
      return reportCsv(result.columns, result.rows);
    },
  );
};
