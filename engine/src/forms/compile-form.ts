import type { EvalContext, JsonLogic } from '../expressions/expression-types.js';
import type { Locale } from '../i18n/localized-text.js';
import type { Registry } from '../registry/registry.js';
import type { RecordLookup } from '../rules/read-path.js';
import { buildAccessPlan, projectData, type AccessPlan } from './form-access.js';
import { FormDataDraft, isRecord } from './form-data-draft.js';
import { definitionText, type FieldAccess, type FormDefinition } from './form-definition.js';
import { applyCompute, applyVisibility } from './form-evaluation.js';
import { buildFormModel, type FieldNode, type FormModel } from './form-model.js';
import { FormDataCheck } from './form-data-check.js';
import { compileFormDataValidator } from './form-data-validator.js';
import { buildJsonSchema, buildUiSchema, type UiSchema } from './form-schemas.js';
import { rowLabelOf } from './row-label.js';
import { validateFormData, type FormRuntime, type FormValidateOptions, type FormValidationResult } from './validate-form-data.js';

export interface RelationFieldInfo {
  /** Dotted definition path: "customerId" or "customers.customerId". */
  path: string;
  form: string;
  multiple: boolean;
  /** The related record's field its picker shows ("tag" for an asset). */
  displayField?: string;
  /** Which records may be chosen: JsonLogic over `{ record, form }` (relation-filter.ts judges it). */
  filter?: JsonLogic;
}

export interface CompiledForm {
  readonly key: string;
  readonly version: number;
  /** JSON Schema 2020-12 of the data (titles in English); unknown properties rejected. */
  readonly jsonSchema: Record<string, unknown>;
  /** rjsf-style uiSchema (titles in English). */
  readonly uiSchema: UiSchema;
  /** Both schemas with titles, help and section names in `locale`. */
  schemas(locale: Locale): { jsonSchema: Record<string, unknown>; uiSchema: UiSchema };
  validate(data: unknown, options?: FormValidateOptions): FormValidationResult;
  /**
   * Whether each field is shown. Keys are dotted JsonLogic paths: "lastWorkingDay" for a field,
   * "customers.2.successorId" for a cell (row index 0-based). Columns of an invisible table are all false.
   */
  visibility(data: Record<string, unknown>, ctx?: EvalContext): Record<string, boolean>;
  /** A copy with every computed field (and computed column) evaluated in dependency order. */
  compute(data: Record<string, unknown>, ctx?: EvalContext): Record<string, unknown>;
  /** A copy without the fields and columns hidden from a reader at `node`. */
  project(data: Record<string, unknown>, node: string): Record<string, unknown>;
  /** Access of every field ("key") and column ("table.column") at a flow node. */
  accessAt(node: string): Record<string, FieldAccess>;
  /** Initial data: each field's `default` (or its type's default), then computed fields. */
  defaults(ctx?: EvalContext): Record<string, unknown>;
  /** Initial values of a new row of a sub-table. */
  rowDefaults(table: string): Record<string, unknown>;
  /** The label of a field ("assets") or column ("assets.returned") in `locale`; undefined when the form has no such field. */
  fieldLabel(path: string, locale: Locale): string | undefined;
  /**
   * How a person knows a row of sub-table `table` (row-label.ts: a relation cell's record as its picker shows
   * it, else the first text cell): `{ label }`, without one when the row has neither; undefined when the form
   * has no such sub-table.
   */
  rowLabel(table: string, row: unknown, records?: RecordLookup): { label?: string } | undefined;
  /** Dotted paths of secret fields ("accounts.password"): the runtime encrypts these. */
  readonly secretPaths: string[];
  /** Dotted paths of fields holding file references (attachments, signatures). */
  readonly attachmentPaths: string[];
  /** Dotted paths of signature fields: the runtime stamps their signedAt and signerId. */
  readonly signaturePaths: string[];
  readonly relationFields: RelationFieldInfo[];
}

function pathsWith(model: FormModel, test: (node: FieldNode) => boolean): string[] {
  return [...model.byPath.values()].filter(test).map((n) => n.path);
}

function relationInfo(node: FieldNode): RelationFieldInfo {
  const info: RelationFieldInfo = { path: node.path, form: String(node.config.form), multiple: node.config.multiple === true };
  if (typeof node.config.displayField === 'string') info.displayField = node.config.displayField;
  if (node.config.filter !== undefined) info.filter = node.config.filter as JsonLogic;
  return info;
}

function initialValue(node: FieldNode): unknown {
  const value = node.field.default !== undefined ? node.field.default : node.type.defaultValue?.(node.config);
  return value === undefined ? undefined : structuredClone(value);
}

/**
 * Compiles a form definition once: types resolved, expressions compiled, computed order fixed, access
 * plans memoized per node, the data's JSON Schema compiled into closures (form-data-validator.ts). Assumes a definition that passed validateDefinition; an unknown
 * field type, an uncompilable expression, a computed cycle or a
 * field type's value schema outside the supported JSON Schema subset still throws a BatonError with the JSON path.
 */
export function compileForm(def: FormDefinition, registry: Registry): CompiledForm {
  const model = buildFormModel(def, registry);
  const check = compileFormDataValidator(model);
  const plans = new Map<string | undefined, AccessPlan>();
  const accessPlan = (node: string | undefined): AccessPlan => {
    let plan = plans.get(node);
    if (!plan) {
      plan = buildAccessPlan(model, def, node);
      plans.set(node, plan);
    }
    return plan;
  };
  // The fused check is built on the first validation: start-up compiles hundreds of versions, most never validated.
  let clean: FormDataCheck | undefined | null = null;
  const runtime: FormRuntime = {
    model,
    check,
    get clean() {
      if (clean === null) clean = FormDataCheck.build(model);
      return clean;
    },
    accessPlan,
  };
  const bySchemaLocale = new Map<Locale, { jsonSchema: Record<string, unknown>; uiSchema: UiSchema }>();
  const schemas = (locale: Locale): { jsonSchema: Record<string, unknown>; uiSchema: UiSchema } => {
    let entry = bySchemaLocale.get(locale);
    if (!entry) {
      entry = { jsonSchema: buildJsonSchema(model, locale), uiSchema: buildUiSchema(model, locale) };
      bySchemaLocale.set(locale, entry);
    }
    return entry;
  };
  const compute = (data: Record<string, unknown>, ctx?: EvalContext): Record<string, unknown> => {
    const draft = new FormDataDraft(data);
    applyCompute(model, draft, ctx);
    return draft.result();
  };

  return {
    key: def.key,
    version: def.version,
    get jsonSchema() {
      return schemas('en').jsonSchema;
    },
    get uiSchema() {
      return schemas('en').uiSchema;
    },
    schemas,
    validate: (data, options) => validateFormData(runtime, data, options),
    visibility(data, ctx) {
      const out: Record<string, boolean> = {};
      // Visibility is decided on computed data, exactly as validate does.
      const draft = new FormDataDraft(isRecord(data) ? data : {});
      applyCompute(model, draft, ctx);
      applyVisibility(model, draft, ctx, {
        field(node, visible) {
          out[node.key] = visible;
          const rows = data[node.key];
          if (visible || !node.columns || !Array.isArray(rows)) return;
          rows.forEach((_row, i) => node.columns?.forEach((c) => (out[`${node.key}.${i}.${c.key}`] = false)));
        },
        row(table, i, _row, _scope, hidden) {
          for (const column of table.columns ?? []) out[`${table.key}.${i}.${column.key}`] = !hidden?.includes(column);
        },
      });
      return out;
    },
    compute,
    project: (data, node) => projectData(data, accessPlan(node)),
    accessAt: (node) => ({ ...accessPlan(node).byPath }),
    defaults(ctx) {
      const data: Record<string, unknown> = {};
      for (const field of model.fields) {
        const value = initialValue(field);
        if (value !== undefined) data[field.key] = value;
      }
      return compute(data, ctx);
    },
    rowDefaults(table) {
      const row: Record<string, unknown> = {};
      for (const column of model.byKey.get(table)?.columns ?? []) {
        const value = initialValue(column);
        if (value !== undefined) row[column.key] = value;
      }
      return row;
    },
    fieldLabel(path, locale) {
      const node = model.byPath.get(path);
      return node ? definitionText(node.field.label, locale) || undefined : undefined;
    },
    rowLabel(table, row, records) {
      const columns = model.byKey.get(table)?.columns;
      if (!columns) return undefined;
      const label = rowLabelOf(columns, row, records);
      return label === undefined ? {} : { label };
    },
    secretPaths: pathsWith(model, (n) => n.type.traits?.secret === true),
    attachmentPaths: pathsWith(model, (n) => n.type.traits?.file === true),
    signaturePaths: pathsWith(model, (n) => n.type.type === 'signature'),
    relationFields: [...model.byPath.values()]
      .filter((n) => n.type.traits?.relation === true && typeof n.config.form === 'string')
      .map((n) => relationInfo(n)),
  };
}
