import { collectVariables, compileExpression, defineErrors, issue, type CompiledExpression, type CompiledForm, type FlowCommand, type FlowState, type Issue, type JsonLogic, type Locale } from '@baton/engine';
import type { Kysely } from 'kysely';
import { isDeepStrictEqual } from 'node:util';
import type { Database } from '../db/database.js';
import { ApiError } from '../errors/api-error.js';
import { isRecord, valuesAtPaths } from '../secrets/data-paths.js';
import { uiFieldLabel, uiFieldsOf } from './ui-schema-fields.js';

/** Codes of relation values outside their field's `filter` (relation-field-type.ts). */
export const RELATION_FILTER_ERRORS = defineErrors({
  BATON_E_RELATION_NOT_ALLOWED: {
    status: 422,
    en: 'Choose another record for "{field}" ({path}): "{id}" is not one this field offers (its filter, e.g. records held by the person named in the form, excludes it).',
    'zh-CN': '请为“{fieldZh}”（{path}）重新选择记录：“{id}”不在可选范围内（该字段的筛选条件，例如仅限表单中所填人员持有的记录，排除了它）。',
  },
  BATON_E_RELATION_FIELD_UNKNOWN: {
    status: 422,
    en: 'Form "{form}" has no relation field "{field}": name one as "key" or "table.column" (known: {known}).',
    'zh-CN': '表单“{form}”中没有关联字段“{field}”：请写作“字段”或“子表.列”（现有：{known}）。',
  },
});

/** A relation field or column ("assets.assetId") and its filter if any, read from the compiled uiSchema. */
export interface Relation {
  path: string;
  /** The collection form its records belong to. */
  form: string;
  filter?: CompiledExpression;
  /** The form data paths the filter reads ("employeeId" for `form.employeeId`; "" for the whole `form`). */
  inputs?: string[];
}
type FilteredRelation = Required<Relation>;

const byForm = new WeakMap<CompiledForm, Relation[]>();

function relationOf(path: string, entry: unknown): Relation | undefined {
  if (!isRecord(entry) || entry['ui:widget'] !== 'record-picker') return undefined;
  const options = isRecord(entry['ui:options']) ? entry['ui:options'] : {};
  if (typeof options.form !== 'string') return undefined;
  if (options.filter === undefined) return { path, form: options.form };
  // Validated when the form was published (check-form-definition.ts): compiles here.
  const logic = options.filter as JsonLogic;
  return { path, form: options.form, filter: compileExpression(logic), inputs: formInputs(logic) };
}

/** What of the form a filter reads: `form.x.y` gives "x.y", `form` itself "" (all of it). */
function formInputs(logic: JsonLogic): string[] {
  const out = new Set<string>();
  for (const v of collectVariables(logic)) {
    if (v === 'form') out.add('');
    else if (v.startsWith('form.')) out.add(v.slice('form.'.length));
  }
  return [...out];
}

function readDotted(data: Record<string, unknown>, path: string): unknown {
  if (path === '') return data;
  let value: unknown = data;
  for (const part of path.split('.')) value = isRecord(value) && Object.hasOwn(value, part) ? value[part] : undefined;
  return value;
}

/** Whether what the filter reads of the form differs between the stored data and the data as it will be. */
function inputsChanged(relation: FilteredRelation, formData: Record<string, unknown>, previous: Record<string, unknown>): boolean {
  return relation.inputs.some((path) => !isDeepStrictEqual(readDotted(formData, path), readDotted(previous, path)));
}

/** The form's filtered relation fields. */
function filteredRelationsOf(form: CompiledForm): FilteredRelation[] {
  return relationsOf(form).filter((r): r is FilteredRelation => r.filter !== undefined);
}

/** The form's relation fields: top level and sub-table columns. */
export function relationsOf(form: CompiledForm): Relation[] {
  let found = byForm.get(form);
  if (found) return found;
  found = uiFieldsOf(form, relationOf);
  byForm.set(form, found);
  return found;
}

/**
 * Whether a record passes the filter: JsonLogic over `{ record: {id, …data}, form: <the form's data> }`.
 * A filter that fails to evaluate (a wrong type at run time) lets nothing through rather than everything.
 */
export function passesFilter(relation: Relation, record: { id: string; data: Record<string, unknown> }, formData: Record<string, unknown>): boolean {
  if (!relation.filter) return true;
  try {
    return Boolean(relation.filter({ record: { ...record.data, id: record.id }, form: formData }));
  } catch {
    return false;
  }
}

export interface Asked {
  relation: FilteredRelation;
  form: CompiledForm;
  id: string;
  pointer: string;
}

/**
 * Ids to judge in filtered relation fields: those that differ from the stored data and — when what the
 * filter reads of the form changed (a resubmission naming another employee) — every id the field will
 * hold, kept ones too, since the filter may no longer let them through.
 */
export function relationIdsToJudge(forms: readonly CompiledForm[], data: Record<string, unknown>, formData: Record<string, unknown>, previous: Record<string, unknown>): Asked[] {
  const asked: Asked[] = [];
  const claimed = new Set<string>();
  for (const form of forms) {
    for (const relation of filteredRelationsOf(form)) {
      const top = relation.path.split('.')[0] ?? relation.path;
      if (claimed.has(top)) continue;
      const recheck = inputsChanged(relation, formData, previous);
      const kept = recheck ? new Set<unknown>() : new Set(valuesAtPaths(previous, [relation.path]).flatMap((v) => (Array.isArray(v.value) ? v.value : [v.value])));
      for (const at of valuesAtPaths(recheck ? formData : data, [relation.path])) {
        const ids = Array.isArray(at.value) ? at.value.map((id, i) => ({ id, pointer: `${at.pointer}/${i}` })) : [{ id: at.value, pointer: at.pointer }];
        for (const { id, pointer } of ids) {
          if (typeof id === 'string' && id !== '' && !kept.has(id)) asked.push({ relation, form, id, pointer });
        }
      }
    }
    for (const key of Object.keys(isRecord(form.jsonSchema.properties) ? form.jsonSchema.properties : {})) claimed.add(key);
  }
  return asked;
}

/**
 * Refuses (422 BATON_E_RELATION_NOT_ALLOWED, at `/data/<pointer>`) a submission naming a record its relation
 * field's filter excludes (or no record of that collection at all): the picker only offers what passes, and
 * this holds the same line for an API client. `formData` is the form's data as it will be stored (what the
 * filter's `form.*` reads); values that differ from `previous` are judged, and every value of a field whose
 * filter reads a part of the form that differs from `previous`.
 */
export async function checkRelationFilters(
  trx: Kysely<Database>,
  locale: Locale,
  forms: ReadonlyArray<CompiledForm | undefined>,
  data: Record<string, unknown>,
  formData: Record<string, unknown>,
  previous: Record<string, unknown> = {},
): Promise<void> {
  const asked = relationIdsToJudge([...new Set(forms.filter((f): f is CompiledForm => f !== undefined))], data, formData, previous);
  if (asked.length === 0) return;
  const rows = await trx.selectFrom('records').select(['id', 'form_key', 'data']).where('id', 'in', [...new Set(asked.map((a) => a.id))]).execute();
  const records = new Map(rows.map((r) => [r.id, r]));
  const issues: Issue[] = [];
  for (const a of asked) {
    const row = records.get(a.id);
    if (row && row.form_key === a.relation.form && passesFilter(a.relation, { id: row.id, data: row.data }, formData)) continue;
    const path = `/data${a.pointer}`;
    const params = { path, id: a.id, field: uiFieldLabel(a.form, a.relation.path, 'en'), fieldZh: uiFieldLabel(a.form, a.relation.path, 'zh-CN') };
    issues.push(issue('BATON_E_RELATION_NOT_ALLOWED', path, params, locale));
  }
  const first = issues[0];
  if (first) throw new ApiError(first.code, first.params ?? {}, issues, first.path);
}

/**
 * The same for a flow command's task submission: the keys it touched, judged on the data after the step
 * (and, when it changed what a filter reads, the values already on the request).
 */
export async function checkCommandRelationFilters(
  trx: Kysely<Database>,
  locale: Locale,
  command: FlowCommand,
  before: FlowState,
  after: FlowState,
  formOf: (formKey: string | undefined) => CompiledForm | undefined,
): Promise<void> {
  if (command.type !== 'completeTask' || !command.data) return;
  const task = before.tasks.find((t) => t.id === command.taskId);
  const stored = after.data as Record<string, unknown>;
  const touched = Object.fromEntries(Object.keys(command.data).filter((key) => Object.hasOwn(stored, key)).map((key) => [key, stored[key]]));
  await checkRelationFilters(trx, locale, [formOf(task?.formKey), formOf(undefined)], touched, stored, before.data as Record<string, unknown>);
}
