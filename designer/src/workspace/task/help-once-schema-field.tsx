import { getDefaultRegistry } from '@rjsf/core';
import { getUiOptions, type FieldProps, type RJSFSchema } from '@rjsf/utils';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { rowOf } from './row-titles.js';

// rjsf always registers its own SchemaField; the wrapper draws it after adjusting the schema.
const SchemaField = getDefaultRegistry().fields.SchemaField!;

/**
 * rjsf's SchemaField, but a field's description is shown once. The engine writes a field's description
 * both as the schema's `description` (for API docs) and as its `ui:help`; rjsf draws the first under the
 * label (and again inside a checkbox) and the second under the input. The help text stays — it is the one
 * every field template draws, widgets of our own and sub-table columns included — and an identical
 * `description` is dropped. A different description (a hand-written uiSchema) is left alone.
 */
export function HelpOnceSchemaField(props: FieldProps) {
  const { schema, uiSchema } = props;
  const { t } = useTranslation('workspace');
  const help = getUiOptions(uiSchema).help;
  const shown = useMemo(() => withoutRepeatedDescription(schema, help), [schema, help]);
  // A sub-table's row: "Work handed over 1" rather than rjsf's "Work handed over-1".
  const row = rowOf(props.name, props.title);
  return <SchemaField {...props} schema={shown} {...(row ? { title: t('rowTitle', { title: row.table, n: row.n }) } : {})} />;
}

/** The schema without its `description` when the help text says the same. */
export function withoutRepeatedDescription(schema: RJSFSchema, help: unknown): RJSFSchema {
  if (typeof help !== 'string' || typeof schema.description !== 'string' || schema.description.trim() !== help.trim()) return schema;
  const { description: _repeated, ...rest } = schema;
  return rest;
}
