import { toIssues } from '../definitions/validate-against-schema.js';
import type { SchemaCheck, SchemaError } from '../json-schema/schema-error.js';
import type { EvalContext } from '../expressions/expression-types.js';
import { errorSpec, issue } from '../errors/error-catalogue.js';
import type { Issue, ValidationResult } from '../errors/issue.js';
import { format, LOCALES, type Locale } from '../i18n/localized-text.js';
import { deepEqual } from '../shared/deep-equal.js';
import { definitionText, type FieldAccess } from './form-definition.js';
import type { AccessPlan } from './form-access.js';
import type { FormDataCheck } from './form-data-check.js';
import { FormDataDraft, isAbsent, isEmpty, isRecord, truthy } from './form-data-draft.js';
import { fillEmptyTables } from './empty-tables.js';
import { readsFailedField, schemaErrorsBehind } from './schema-first.js';
import { applyCompute, applyVisibility, type VisibilityVisitor } from './form-evaluation.js';
import { localizedIssue } from './form-issue.js';
import { cellLabel, labelAtPointer } from './form-labels.js';
import type { FieldValueProblem } from './field-type.js';
import type { FieldNode, FormModel } from './form-model.js';
import { FORMS_ERRORS } from './forms-errors.js';

export interface FormValidateOptions {
  /** The flow node the data is submitted at: its field access applies. */
  node?: string;
  locale?: Locale;
  /** The stored data before this submission: read-only and hidden fields are compared with (and kept as) it. */
  previous?: Record<string, unknown>;
  /** `now`, time zone and calendar for expressions. */
  ctx?: EvalContext;
}

export interface FormValidationResult extends ValidationResult {
  /**
   * The data to store: computed fields recomputed, invisible fields removed, read-only and hidden fields
   * back to their previous values. Returned even when `ok` is false, so a draft can still be saved.
   */
  data: Record<string, unknown>;
}

/** Everything validate needs, prepared once by compileForm. */
export interface FormRuntime {
  model: FormModel;
  /** The data's structure: with `errors` null it stops at the first problem, with an array it reports all. */
  check: SchemaCheck;
  /** The fused happy-path check (structure and field types' own checks in one walk); absent = always `check`. */
  clean?: FormDataCheck | undefined;
  accessPlan(node: string | undefined): AccessPlan;
}

type Sink = { errors: Issue[]; locale: Locale };

function fieldIssue(code: string, path: string, label: (l: Locale) => string, sink: Sink, extra: Record<string, unknown> = {}): void {
  sink.errors.push(localizedIssue(code, path, (l) => ({ label: label(l), ...extra }), sink.locale));
}

function accessIssue(node: FieldNode, access: FieldAccess, path: string, label: (l: Locale) => string, sink: Sink): void {
  const code = access === 'hidden' ? FORMS_ERRORS.BATON_E_FORM_HIDDEN_CHANGED : FORMS_ERRORS.BATON_E_FORM_READONLY_CHANGED;
  fieldIssue(code, path, label, sink, { field: node.path });
}

/** Puts read-only and hidden values back to `previous`, reporting each attempted change. */
function applyAccess(plan: AccessPlan, draft: FormDataDraft, previous: Record<string, unknown>, sink: Sink): void {
  for (const { node, access } of plan.restricted) {
    // draft.data afresh each time: the first restore copies it.
    const data = draft.data;
    const before = previous[node.key];
    const now = data[node.key];
    // Unchanged (the usual case): nothing to report or restore.
    if (now === before && !isAbsent(before)) continue;
    if (node.key in data && !deepEqual(now, before)) {
      accessIssue(node, access, `/${node.key}`, (l) => definitionText(node.field.label, l), sink);
    }
    draft.set(node.key, before);
  }
  for (const table of plan.fixedRows) fixRows(plan, table, draft, previous, sink);
  for (const { table, columns } of plan.restrictedColumns) {
    const rows = draft.data[table.key];
    if (!Array.isArray(rows)) continue;
    const previousRows = Array.isArray(previous[table.key]) ? (previous[table.key] as unknown[]) : [];
    for (let i = 0; i < rows.length; i++) {
      const row: unknown = rows[i];
      if (!isRecord(row)) continue;
      const previousRow = previousRows[i];
      for (const { node, access } of columns) {
        const before = isRecord(previousRow) ? previousRow[node.key] : undefined;
        if (row[node.key] === before) continue;
        if (node.key in row && !deepEqual(row[node.key], before)) {
          accessIssue(node, access, `/${table.key}/${i}/${node.key}`, (l) => cellLabel(table, i, node, l), sink);
        }
        draft.setInRow(table, i, node.key, before);
      }
    }
  }
}

/** A table whose rows the node may not add or remove: a different row count is refused and put back. */
function fixRows(plan: AccessPlan, table: FieldNode, draft: FormDataDraft, previous: Record<string, unknown>, sink: Sink): void {
  if (!(table.key in draft.data)) return;
  const rows = draft.data[table.key];
  const before = Array.isArray(previous[table.key]) ? (previous[table.key] as unknown[]) : [];
  const after = Array.isArray(rows) ? rows.length : 0;
  if (after === before.length) return;
  const editable = (table.columns ?? []).filter((c) => plan.byPath[c.path] === 'editable');
  const columns = (l: Locale) => editable.map((c) => definitionText(c.field.label, l)).join(l === 'en' ? ', ' : '、') || '—';
  sink.errors.push(
    localizedIssue(FORMS_ERRORS.BATON_E_FORM_ROWS_FIXED, `/${table.key}`, (l) => ({ label: definitionText(table.field.label, l), columns: columns(l), before: before.length, after, field: table.path }), sink.locale),
  );
  draft.set(table.key, previous[table.key]);
}

function required(node: FieldNode, scope: unknown, ctx: EvalContext | undefined): boolean {
  return node.required || (node.requiredIf !== undefined && truthy(node.requiredIf(scope, ctx)));
}

/** The type's own wording for a required field left empty ("Please sign here"), else the generic one. */
function requiredCode(node: FieldNode): string {
  return node.type.requiredCode ?? FORMS_ERRORS.BATON_E_FORM_REQUIRED;
}

/** Removes values their type counts as blank (isBlank), at the top level and in sub-table cells. */
function dropBlanks(fields: readonly FieldNode[], draft: FormDataDraft): void {
  for (const node of fields) {
    const value = draft.data[node.key];
    if (value !== undefined && node.type.isBlank?.(value) === true) {
      draft.remove(node.key);
      continue;
    }
    const columns = node.blankableColumns;
    if (columns === undefined || columns.length === 0 || !Array.isArray(value)) continue;
    for (let i = 0; i < value.length; i++) {
      const row: unknown = value[i];
      if (!isRecord(row)) continue;
      for (const column of columns) {
        const cell = row[column.key];
        if (cell !== undefined && column.type.isBlank?.(cell) === true) draft.setInRow(node, i, column.key, undefined);
      }
    }
  }
}

const VALUE_INVALID = errorSpec(FORMS_ERRORS.BATON_E_FORM_VALUE_INVALID) as Record<Locale, string>;

/** Turns schema errors into Issues prefixed with the field's label ("Last working day: …"). */
function schemaIssues(model: FormModel, errors: SchemaError[], sink: Sink): string[] {
  const paths: string[] = [];
  for (const base of toIssues(errors, '', sink.locale)) {
    paths.push(base.path);
    const labels = LOCALES.map((l) => labelAtPointer(model, base.path, l));
    if (labels[0] === undefined) {
      sink.errors.push(base);
      continue;
    }
    const messages = {} as Record<Locale, string>;
    LOCALES.forEach((l, i) => {
      // "Last working day: change this text…" reads as one sentence.
      const detail = l === 'en' ? lowerFirst(base.messages[l]) : base.messages[l];
      // One template per locale (localizedIssue would format every locale for each).
      messages[l] = format(VALUE_INVALID[l], { label: labels[i], detail });
    });
    sink.errors.push({ ...base, message: messages[sink.locale], messages });
  }
  return paths;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function failedUnder(failed: readonly string[], path: string): boolean {
  return failed.some((p) => p === path || p.startsWith(path + '/'));
}

/** Issues for what a field type's own value check (checksums and the like) found. */
function valueIssues(problems: FieldValueProblem[], path: string, label: (l: Locale) => string, sink: Sink): void {
  for (const problem of problems) {
    sink.errors.push(
      localizedIssue(
        FORMS_ERRORS.BATON_E_FORM_VALUE_INVALID,
        path + (problem.path ?? ''),
        (l) => ({ label: label(l), detail: definitionText(problem.message, l), ...problem.params }),
        sink.locale,
      ),
    );
  }
}

/**
 * Visits the visibility walk for validate: notes invisible fields, reports empty required cells at once
 * (their row scope is only valid during the visit), keeps empty required top-level fields for later, and
 * (with a fused check) checks each visible value and cell in its final state on the way. A class, not an
 * object of closures: one allocation per validation.
 */
class RequiredWalk implements VisibilityVisitor {
  private invisibleKeys: Set<string> | undefined;
  private later: FieldNode[] | undefined;
  /** False once the fused check found something (or there is none): the full check then explains. */
  structure: boolean;
  /** Keys of the fields (or tables, for a row) the fused check found something in: only these need explaining. */
  failing: Set<string> | undefined;
  private index = 0;

  constructor(
    private readonly enforceAccess: boolean,
    private readonly plan: AccessPlan,
    private readonly draft: FormDataDraft,
    private readonly ctx: EvalContext | undefined,
    private readonly sink: Sink,
    private readonly check: FormDataCheck | undefined,
  ) {
    this.structure = check !== undefined;
  }

  get invisible(): ReadonlySet<string> {
    return this.invisibleKeys ?? NONE_INVISIBLE;
  }

  get requiredLater(): readonly FieldNode[] {
    return this.later ?? [];
  }

  private editable(node: FieldNode): boolean {
    return !this.enforceAccess || this.plan.byPath[node.path] === 'editable';
  }

  field(node: FieldNode, visible: boolean): void {
    // Fields arrive once each, in model.fields order: the fused check's slots are in that order too.
    const index = this.index++;
    if (!visible) {
      (this.invisibleKeys ??= new Set()).add(node.key);
      return;
    }
    const value = this.draft.data[node.key];
    if ((node.required || node.requiredIf) && isEmpty(value) && this.editable(node)) (this.later ??= []).push(node);
    // After a problem the walk goes on checking: the full check then only explains the fields that failed.
    if (this.check !== undefined && !this.check.fieldPasses(index, value)) this.fail(node.key);
  }

  private fail(key: string): void {
    this.structure = false;
    (this.failing ??= new Set()).add(key);
  }

  row(table: FieldNode, i: number, row: Record<string, unknown>, scope: unknown, hidden: FieldNode[] | undefined): void {
    const columns = table.requiredColumns as FieldNode[];
    if (this.check !== undefined && (this.failing === undefined || !this.failing.has(table.key))) {
      const filled = this.check.rowPasses(table.slot, row);
      if (filled < 0) this.fail(table.key);
      // Every required cell holds a value: nothing more to look at in this row.
      else if (filled === columns.length) return;
    }
    for (let c = 0; c < columns.length; c++) {
      const column = columns[c] as FieldNode;
      if (!isEmpty(row[column.key]) || !this.editable(column)) continue;
      if (hidden?.includes(column)) continue;
      if (required(column, scope ?? row, this.ctx)) {
        fieldIssue(requiredCode(column), `/${table.key}/${i}/${column.key}`, (l) => cellLabel(table, i, column, l), this.sink, { field: column.path });
      }
    }
  }
}

const NONE_INVISIBLE: ReadonlySet<string> = new Set();
const NONE_FAILING: ReadonlySet<string> = new Set();

/**
 * The validation pipeline: access (with a node or previous data) → computed fields → visibility (invisible
 * values stripped) → JSON Schema (compiled closures, all errors) → required / requiredIf on visible editable fields →
 * cross-field rules → field types' own checks.
 */
export function validateFormData(runtime: FormRuntime, input: unknown, options: FormValidateOptions = {}): FormValidationResult {
  const locale = options.locale ?? 'en';
  const sink: Sink = { errors: [], locale };
  if (!isRecord(input)) {
    return { ok: false, errors: [issue(FORMS_ERRORS.BATON_E_FORM_DATA_NOT_OBJECT, '', {}, locale)], data: {} };
  }
  const { model } = runtime;
  const ctx = options.ctx;
  const draft = new FormDataDraft(input, runtime.clean?.lastKeys);
  const enforceAccess = options.node !== undefined || options.previous !== undefined;
  const plan = runtime.accessPlan(options.node);
  // An untouched signature pad's {} is no value: gone before access, requiredness and the schema look at it.
  if (model.blankableFields !== undefined && model.blankableFields.length > 0) dropBlanks(model.blankableFields, draft);
  if (enforceAccess) applyAccess(plan, draft, options.previous ?? {}, sink);
  // A new submission: a sub-table it left out is stored as [] (empty-tables.ts).
  if (options.previous === undefined) fillEmptyTables(model, plan, enforceAccess, draft);
  const walk = new RequiredWalk(enforceAccess, plan, draft, ctx, sink, runtime.clean);
  try {
    applyCompute(model, draft, ctx);
    applyVisibility(model, draft, ctx, walk);
  } catch (error) {
    // Schema first: an expression that failed on a value of the wrong type is explained by the schema's errors.
    const behind = schemaErrorsBehind(error, runtime.check, draft.data);
    if (!behind) throw error;
    schemaIssues(model, behind, sink);
    return { ok: false, errors: sink.errors, data: draft.result() };
  }
  // The final data (the input itself when nothing changed it: only read from here on).
  const data = draft.data;
  let failed: string[] = [];
  // Valid data is the common case: the walk checked every final value on its way (building no paths);
  // only when it found something do the full check and the value checks explain.
  const fused = runtime.clean;
  const clean = walk.structure && !(fused as FormDataCheck).hasUnknown(draft.inputKeys);
  if (!clean) {
    // Without the fused check, a stop-at-first-problem pass first; after it failed, straight to the
    // pass that collects every error (both passes agree on pass/fail). With it, the pass that collects
    // every error runs on just the undeclared keys and the fields the walk found something in: a value
    // the walk passed has nothing to report, so the errors (and their order) are those of the whole data.
    const errors: SchemaError[] = [];
    const explained = fused === undefined ? !runtime.check(data, '', null, '') && !runtime.check(data, '', errors, '#') : !runtime.check(fused.suspects(data, walk.failing), '', errors, '#');
    if (explained) failed = schemaIssues(model, errors, sink);
  }
  // After the walk, so requiredIf sees the final (stripped) data.
  for (const node of walk.requiredLater) {
    if (required(node, data, ctx)) fieldIssue(requiredCode(node), `/${node.key}`, (l) => definitionText(node.field.label, l), sink, { field: node.path });
  }
  checkRules(model, draft, walk.invisible, ctx, sink, failed);
  // With the fused check, a field the walk passed also passed its type's own check: only the failing ones are looked at.
  if (!clean) checkValues(model, data, walk.invisible, failed, sink, fused === undefined ? undefined : (walk.failing ?? NONE_FAILING));
  return { ok: sink.errors.length === 0, errors: sink.errors, data: draft.result() };
}

function ruleFailed(sink: Sink, path: string, message: CompiledRuleMessage, rule: string): void {
  sink.errors.push(localizedIssue(FORMS_ERRORS.BATON_E_FORM_RULE_FAILED, path, (l) => ({ message: definitionText(message, l), rule }), sink.locale));
}

/** Cross-field rules; one reading a field the schema rejected waits until that field has the right shape. */
function checkRules(model: FormModel, draft: FormDataDraft, invisible: ReadonlySet<string>, ctx: EvalContext | undefined, sink: Sink, failed: readonly string[]): void {
  const data = draft.data;
  for (const compiled of model.rules) {
    if (readsFailedField(compiled, failed)) continue;
    const { rule, table, target, when, assert } = compiled;
    if (!table) {
      if (invisible.has(target.key)) continue;
      if (when && !truthy(when(data, ctx))) continue;
      if (!truthy(assert(data, ctx))) ruleFailed(sink, `/${target.key}`, rule.message, rule.key);
      continue;
    }
    const rows = data[table.key];
    if (invisible.has(table.key) || !Array.isArray(rows)) continue;
    for (let i = 0; i < rows.length; i++) {
      const row: unknown = rows[i];
      if (!isRecord(row)) continue;
      const scope = draft.rowScope(table, i, row);
      if (target.visibleIf && !truthy(target.visibleIf(scope, ctx))) continue;
      if (when && !truthy(when(scope, ctx))) continue;
      if (!truthy(assert(scope, ctx))) ruleFailed(sink, `/${table.key}/${i}/${target.key}`, rule.message, rule.key);
    }
  }
}

type CompiledRuleMessage = FormModel['rules'][number]['rule']['message'];

/**
 * Runs the field types' own checks (of the `only` fields, when given). Paths and labels are only built for
 * a value with problems, or to skip a value the schema already rejected: this runs on every date of every row.
 */
function checkValues(model: FormModel, data: Record<string, unknown>, invisible: ReadonlySet<string>, failed: string[], sink: Sink, only: ReadonlySet<string> | undefined): void {
  for (const field of model.checkedFields) {
    const value = data[field.key];
    if (invisible.has(field.key) || value === undefined || (only !== undefined && !only.has(field.key))) continue;
    if (field.type.validateValue && (failed.length === 0 || !failedUnder(failed, `/${field.key}`))) {
      const problems = field.type.validateValue(value, field.config);
      if (problems.length > 0) valueIssues(problems, `/${field.key}`, (l) => definitionText(field.field.label, l), sink);
    }
    if (!field.columns || !Array.isArray(value)) continue;
    for (const column of field.checkedColumns as FieldNode[]) {
      const validateValue = column.type.validateValue as NonNullable<FieldNode['type']['validateValue']>;
      for (let i = 0; i < value.length; i++) {
        const row: unknown = value[i];
        if (!isRecord(row) || row[column.key] === undefined) continue;
        if (failed.length > 0 && failedUnder(failed, `/${field.key}/${i}/${column.key}`)) continue;
        const problems = validateValue(row[column.key], column.config);
        if (problems.length > 0) valueIssues(problems, `/${field.key}/${i}/${column.key}`, (l) => cellLabel(field, i, column, l), sink);
      }
    }
  }
}
