import type { CompiledForm } from './compile-form.js';

/**
 * The part of an instance's data that one form declares (its top-level fields). A flow's instance data is
 * shared by its start form and the forms its nodes bind (an exit interview, a finance settlement…), so a
 * node's form judges and shows only its own fields and leaves the others alone.
 */
export function pickFormData(form: Pick<CompiledForm, 'jsonSchema'>, data: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const properties = form.jsonSchema.properties;
  if (!properties || typeof properties !== 'object') return { ...data };
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(properties)) if (Object.hasOwn(data, key)) out[key] = data[key];
  return out;
}
