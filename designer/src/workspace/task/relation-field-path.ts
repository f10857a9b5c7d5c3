import type { FormDefinition } from '@baton/engine';

interface FieldLike {
  key: string;
  type?: string;
  config?: unknown;
  fields?: FieldLike[];
}

/**
 * The path ("assetId" or "assets.assetId") of the relation field a picker draws, found by the widget's
 * name and the collection it points at: rjsf gives a widget its key, not its place in a sub-table. Null when
 * the form has no such field or more than one (the picker then lists the collection unfiltered; the server
 * still refuses a record outside the filter).
 */
export function relationFieldPath(form: Pick<FormDefinition, 'fields'> | undefined, name: string, collection: string): string | null {
  const found: string[] = [];
  const visit = (fields: readonly FieldLike[], prefix: string) => {
    for (const field of fields) {
      const target = (field.config as { form?: unknown } | undefined)?.form;
      if (field.type === 'relation' && field.key === name && target === collection) found.push(prefix + field.key);
      if (field.fields) visit(field.fields, `${field.key}.`);
    }
  };
  visit((form?.fields ?? []) as unknown as FieldLike[], '');
  return found.length === 1 ? found[0]! : null;
}
