import { defineErrors, issue } from '../errors/error-catalogue.js';
import { pointer, type Issue } from '../errors/issue.js';
import { collectVariables } from '../expressions/collect-variables.js';
import { compileExpression } from '../expressions/compile-expression.js';
import type { CompiledExpression, JsonLogic } from '../expressions/expression-types.js';
import type { FlowCommand } from '../flows/flow-command.js';
import type { FlowState } from '../flows/flow-state.js';
import type { Locale } from '../i18n/localized-text.js';
import type { RecordLookup } from '../rules/read-path.js';
import type { CompiledForm } from './compile-form.js';
import { deepEqual } from '../shared/deep-equal.js';

/** Codes of relation values outside their field's `filter` (relation-field-type.ts). */
export const RELATION_FILTER_ERRORS = defineErrors({
  BATON_E_RELATION_NOT_ALLOWED: {
    status: 422,
    en: 'Choose another record for "{field}" ({path}): "{id}" is not one this field offers (its filter, e.g. records held by the person named in the form, excludes it).',
    'zh-CN': '请为“{fieldZh}”（{path}）重新选择记录：“{id}”不在可选范围内（该字段的筛选条件，例如仅限表单中所填人员持有的记录，排除了它）。',
  },
});

/** A relation field or column ("assets.assetId") of a compiled form, its filter compiled. */
export interface RelationField {
  path: string;
  /** The collection form its records belong to. */
  form: string;
  displayField?: string;
  filter?: CompiledExpression;
  /** The form data paths the filter reads ("employeeId" for `form.employeeId`; "" for the whole `form`). */
  inputs: string[];
}
type FilteredRelation = RelationField & { filter: CompiledExpression };

/** What a relation check judges: the forms whose fields the data fills, the data and what was stored. */
export interface RelationFilterInput {
  forms: ReadonlyArray<CompiledForm | undefined>;
  /** The values to judge (a submission's fields, as they will be stored). */
  data: Record<string, unknown>;
  /** The form's data as it will be stored: what the filter's `form.*` reads. */
  formData: Record<string, unknown>;
  /** The data before; values equal to it are not judged again unless what the filter reads changed. */
  previous?: Record<string, unknown>;
}

/** One id to judge, where it sits (`/assets/0/assetId`, into the data) and the field that holds it. */
export interface RelationAsk {
  relation: FilteredRelation;
  form: CompiledForm;
  id: string;
  pointer: string;
}

const byForm = new WeakMap<CompiledForm, RelationField[]>();
const NOTHING_PASSES: CompiledExpression = () => false;

/** What of the form a filter reads: `form.x.y` gives "x.y", `form` itself "" (all of it). */
function formInputs(logic: JsonLogic): string[] {
  const out = new Set<string>();
  for (const v of collectVariables(logic)) {
    if (v === 'form') out.add('');
    else if (v.startsWith('form.')) out.add(v.slice('form.'.length));
  }
  return [...out];
}

function compiledFilter(logic: JsonLogic): CompiledExpression {
  try {
    return compileExpression(logic);
  } catch {
    // A published form's filter compiles (check-form-definition.ts); a draft's broken one lets nothing through.
    return NOTHING_PASSES;
  }
}

/** The form's relation fields, top level and sub-table columns, filters compiled once per form. */
export function relationFieldsOf(form: CompiledForm): RelationField[] {
  let found = byForm.get(form);
  if (found) return found;
  found = form.relationFields.map((info) => {
    const field: RelationField = { path: info.path, form: info.form, inputs: [] };
    if (info.displayField !== undefined) field.displayField = info.displayField;
    if (info.filter !== undefined) {
      field.filter = compiledFilter(info.filter);
      field.inputs = formInputs(info.filter);
    }
    return field;
  });
  byForm.set(form, found);
  return found;
}

/**
 * Whether a record passes a relation's filter: JsonLogic over `{ record: {id, …data}, form: <the form's data> }`.
 * A filter that fails to evaluate (a wrong type at run time) lets nothing through rather than everything.
 */
export function passesRelationFilter(relation: Pick<RelationField, 'filter'>, record: { id: string; data: Record<string, unknown> }, formData: Record<string, unknown>): boolean {
  if (!relation.filter) return true;
  try {
    return Boolean(relation.filter({ record: { ...record.data, id: record.id }, form: formData }));
  } catch {
    return false;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readDotted(data: Record<string, unknown>, path: string): unknown {
  if (path === '') return data;
  let value: unknown = data;
  for (const part of path.split('.')) value = isObject(value) && Object.hasOwn(value, part) ? value[part] : undefined;
  return value;
}

/** Every value present at a field path ("customerId", or "assets.assetId" in each row), with its pointer. */
function valuesAt(data: Record<string, unknown>, path: string): Array<{ value: unknown; pointer: string }> {
  const dot = path.indexOf('.');
  if (dot < 0) return Object.hasOwn(data, path) ? [{ value: data[path], pointer: pointer(path) }] : [];
  const table = path.slice(0, dot);
  const column = path.slice(dot + 1);
  const rows = data[table];
  if (!Array.isArray(rows)) return [];
  return rows.flatMap((row: unknown, i) => (isObject(row) && Object.hasOwn(row, column) ? [{ value: row[column], pointer: pointer(table, i, column) }] : []));
}

const idsIn = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

/**
 * Ids to judge in filtered relation fields: those that differ from the stored data and — when what the
 * filter reads of the form changed (a resubmission naming another employee) — every id the field will
 * hold, kept ones too, since the filter may no longer let them through. A field is judged by the first
 * form that has it (the node's form before the start form).
 */
export function relationIdsToJudge(input: RelationFilterInput): RelationAsk[] {
  const { data, formData, previous = {} } = input;
  const asked: RelationAsk[] = [];
  const claimed = new Set<string>();
  for (const form of new Set(input.forms.filter((f): f is CompiledForm => f !== undefined))) {
    for (const relation of relationFieldsOf(form)) {
      if (!relation.filter) continue;
      const top = relation.path.split('.')[0] ?? relation.path;
      if (claimed.has(top)) continue;
      const recheck = relation.inputs.some((path) => !deepEqual(readDotted(formData, path), readDotted(previous, path)));
      const kept = recheck ? new Set<unknown>() : new Set(valuesAt(previous, relation.path).flatMap((v) => idsIn(v.value)));
      for (const at of valuesAt(recheck ? formData : data, relation.path)) {
        const ids = Array.isArray(at.value) ? at.value.map((id, i) => ({ id, pointer: `${at.pointer}/${i}` })) : [{ id: at.value, pointer: at.pointer }];
        for (const { id, pointer: where } of ids) {
          if (typeof id === 'string' && id !== '' && !kept.has(id)) asked.push({ relation: relation as FilteredRelation, form, id, pointer: where });
        }
      }
    }
    for (const key of Object.keys(isObject(form.jsonSchema.properties) ? form.jsonSchema.properties : {})) claimed.add(key);
  }
  return asked;
}

/**
 * The runtime's refusal of relation values outside their field's filter, judged over a record lookup: one
 * BATON_E_RELATION_NOT_ALLOWED issue (at `/data<pointer>`) per id naming no record of the field's collection
 * or one the filter excludes. The runtime (relation-filter-check.ts, records read from the database) and the
 * designer's simulation (its sample and workspace records) both call it, so they refuse the same picks.
 */
export function judgeRelationFilters(input: RelationFilterInput, records: RecordLookup, locale: Locale): Issue[] {
  const issues: Issue[] = [];
  for (const a of relationIdsToJudge(input)) {
    const found = records(a.id);
    const sameCollection = found !== undefined && (found.formKey === undefined || found.formKey === a.relation.form);
    if (found && sameCollection && passesRelationFilter(a.relation, { id: a.id, data: found.data }, input.formData)) continue;
    const path = `/data${a.pointer}`;
    const field = (l: Locale) => a.form.fieldLabel(a.relation.path, l) ?? a.relation.path;
    issues.push(issue(RELATION_FILTER_ERRORS.BATON_E_RELATION_NOT_ALLOWED, path, { path, id: a.id, field: field('en'), fieldZh: field('zh-CN') }, locale));
  }
  return issues;
}

/**
 * What a flow command's task submission asks to judge: the keys it touched, on the data after the step
 * (and, when it changed what a filter reads, the values already on the request), by the task's form and
 * the start form. Undefined for a command that submits no data.
 */
export function commandRelationInput(
  command: FlowCommand,
  before: FlowState,
  after: FlowState,
  formOf: (formKey: string | undefined) => CompiledForm | undefined,
): RelationFilterInput | undefined {
  if (command.type !== 'completeTask' || !command.data) return undefined;
  const task = before.tasks.find((t) => t.id === command.taskId);
  const stored = after.data as Record<string, unknown>;
  const touched = Object.fromEntries(Object.keys(command.data).filter((key) => Object.hasOwn(stored, key)).map((key) => [key, stored[key]]));
  return { forms: [formOf(task?.formKey), formOf(undefined)], data: touched, formData: stored, previous: before.data as Record<string, unknown> };
}
