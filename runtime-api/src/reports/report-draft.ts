import { BatonError, compileReport, defineErrors, type CompiledReport, type Locale, type ReportDefinition } from '@baton/engine';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { checkDefinition } from '../definitions/check-definition.js';
import { publishedBodies } from '../definitions/definition-store.js';
import { ApiError } from '../errors/api-error.js';
import type { LoadedReport } from './report-catalog.js';

export const REPORT_DRAFT_ERRORS = defineErrors({
  BATON_E_REPORT_DRAFT_INVALID: {
    status: 422,
    en: 'The report being previewed is not valid yet: fix the problems listed in issues, then preview again.',
    'zh-CN': '正在预览的报表尚不合法：请修正 issues 中列出的问题后再预览。',
  },
  BATON_E_REPORT_DRAFT_NOT_REPORT: {
    status: 422,
    en: 'A preview takes a report definition (kind "report"): send the report you are editing.',
    'zh-CN': '预览只接受报表定义（kind 为 "report"）：请发送正在编辑的报表。',
  },
});

const under = (path: string) => `/definition${path}`;

/**
 * A draft report compiled the way a published one is (report-catalog.ts), against the published forms, so a
 * preview runs the very SQL the published report would. Never cached: drafts change with every keystroke.
 */
export async function loadDraftReport(db: Kysely<Database>, body: Record<string, unknown>, timeZone: string, locale: Locale): Promise<LoadedReport> {
  if (body.kind !== 'report') throw new ApiError('BATON_E_REPORT_DRAFT_NOT_REPORT', {}, [], '/definition/kind');
  // The server numbers versions; a draft that has none yet is checked as version 1.
  const draft = { ...body, version: typeof body.version === 'number' ? body.version : 1 };
  const published = await publishedBodies(db);
  const checked = checkDefinition(draft, locale, (kind, key) => published.get(`${kind}/${key}`));
  if (!checked.ok) {
    const issues = checked.errors.map((i) => ({ ...i, path: under(i.path) }));
    throw new ApiError('BATON_E_REPORT_DRAFT_INVALID', {}, issues, issues[0]?.path ?? '/definition');
  }
  const definition = draft as unknown as ReportDefinition;
  const formKey = definition.dataset.source === 'form' ? definition.dataset.form : undefined;
  const formBody = formKey ? published.get(`form/${formKey}`) : undefined;
  if (formKey && !formBody) throw new ApiError('BATON_E_REPORT_FORM_NOT_PUBLISHED', { reportKey: definition.key, formKey });
  let compiled: CompiledReport;
  try {
    compiled = compileReport(definition, { timeZone, resolve: (kind, k) => (kind === 'form' && k === formKey ? formBody : undefined) });
  } catch (err) {
    if (err instanceof BatonError) {
      const issues = err.issues.map((i) => ({ ...i, path: under(i.path) }));
      throw new ApiError('BATON_E_REPORT_DRAFT_INVALID', {}, issues, issues[0]?.path ?? '/definition');
    }
    throw err;
  }
  return { hash: `draft:${definition.key}`, compiled, definition, collection: formBody?.collection === true, ...(formBody ? { formBody } : {}) };
}
