import type { Experimental_DefaultFormStateBehavior, RegistryFieldsType, RegistryWidgetsType, UiSchema, WidgetProps } from '@rjsf/utils';
import type { FormDefinition } from '@baton/engine';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../../app/i18n/localized.js';
import { useApi } from '../../app/session/use-api.js';
import { ChoiceSelect } from './choice-select.js';
import { FallbackWidget, JsonViewField, WidgetField } from './fallback-widgets.js';
import { FileUploadWidget, SignaturePadWidget } from './file-widgets.js';
import { HelpOnceSchemaField } from './help-once-schema-field.js';
import { DepartmentPickerWidget, MoneyWidget } from './money-department-widgets.js';
import { relationFieldPath } from './relation-field-path.js';
import { UserPickerWidget } from './user-picker-widget.js';
import { FALLBACK_WIDGET, JSON_VIEW_FIELD, WIDGET_FIELD, resolveUiSchema } from './widget-resolution.js';

type Json = Record<string, unknown>;

/** What a page filling a form gives its widgets (rjsf formContext): the form, its current data, its instance. */
export interface WorkspaceFormContext {
  form?: FormDefinition;
  data?: Json;
  /** A task's instance: the records it names are shown by name to whoever sees it (a successor, an approver). */
  instanceId?: string;
}

/**
 * A record of a collection form (the engine's `record-picker`, options `form`, `displayField`, `filter`).
 * With a filter the server lists what passes it for the form's current data (e.g. only the leaver's
 * assets), asked again shortly after that data changes. On a task the instance goes along, so the records
 * it names show their names to someone who may not read the collection (a customer's successor).
 */
function RecordPickerWidget(props: WidgetProps) {
  const { options } = props;
  const { t } = useTranslation('workspace');
  const api = useApi();
  const formKey = typeof options.form === 'string' ? options.form : '';
  const display = typeof options.displayField === 'string' ? options.displayField : '';
  const context = (props.registry.formContext ?? {}) as WorkspaceFormContext;
  const instanceId = context.instanceId ?? '';
  const filtered = options.filter !== undefined;
  const field = (filtered || instanceId) && context.form ? relationFieldPath(context.form, props.name, formKey) : null;
  // Only a filter reads the form's data: without one, typing elsewhere asks nothing again.
  const dataKey = field && filtered ? JSON.stringify(context.data ?? {}) : '';
  const sourceForm = context.form?.key ?? '';
  const [records, setRecords] = useState<Array<{ id: string; label: string }> | null>(null);
  useEffect(() => {
    if (!formKey) return;
    let live = true;
    const load = () =>
      (field
        ? api.records.relationOptions({ form: sourceForm, field, data: (dataKey ? JSON.parse(dataKey) : {}) as Json, ...(instanceId ? { instanceId } : {}) })
        : api.records.list(formKey, { limit: 500 })
      ).then(
        (r) => live && setRecords(r.items.map((rec) => ({ id: rec.id, label: String((rec.data as Json)[display] ?? rec.id) }))),
        // Someone who may not read the collection still sees the chosen id.
        () => live && setRecords([]),
      );
    const timer = setTimeout(() => void load(), field && filtered ? 300 : 0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, formKey, display, field, filtered, sourceForm, dataKey, instanceId]);
  const choices = (records ?? []).map((r) => ({ value: r.id, label: r.label }));
  return <ChoiceSelect props={props} placeholder={t('pickRecord')} choices={choices} />;
}

/** A boolean drawn as a switch (the engine's `switch`): a checkbox is what the browser has. */
function SwitchWidget({ id, value, disabled, readonly, label, onChange }: WidgetProps) {
  return (
    <label htmlFor={id}>
      <input id={id} name={id} type="checkbox" role="switch" checked={value === true} disabled={disabled || readonly} onChange={(e) => onChange(e.target.checked)} /> {label}
    </label>
  );
}

/**
 * A choice (the engine's `select`) showing the options' labels in the reader's language; rjsf's own select
 * would show the stored values ("resignation") since the labels live in `ui:options.options`.
 */
function SelectWidget(props: WidgetProps) {
  const { options } = props;
  const { l } = useLocalized();
  const declared = Array.isArray(options.options) ? (options.options as Array<{ value: unknown; label?: unknown }>) : null;
  const choices = declared
    ? declared.map((o) => ({ value: String(o.value), label: l(o.label as never, String(o.value)) }))
    : (options.enumOptions ?? []).map((o) => ({ value: String(o.value), label: o.label }));
  return <ChoiceSelect props={props} placeholder="" choices={choices} />;
}

/**
 * The widgets the engine's uiSchema names that rjsf does not have (engine/src/forms/field-types): without
 * them rjsf throws "No widget" and the start and task pages of a form with people or records fail. A name
 * missing here (a plugin's) gets the fallback instead, see widget-resolution.ts.
 */
export const workspaceWidgets: RegistryWidgetsType = {
  'user-picker': UserPickerWidget,
  'record-picker': RecordPickerWidget,
  'department-picker': DepartmentPickerWidget,
  'file-upload': FileUploadWidget,
  'signature-pad': SignaturePadWidget,
  money: MoneyWidget,
  switch: SwitchWidget,
  select: SelectWidget,
  [FALLBACK_WIDGET]: FallbackWidget,
};

/** The fields the resolved uiSchema names: object values drawn by a widget, or shown as JSON. */
export const workspaceFields: RegistryFieldsType = {
  // Every field goes through it: a description the engine also wrote as help text is shown once, and a
  // sub-table's rows are titled "Work handed over 1".
  SchemaField: HelpOnceSchemaField,
  [WIDGET_FIELD]: WidgetField,
  [JSON_VIEW_FIELD]: JsonViewField,
};

/**
 * How the start and task pages fill in defaults. rjsf copies a property's `const` in as a default, so an
 * untouched optional money field became `{ currency: 'CNY' }` without an amount and the server refused the
 * whole step ("add the required property amount"); the money widget sets the currency with the amount.
 */
export const workspaceDefaultFormState: Experimental_DefaultFormStateBehavior = { constAsDefaults: 'never' };

const registered: ReadonlySet<string> = new Set(Object.keys(workspaceWidgets));

/**
 * The engine's uiSchema for rjsf in the workspace, read beside the form's JSON Schema: `sub-table` is
 * dropped (rjsf's own list of rows draws it), objects go through a field, unknown widgets fall back.
 */
export function workspaceUiSchema(ui: UiSchema, schema?: unknown): UiSchema {
  return resolveUiSchema(ui, (schema ?? undefined) as Record<string, unknown> | undefined, registered);
}
