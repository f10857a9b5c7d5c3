import { compileExpression } from '../expressions/compile-expression.js';
import { compileDefinitionExpression } from '../expressions/definition-expressions.js';
import type { CompiledExpression, JsonLogic } from '../expressions/expression-types.js';
import { BatonError, issue } from '../errors/error-catalogue.js';
import type { Issue } from '../errors/issue.js';
import type { Registry } from '../registry/registry.js';
import { dependencyOrder } from './compute-order.js';
import type { FieldType } from './field-type.js';
import type { FormDefinition, FormField, FormValidationRule } from './form-definition.js';
import { fieldReads } from './field-references.js';
import { rowScopeKeys, rowScopeLogic } from './row-scope-keys.js';
import { FORMS_ERRORS } from './forms-errors.js';

/** A field of a compiled form: its definition, resolved type and compiled expressions. */
export interface FieldNode {
  key: string;
  /** Dotted definition path: "lastWorkingDay", or "customers.successorId" for a sub-table column. */
  path: string;
  /** JSON Pointer of the field inside the definition ("/fields/3/fields/1"). */
  defPath: string;
  field: FormField;
  type: FieldType;
  config: Record<string, unknown>;
  /** The sub-table this column belongs to. */
  table?: FieldNode;
  columns?: FieldNode[];
  columnByKey?: Map<string, FieldNode>;
  /** Columns with a `computed` expression, in dependency order (row scope). */
  computedColumns?: FieldNode[];
  /** Columns with `visibleIf`. */
  conditionalColumns?: FieldNode[];
  /** True when some column expression needs the row scope built. */
  rowScoped?: boolean;
  /**
   * The table's row-scope expressions (columns and `each` rules) only read literal paths, so they were
   * compiled to read a RowScope that validation repoints at each row instead of a copy of every row
   * (see row-scope-keys.ts).
   */
  sharedScope: boolean;
  /** Index of a sub-table among the form's sub-tables (the draft's bookkeeping slot). */
  slot: number;
  /** Columns with `required` or `requiredIf`. */
  requiredColumns?: FieldNode[];
  /** Columns whose type has `validateValue`. */
  checkedColumns?: FieldNode[];
  /** Columns whose type has `isBlank`. */
  blankableColumns?: FieldNode[];
  visibleIf?: CompiledExpression;
  requiredIf?: CompiledExpression;
  computed?: CompiledExpression;
  required: boolean;
  /** Not editable by anyone: `readOnly` in the definition, or derived by `computed`. */
  readOnly: boolean;
}

export interface CompiledRule {
  rule: FormValidationRule;
  table?: FieldNode;
  target: FieldNode;
  when?: CompiledExpression;
  assert: CompiledExpression;
}

export interface FormModel {
  def: FormDefinition;
  fields: FieldNode[];
  byKey: Map<string, FieldNode>;
  /** Every field and column, by dotted path. */
  byPath: Map<string, FieldNode>;
  /** Top-level computed fields and sub-tables with computed columns, in dependency order. */
  computeSteps: FieldNode[];
  /** Fields to run a type's `validateValue` on: their type has one, or (sub-tables) a column's does. */
  checkedFields: FieldNode[];
  /** Fields whose type has `isBlank` (or, sub-tables, a column's has): their blank values are dropped first. */
  blankableFields?: FieldNode[];
  rules: CompiledRule[];
}

function compileAt(logic: JsonLogic, where: string, rowScope = false): CompiledExpression {
  try {
    if (rowScope) {
      try {
        return compileDefinitionExpression(rowScopeLogic(logic));
      } catch (rewritten) {
        // Report the expression as written (the rewritten one names row.… paths).
        compileExpression(logic);
        throw rewritten;
      }
    }
    return compileDefinitionExpression(logic);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new BatonError(FORMS_ERRORS.BATON_E_FORM_BAD_EXPRESSION, { where, reason }, [], where);
  }
}

function buildNode(field: FormField, defPath: string, type: FieldType, table?: FieldNode): FieldNode {
  const rowScope = table?.sharedScope === true;
  // Every property is set, undefined or not, in one order: all nodes then share one V8 shape, and the
  // validation loops read them without megamorphic lookups.
  return {
    key: field.key,
    path: table ? `${table.key}.${field.key}` : field.key,
    defPath,
    field,
    type,
    config: field.config ?? {},
    table,
    columns: undefined,
    columnByKey: undefined,
    computedColumns: undefined,
    conditionalColumns: undefined,
    rowScoped: undefined,
    sharedScope: false,
    slot: -1,
    requiredColumns: undefined,
    checkedColumns: undefined,
    visibleIf: field.visibleIf !== undefined ? compileAt(field.visibleIf, `${defPath}/visibleIf`, rowScope) : undefined,
    requiredIf: field.requiredIf !== undefined ? compileAt(field.requiredIf, `${defPath}/requiredIf`, rowScope) : undefined,
    computed: field.computed !== undefined ? compileAt(field.computed, `${defPath}/computed`, rowScope) : undefined,
    required: field.required === true,
    readOnly: field.readOnly === true || field.computed !== undefined || type.traits?.computed === true,
  };
}

function cycleError(cycle: string[], defPath: string): BatonError {
  return new BatonError(FORMS_ERRORS.BATON_E_FORM_COMPUTED_CYCLE, { cycle: cycle.join(' → ') }, [], defPath);
}

/** Orders a sub-table's computed columns by the columns they read in the row. */
function orderColumns(table: FieldNode): FieldNode[] {
  const computed = (table.columns ?? []).filter((c) => c.field.computed !== undefined);
  const result = dependencyOrder(
    computed.map((c) => c.key),
    (key) => fieldReads(table.columnByKey?.get(key)?.field.computed).own,
  );
  if (result.cycle) throw cycleError(result.cycle.map((k) => `${table.key}.${k}`), `${table.defPath}/fields`);
  return result.order.map((k) => table.columnByKey?.get(k) as FieldNode);
}

/** Orders top-level computed fields and sub-tables with computed columns (which may read `$parent`). */
function orderSteps(fields: FieldNode[], byKey: Map<string, FieldNode>): FieldNode[] {
  const steps = fields.filter((f) => f.computed !== undefined || (f.computedColumns?.length ?? 0) > 0);
  const deps = (key: string): string[] => {
    const node = byKey.get(key);
    if (!node) return [];
    if (node.computed !== undefined) return fieldReads(node.field.computed).own;
    return (node.computedColumns ?? []).flatMap((c) => fieldReads(c.field.computed).parent);
  };
  const result = dependencyOrder(steps.map((s) => s.key), deps);
  if (result.cycle) throw cycleError(result.cycle, '/fields');
  return result.order.map((k) => byKey.get(k) as FieldNode);
}

export interface FormModelOptions {
  /** false: every row expression gets a fresh copy of its row as data (the reference the tests compare with). */
  sharedRowScopes?: boolean;
}

/** Every expression that runs in a table's row scope, as written: its columns' and its `each` rules'. */
function rowExpressions(def: FormDefinition, table: FormField): JsonLogic[] {
  const out: JsonLogic[] = [];
  for (const column of table.fields ?? []) {
    for (const logic of [column.visibleIf, column.requiredIf, column.computed]) if (logic !== undefined) out.push(logic);
  }
  for (const rule of def.validations ?? []) {
    if (rule.each !== table.key) continue;
    out.push(rule.assert);
    if (rule.when !== undefined) out.push(rule.when);
  }
  return out;
}

/**
 * Resolves every field's type and compiles every expression of a form once. Throws a BatonError whose
 * issues carry JSON paths into the definition (an unknown type at "/fields/3/type").
 */
export function buildFormModel(def: FormDefinition, registry: Registry, options: FormModelOptions = {}): FormModel {
  const unknown: Issue[] = [];
  const known = (): string => registry.fields.list().map((t) => t.type).join(', ');
  const typeOf = (field: FormField, defPath: string): FieldType | undefined => {
    const type = registry.fields.get(field.type);
    if (!type) {
      unknown.push(
        issue(FORMS_ERRORS.BATON_E_FORM_UNKNOWN_FIELD_TYPE, `${defPath}/type`, { field: field.key, type: field.type, known: known() }),
      );
    }
    return type;
  };

  const fields: FieldNode[] = [];
  const byKey = new Map<string, FieldNode>();
  const byPath = new Map<string, FieldNode>();
  let slots = 0;
  def.fields.forEach((field, i) => {
    const defPath = `/fields/${i}`;
    const type = typeOf(field, defPath);
    if (!type) return;
    const node = buildNode(field, defPath, type);
    if (field.fields && type.traits?.container) {
      node.slot = slots++;
      node.sharedScope = options.sharedRowScopes !== false && rowScopeKeys(rowExpressions(def, field)) !== undefined;
      node.columns = [];
      node.columnByKey = new Map();
      field.fields.forEach((column, j) => {
        const columnPath = `${defPath}/fields/${j}`;
        const columnType = typeOf(column, columnPath);
        if (!columnType) return;
        const columnNode = buildNode(column, columnPath, columnType, node);
        node.columns?.push(columnNode);
        node.columnByKey?.set(column.key, columnNode);
        byPath.set(columnNode.path, columnNode);
      });
      node.computedColumns = orderColumns(node);
      node.conditionalColumns = node.columns.filter((c) => c.visibleIf !== undefined);
      node.rowScoped = node.columns.some((c) => c.visibleIf || c.requiredIf || c.computed);
      node.requiredColumns = node.columns.filter((c) => c.required || c.requiredIf !== undefined);
      node.checkedColumns = node.columns.filter((c) => c.type.validateValue !== undefined);
      node.blankableColumns = node.columns.filter((c) => c.type.isBlank !== undefined);
    }
    fields.push(node);
    byKey.set(field.key, node);
    byPath.set(node.path, node);
  });
  if (unknown.length > 0) {
    const first = unknown[0] as Issue;
    throw new BatonError(FORMS_ERRORS.BATON_E_FORM_UNKNOWN_FIELD_TYPE, first.params, unknown, first.path);
  }

  const rules: CompiledRule[] = [];
  (def.validations ?? []).forEach((rule, i) => {
    const at = `/validations/${i}`;
    const table = rule.each !== undefined ? byKey.get(rule.each) : undefined;
    const target = table ? table.columnByKey?.get(rule.path) : byKey.get(rule.path);
    // A rule naming an unknown field or table is reported by checkFormDefinition; here it cannot run.
    if (!target || (rule.each !== undefined && !table)) return;
    const rowScope = table?.sharedScope === true;
    const compiled: CompiledRule = { rule, target, assert: compileAt(rule.assert, `${at}/assert`, rowScope) };
    if (table) compiled.table = table;
    if (rule.when !== undefined) compiled.when = compileAt(rule.when, `${at}/when`, rowScope);
    rules.push(compiled);
  });

  const checkedFields = fields.filter((f) => f.type.validateValue !== undefined || (f.checkedColumns?.length ?? 0) > 0);
  const blankableFields = fields.filter((f) => f.type.isBlank !== undefined || (f.blankableColumns?.length ?? 0) > 0);
  return { def, fields, byKey, byPath, computeSteps: orderSteps(fields, byKey), checkedFields, blankableFields, rules };
}
