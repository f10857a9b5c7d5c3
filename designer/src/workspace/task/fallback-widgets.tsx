import type { ErrorSchema, FieldProps, WidgetProps } from '@rjsf/utils';
import { getUiOptions, getWidget } from '@rjsf/utils';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** Says which widget this build of the designer lacks, so the field still works and the gap is visible. */
function MissingNote({ name }: { name: unknown }) {
  const { t } = useTranslation('workspace');
  return (
    <span className="muted small" data-testid="widget-missing">
      {' '}
      {t('widgetMissing', { name: String(name ?? '') })}
    </span>
  );
}

/**
 * What a field whose widget nobody registered gets (a plugin field type, say): a plain text input for
 * scalars, read-only JSON for lists and objects — the page never fails for want of a widget.
 */
export function FallbackWidget({ id, value, required, disabled, readonly, autofocus, schema, options, onChange, onBlur, onFocus }: WidgetProps) {
  const scalar = value === undefined || value === null || typeof value !== 'object';
  const numeric = schema.type === 'number' || schema.type === 'integer';
  if (!scalar || schema.type === 'array' || schema.type === 'object') {
    return (
      <div>
        <pre id={id} className="json-view" data-testid={`${id}-json`}>{JSON.stringify(value ?? null, null, 2)}</pre>
        <MissingNote name={options.unknownWidget} />
      </div>
    );
  }
  const text = value === undefined || value === null ? '' : String(value);
  return (
    <span>
      <input
        id={id}
        name={id}
        type="text"
        value={text}
        required={required}
        disabled={disabled}
        readOnly={readonly}
        autoFocus={autofocus}
        onChange={(e) => {
          const v = e.target.value;
          if (v === '') return onChange(undefined);
          // A number field keeps numbers; what is not one stays text for the server to explain.
          onChange(numeric && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : schema.type === 'boolean' ? v === 'true' : v);
        }}
        onBlur={() => onBlur(id, value)}
        onFocus={() => onFocus(id, value)}
      />
      <MissingNote name={options.unknownWidget} />
    </span>
  );
}

/** The field's own label: rjsf draws none for objects or for a `ui:field`. */
function FieldLabel({ id, label, required }: { id: string; label: string; required: boolean | undefined }) {
  return (
    <label className="control-label" htmlFor={id}>
      {label}
      {required ? <span className="required">*</span> : null}
    </label>
  );
}

/**
 * An object value (money, signature) drawn by one of the workspace's widgets: rjsf ignores `ui:widget` on
 * objects and would show the parts (amount, currency) as separate inputs.
 */
export function WidgetField(props: FieldProps) {
  const { schema, name, uiSchema, fieldPathId, formData, required, disabled = false, readonly = false, autofocus = false, onChange, onBlur, onFocus, registry, rawErrors, title } = props;
  const { widget, title: uiTitle, ...options } = getUiOptions(uiSchema);
  const Widget = getWidget(schema, widget as string, registry.widgets);
  const label = String(uiTitle ?? title ?? schema.title ?? name);
  const onWidgetChange = useCallback((value: unknown, errorSchema?: ErrorSchema, id?: string) => onChange(value, fieldPathId.path, errorSchema, id), [onChange, fieldPathId]);
  return (
    <div>
      <FieldLabel id={fieldPathId.$id} label={label} required={required} />
      <Widget
        options={options}
        schema={schema}
        uiSchema={uiSchema}
        id={fieldPathId.$id}
        name={name}
        label={label}
        hideLabel
        value={formData}
        onChange={onWidgetChange}
        onBlur={onBlur}
        onFocus={onFocus}
        required={required}
        disabled={disabled}
        readonly={readonly}
        autofocus={autofocus}
        registry={registry}
        rawErrors={rawErrors}
        htmlName={fieldPathId.name}
      />
    </div>
  );
}

/** An object value whose widget nobody registered: shown as JSON, kept as it is. */
export function JsonViewField({ schema, name, uiSchema, fieldPathId, formData, required, title }: FieldProps) {
  const { unknownWidget, title: uiTitle } = getUiOptions(uiSchema);
  return (
    <div>
      <FieldLabel id={fieldPathId.$id} label={String(uiTitle ?? title ?? schema.title ?? name)} required={required} />
      <pre id={fieldPathId.$id} className="json-view" data-testid={`${fieldPathId.$id}-json`}>{JSON.stringify(formData ?? null, null, 2)}</pre>
      <MissingNote name={unknownWidget} />
    </div>
  );
}
