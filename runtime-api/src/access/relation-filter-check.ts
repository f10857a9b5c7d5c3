import {
  commandRelationInput,
  defineErrors,
  judgeRelationFilters,
  passesRelationFilter,
  relationFieldsOf,
  relationIdsToJudge as engineRelationIdsToJudge,
  type CompiledForm,
  type FlowCommand,
  type FlowState,
  type Locale,
  type RelationAsk,
  type RelationField,
  type RelationFilterInput,
} from '@baton/engine';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { ApiError } from '../errors/api-error.js';
import { withRecordLookup } from '../records/related-records.js';

// BATON_E_RELATION_NOT_ALLOWED is the engine's (relation-filter.ts): the designer's simulation refuses with it too.
export const RELATION_FILTER_ERRORS = defineErrors({
  BATON_E_RELATION_FIELD_UNKNOWN: {
    status: 422,
    en: 'Form "{form}" has no relation field "{field}": name one as "key" or "table.column" (known: {known}).',
    'zh-CN': '表单“{form}”中没有关联字段“{field}”：请写作“字段”或“子表.列”（现有：{known}）。',
  },
});

/** A relation field or column ("assets.assetId") and its filter if any: the engine's, compiled once per form. */
export type Relation = RelationField;

/** The form's relation fields: top level and sub-table columns. */
export function relationsOf(form: CompiledForm): Relation[] {
  return relationFieldsOf(form);
}

/** Whether a record passes the filter (engine passesRelationFilter): what the picker offers (relation-options-routes.ts). */
export function passesFilter(relation: Relation, record: { id: string; data: Record<string, unknown> }, formData: Record<string, unknown>): boolean {
  return passesRelationFilter(relation, record, formData);
}

/** The ids a check judges (engine relationIdsToJudge), for the forms in order. */
export function relationIdsToJudge(forms: readonly CompiledForm[], data: Record<string, unknown>, formData: Record<string, unknown>, previous: Record<string, unknown>): RelationAsk[] {
  return engineRelationIdsToJudge({ forms, data, formData, previous });
}

/**
 * Refuses (422 BATON_E_RELATION_NOT_ALLOWED, at `/data/<pointer>`) a submission naming a record its relation
 * field's filter excludes (or no record of that collection at all): the picker only offers what passes, and
 * this holds the same line for an API client. The engine judges (judgeRelationFilters, as the designer's
 * simulation does) over the records it asks for, read in one query (withRecordLookup).
 */
async function refuseOutsideFilters(trx: Kysely<Database>, locale: Locale, input: RelationFilterInput): Promise<void> {
  if (engineRelationIdsToJudge(input).length === 0) return;
  const issues = await withRecordLookup(trx, (records) => judgeRelationFilters(input, records, locale));
  const first = issues[0];
  if (first) throw new ApiError(first.code, first.params ?? {}, issues, first.path);
}

/**
 * The check for a form's data: `formData` is the form's data as it will be stored (what the filter's
 * `form.*` reads); values that differ from `previous` are judged, and every value of a field whose filter
 * reads a part of the form that differs from `previous`.
 */
export async function checkRelationFilters(
  trx: Kysely<Database>,
  locale: Locale,
  forms: ReadonlyArray<CompiledForm | undefined>,
  data: Record<string, unknown>,
  formData: Record<string, unknown>,
  previous: Record<string, unknown> = {},
): Promise<void> {
  await refuseOutsideFilters(trx, locale, { forms, data, formData, previous });
}

/**
 * The same for a flow command's task submission (engine commandRelationInput): the keys it touched, judged on
 * the data after the step (and, when it changed what a filter reads, the values already on the request).
 */
export async function checkCommandRelationFilters(
  trx: Kysely<Database>,
  locale: Locale,
  command: FlowCommand,
  before: FlowState,
  after: FlowState,
  formOf: (formKey: string | undefined) => CompiledForm | undefined,
): Promise<void> {
  const input = commandRelationInput(command, before, after, formOf);
  if (input) await refuseOutsideFilters(trx, locale, input);
}
