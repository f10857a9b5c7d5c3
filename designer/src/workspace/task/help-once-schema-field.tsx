import { getDefaultRegistry } from '@rjsf/core';
import { getUiOptions, type FieldProps, type RJSFSchema, type UiSchema } from '@rjsf/utils';
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
 * `description` is dropped. A different description (a hand-written uiSchema) is left alone. A text field's
 * pattern hint (`ui:options.patternHint`: what its pattern asks for, in words) joins the help under the input,
 * so the input's aria-describedby reads it too.
 */
export function HelpOnceSchemaField(props: FieldProps) {
  const { schema, uiSchema } = props;
  const { t } = useTranslation('workspace');
  const options = getUiOptions(uiSchema);
  const help = options.help;
  const hint = typeof options.patternHint === 'string' && options.patternHint.trim() !== '' ? options.patternHint : undefined;
  const shown = useMemo(() => withoutRepeatedDescription(schema, help), [schema, help]);
  const ui = useMemo(() => withPatternHint(uiSchema, help, hint), [uiSchema, help, hint]);
  // A sub-table's row: "Work handed over 1" rather than rjsf's "Work handed over-1".
  const row = rowOf(props.name, props.title);
  return <SchemaField {...props} schema={shown} uiSchema={ui} {...(row ? { title: t('rowTitle', { title: row.table, n: row.n }) } : {})} />;
}

/** The uiSchema with the pattern hint drawn in the help block, after the field's own help text. */
function withPatternHint(uiSchema: UiSchema | undefined, help: unknown, hint: string | undefined): UiSchema | undefined {
  if (hint === undefined) return uiSchema;
  const element = (
    <>
      {typeof help === 'string' && help !== '' ? <span className="field-help-text">{help} </span> : null}
      <span className="pattern-hint">{hint}</span>
    </>
  );
  return { ...uiSchema, 'ui:help': element as unknown as string };
}

/** The schema without its `description` when the help text says the same. */
export function withoutRepeatedDescription(schema: RJSFSchema, help: unknown): RJSFSchema {
  if (typeof help !== 'string' || typeof schema.description !== 'string' || schema.description.trim() !== help.trim()) return schema;
  const { description: _repeated, ...rest } = schema;
  return rest;
}
