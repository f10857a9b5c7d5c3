import { validateAgainstSchema } from '../definitions/validate-against-schema.js';
import type { SemanticCheckContext } from '../definitions/semantic-check-context.js';
import { compileExpression } from '../expressions/compile-expression.js';
import { validateExpression } from '../expressions/validate-expression.js';
import type { JsonLogic } from '../expressions/expression-types.js';
import { issue } from '../errors/error-catalogue.js';
import type { Issue } from '../errors/issue.js';
import { dependencyOrder } from './compute-order.js';
import type { FieldType } from './field-type.js';
import { fieldReads, unknownReads } from './field-references.js';
import type { FormDefinition, FormField } from './form-definition.js';
import { FORMS_ERRORS } from './forms-errors.js';
import { valueSchemaIssue } from './form-data-validator.js';

type Scope = { own: ReadonlySet<string>; parent?: ReadonlySet<string> };

function list(keys: Iterable<string>): string {
  return [...keys].map((k) => `"${k}"`).join(', ');
}

function checkExpression(logic: JsonLogic, where: string, scope: Scope, out: Issue[], ctx: SemanticCheckContext): void {
  try {
    compileExpression(logic);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    out.push(issue(FORMS_ERRORS.BATON_E_FORM_BAD_EXPRESSION, where, { where, reason }, ctx.locale));
    return;
  }
  const rowScope = scope.parent !== undefined;
  for (const variable of unknownReads(logic, scope)) {
    out.push(
      issue(
        FORMS_ERRORS.BATON_E_FORM_UNKNOWN_FIELD_REF,
        where,
        {
          where,
          variable,
          known: list(rowScope ? [...scope.own, '$parent.<field>', '$index'] : scope.own),
          scope: rowScope ? ' row' : '',
          scopeZh: rowScope ? '的这一行' : '',
        },
        ctx.locale,
      ),
    );
  }
}

/** Type, columns, config, default and expressions of one field (or column). */
function checkField(field: FormField, at: string, scope: Scope, isColumn: boolean, out: Issue[], ctx: SemanticCheckContext): FieldType | undefined {
  const type = ctx.registry.fields.get(field.type);
  if (!type) {
    const known = ctx.registry.fields.list().map((t) => t.type).join(', ');
    out.push(issue(FORMS_ERRORS.BATON_E_FORM_UNKNOWN_FIELD_TYPE, `${at}/type`, { field: field.key, type: field.type, known }, ctx.locale));
  } else {
    const configIssues = validateAgainstSchema(type.configSchema, field.config ?? {}, `${at}/config`, ctx.locale);
    out.push(...configIssues);
    // Only a config that passed its schema is handed to valueSchema.
    const schemaProblem = configIssues.length === 0 ? valueSchemaIssue(field, type, field.config ?? {}, at, ctx.locale) : undefined;
    if (schemaProblem) out.push(schemaProblem);
    const config = (field.config ?? {}) as { pattern?: unknown; patternHint?: unknown };
    // A hint describes a pattern: without one it would tell users about a rule nothing enforces.
    if (configIssues.length === 0 && config.patternHint !== undefined && config.pattern === undefined) {
      out.push(issue(FORMS_ERRORS.BATON_E_FORM_PATTERN_HINT_WITHOUT_PATTERN, `${at}/config/patternHint`, { field: field.key }, ctx.locale));
    }
    const container = type.traits?.container === true;
    if (field.fields && !container) {
      out.push(issue(FORMS_ERRORS.BATON_E_FORM_COLUMNS_NOT_ALLOWED, `${at}/fields`, { field: field.key, type: field.type }, ctx.locale));
    }
    if (container && isColumn) out.push(issue(FORMS_ERRORS.BATON_E_FORM_NESTED_SUBTABLE, `${at}/type`, { field: field.key }, ctx.locale));
    else if (container && !field.fields) out.push(issue(FORMS_ERRORS.BATON_E_FORM_SUBTABLE_NEEDS_COLUMNS, at, { field: field.key }, ctx.locale));
    if (type.traits?.computed && field.computed === undefined) {
      out.push(issue(FORMS_ERRORS.BATON_E_FORM_COMPUTED_MISSING, at, { field: field.key }, ctx.locale));
    }
    const options = (field.config as { options?: Array<{ value?: unknown }> } | undefined)?.options;
    if (field.default !== undefined && Array.isArray(options)) {
      const allowed = options.map((o) => o.value);
      const values = Array.isArray(field.default) ? field.default : [field.default];
      const bad = values.find((v) => !allowed.includes(v));
      if (bad !== undefined) {
        out.push(issue(FORMS_ERRORS.BATON_E_FORM_DEFAULT_NOT_OPTION, `${at}/default`, { field: field.key, value: String(bad), allowed: list(allowed.map(String)) }, ctx.locale));
      }
    }
  }
  for (const prop of ['visibleIf', 'requiredIf', 'computed'] as const) {
    if (field[prop] !== undefined) checkExpression(field[prop], `${at}/${prop}`, scope, out, ctx);
  }
  return type;
}

function checkDuplicates(fields: readonly FormField[], at: string, table: string | undefined, out: Issue[], ctx: SemanticCheckContext): void {
  const seen = new Set<string>();
  fields.forEach((field, i) => {
    if (seen.has(field.key)) {
      const scope = table ? ` in sub-table "${table}"` : '';
      const scopeZh = table ? `（明细表 "${table}" 中）` : '';
      out.push(issue(FORMS_ERRORS.BATON_E_FORM_DUPLICATE_FIELD, `${at}/${i}/key`, { field: field.key, scope, scopeZh }, ctx.locale));
    }
    seen.add(field.key);
  });
}

/** Computed fields reading each other in a circle, at the top level and inside each sub-table. */
function checkCycles(def: FormDefinition, out: Issue[], ctx: SemanticCheckContext): void {
  const byKey = new Map(def.fields.map((f, i) => [f.key, { field: f, i }]));
  const computedColumns = (f: FormField): FormField[] => (f.fields ?? []).filter((c) => c.computed !== undefined);
  const steps = def.fields.filter((f) => f.computed !== undefined || computedColumns(f).length > 0).map((f) => f.key);
  const top = dependencyOrder(steps, (key) => {
    const field = byKey.get(key)?.field;
    if (!field) return [];
    if (field.computed !== undefined) return fieldReads(field.computed).own;
    return computedColumns(field).flatMap((c) => fieldReads(c.computed).parent);
  });
  if (top.cycle) {
    const at = byKey.get(top.cycle[0] as string)?.i ?? 0;
    out.push(issue(FORMS_ERRORS.BATON_E_FORM_COMPUTED_CYCLE, `/fields/${at}/computed`, { cycle: top.cycle.join(' → ') }, ctx.locale));
  }
  def.fields.forEach((field, i) => {
    const columns = new Map((field.fields ?? []).map((c, j) => [c.key, { column: c, j }]));
    const result = dependencyOrder(computedColumns(field).map((c) => c.key), (key) => fieldReads(columns.get(key)?.column.computed).own);
    if (!result.cycle) return;
    const j = columns.get(result.cycle[0] as string)?.j ?? 0;
    const cycle = result.cycle.map((k) => `${field.key}.${k}`).join(' → ');
    out.push(issue(FORMS_ERRORS.BATON_E_FORM_COMPUTED_CYCLE, `/fields/${i}/fields/${j}/computed`, { cycle }, ctx.locale));
  });
}

function checkRelation(field: FormField, at: string, type: FieldType | undefined, out: Issue[], ctx: SemanticCheckContext): void {
  const filter = (field.config as { filter?: unknown } | undefined)?.filter;
  // Its variables read record.* and form.*, not this form's fields: checked for its operations only.
  if (type?.traits?.relation && filter !== undefined) out.push(...validateExpression(filter as JsonLogic, `${at}/config/filter`, ctx.locale));
  const form = (field.config as { form?: unknown } | undefined)?.form;
  if (!type?.traits?.relation || typeof form !== 'string' || !ctx.resolve) return;
  // undefined: the resolver does not know (skip); null: it knows there is no such form.
  const target = ctx.resolve('form', form);
  if (target === undefined) return;
  const params = { field: field.key, form };
  if (target === null || typeof target !== 'object') {
    out.push(issue(FORMS_ERRORS.BATON_E_FORM_RELATION_UNKNOWN_FORM, `${at}/config/form`, params, ctx.locale));
    return;
  }
  const targetForm = target as Partial<FormDefinition>;
  if (targetForm.collection !== true) out.push(issue(FORMS_ERRORS.BATON_E_FORM_RELATION_NOT_COLLECTION, `${at}/config/form`, params, ctx.locale));
  const displayField = (field.config as { displayField?: unknown }).displayField;
  const targetKeys = (targetForm.fields ?? []).map((f) => f.key);
  if (typeof displayField === 'string' && !targetKeys.includes(displayField)) {
    out.push(issue(FORMS_ERRORS.BATON_E_FORM_RELATION_UNKNOWN_DISPLAY_FIELD, `${at}/config/displayField`, { ...params, displayField, known: list(targetKeys) }, ctx.locale));
  }
}

/**
 * Semantic checks of a form that its JSON Schema cannot express. Assumes the definition passed the schema.
 * Every issue has a JSON Pointer into the definition and says what to change, in en and zh-CN.
 */
export function checkFormDefinition(def: FormDefinition, ctx: SemanticCheckContext): Issue[] {
  const out: Issue[] = [];
  const topKeys = new Set(def.fields.map((f) => f.key));
  const tables = new Map<string, Set<string>>();
  for (const field of def.fields) if (field.fields) tables.set(field.key, new Set(field.fields.map((c) => c.key)));
  const topScope: Scope = { own: topKeys };

  checkDuplicates(def.fields, '/fields', undefined, out, ctx);
  def.fields.forEach((field, i) => {
    const at = `/fields/${i}`;
    const type = checkField(field, at, topScope, false, out, ctx);
    checkRelation(field, at, type, out, ctx);
    if (!field.fields) return;
    checkDuplicates(field.fields, `${at}/fields`, field.key, out, ctx);
    const rowScope: Scope = { own: tables.get(field.key) ?? new Set(), parent: topKeys };
    field.fields.forEach((column, j) => {
      const columnType = checkField(column, `${at}/fields/${j}`, rowScope, true, out, ctx);
      checkRelation(column, `${at}/fields/${j}`, columnType, out, ctx);
    });
  });
  checkCycles(def, out, ctx);

  const inSection = new Set<string>();
  (def.sections ?? []).forEach((section, s) => {
    const name = section.key ?? String(s);
    section.fields.forEach((key, k) => {
      const at = `/sections/${s}/fields/${k}`;
      if (!topKeys.has(key)) out.push(issue(FORMS_ERRORS.BATON_E_FORM_SECTION_UNKNOWN_FIELD, at, { section: name, field: key }, ctx.locale));
      else if (inSection.has(key)) out.push(issue(FORMS_ERRORS.BATON_E_FORM_SECTION_DUPLICATE_FIELD, at, { field: key }, ctx.locale));
      inSection.add(key);
    });
  });

  const ruleKeys = new Set<string>();
  (def.validations ?? []).forEach((rule, r) => {
    const at = `/validations/${r}`;
    if (ruleKeys.has(rule.key)) out.push(issue(FORMS_ERRORS.BATON_E_FORM_DUPLICATE_RULE, `${at}/key`, { rule: rule.key }, ctx.locale));
    ruleKeys.add(rule.key);
    let scope = topScope;
    if (rule.each !== undefined) {
      const columns = tables.get(rule.each);
      if (!columns) {
        out.push(issue(FORMS_ERRORS.BATON_E_FORM_RULE_UNKNOWN_TABLE, `${at}/each`, { rule: rule.key, table: rule.each }, ctx.locale));
        return;
      }
      scope = { own: columns, parent: topKeys };
    }
    if (!scope.own.has(rule.path)) {
      const inTable = rule.each !== undefined;
      out.push(
        issue(
          FORMS_ERRORS.BATON_E_FORM_RULE_UNKNOWN_PATH,
          `${at}/path`,
          { rule: rule.key, field: rule.path, scope: inTable ? ` of "${rule.each}"` : '', scopeZh: inTable ? `明细表 "${rule.each}" 中` : '本表单' },
          ctx.locale,
        ),
      );
    }
    if (rule.when !== undefined) checkExpression(rule.when, `${at}/when`, scope, out, ctx);
    checkExpression(rule.assert, `${at}/assert`, scope, out, ctx);
  });

  for (const [node, fields] of Object.entries(def.access ?? {})) {
    for (const path of Object.keys(fields ?? {})) {
      if (path === '*') continue;
      const [first = '', column] = path.split('.');
      const known = column === undefined ? topKeys.has(first) : column === '*' ? tables.has(first) : tables.get(first)?.has(column) === true;
      if (!known) out.push(issue(FORMS_ERRORS.BATON_E_FORM_ACCESS_UNKNOWN_FIELD, `/access/${node}/${path}`, { node, field: path }, ctx.locale));
    }
  }

  if (def.titleField !== undefined && !topKeys.has(def.titleField)) {
    out.push(issue(FORMS_ERRORS.BATON_E_FORM_TITLE_FIELD_UNKNOWN, '/titleField', { field: def.titleField, known: list(topKeys) }, ctx.locale));
  }
  return out;
}
