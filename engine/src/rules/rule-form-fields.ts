import type { SemanticCheckContext } from '../definitions/semantic-check-context.js';
import { splitTypeRef } from '../registry/registry.js';

/** A form field as the rule checks see it. */
export interface RuleFormField {
  key: string;
  type: string;
  config?: Record<string, unknown>;
  fields?: RuleFormField[];
}

export interface RuleForm {
  key: string;
  fields: RuleFormField[];
}

function asForm(value: unknown, key: string): RuleForm | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const fields = (value as { fields?: unknown }).fields;
  return Array.isArray(fields) ? { key, fields: fields as RuleFormField[] } : undefined;
}

/** The form a rule's data comes from: its scope's form, or the form of its scope's flow. */
export function resolveRuleForm(scope: { form?: string; flow?: string } | undefined, ctx: SemanticCheckContext): RuleForm | undefined {
  if (!ctx.resolve || !scope) return undefined;
  if (scope.form) return asForm(ctx.resolve('form', scope.form), scope.form);
  if (scope.flow) {
    const flow = ctx.resolve('flow', scope.flow) as { form?: unknown } | undefined;
    const formKey = typeof flow?.form === 'string' ? flow.form : (flow?.form as { key?: unknown } | undefined)?.key;
    if (typeof formKey === 'string') return asForm(ctx.resolve('form', formKey), formKey);
  }
  return undefined;
}

/** The bare type name of a field ("date@1" → "date"). */
export function fieldTypeName(field: RuleFormField): string {
  return splitTypeRef(field.type)[0];
}

/**
 * Finds the field a dotted path starts with, descending into sub-tables: "customers.successorId" gives the
 * successorId column, "customers.0.successorId" too. Returns the field, `undefined` when a segment names
 * nothing, or 'opaque' when the path goes past a field into a value the form does not describe
 * (e.g. "employeeId.name", read from the directory).
 */
export function findField(form: RuleForm, path: string): { field?: RuleFormField; missing?: string } {
  const segments = path.split('.');
  let fields: RuleFormField[] | undefined = form.fields;
  let found: RuleFormField | undefined;
  for (const segment of segments) {
    if (/^\d+$/.test(segment) && found?.fields) continue;
    if (!fields) return found ? { field: found } : {};
    const next: RuleFormField | undefined = fields.find((f) => f.key === segment);
    if (!next) return { missing: segment };
    found = next;
    fields = next.fields;
  }
  return found ? { field: found } : {};
}
