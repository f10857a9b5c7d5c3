import Form from '@rjsf/core';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { memo, useMemo } from 'react';
import { useLocalized } from '../../app/i18n/localized.js';
import { cfworkerValidator } from '../../shared/schema-form/cfworker-validator.js';
import { useField, type FieldStore } from './field-store.js';

type Json = Record<string, unknown>;

export interface PreviewFieldProps {
  store: FieldStore;
  fieldKey: string;
  schema: Json;
  ui: Json;
  required: boolean;
  /** The form's root schema, for a fallback field whose schema refers to shared definitions. */
  root: Json;
}

/** Widgets drawn with plain inputs; every other field (tables, pickers, uploads…) renders through rjsf. */
const NATIVE = new Set(['text', 'email', 'uri', 'password', 'updown', 'checkbox', 'switch', 'select', 'radio', 'date', 'date-time', 'textarea']);

function widgetOf(schema: Json, ui: Json): string {
  const widget = typeof ui['ui:widget'] === 'string' ? ui['ui:widget'] : undefined;
  if (widget) return widget;
  if (schema.type === 'boolean') return 'checkbox';
  if (schema.type === 'number' || schema.type === 'integer') return 'updown';
  if (Array.isArray(schema.enum)) return 'select';
  if (schema.type === 'string') return schema.format === 'date' ? 'date' : 'text';
  return 'other';
}

function toText(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/** Enter in a field's own form would submit it (and reload the page). */
const preventSubmit = (e: React.FormEvent) => e.preventDefault();

/** A date-time value (ISO) as a datetime-local input shows it, and back. */
const toLocalInput = (value: unknown) => (typeof value === 'string' ? value.slice(0, 16) : '');
const fromLocalInput = (text: string) => (text === '' ? undefined : new Date(text).toISOString());

/**
 * One field of the preview, memoized and subscribed to its own value and messages only (field-store.ts):
 * typing in it re-renders it alone. Plain inputs for simple types; an rjsf form of just this field for the
 * rest, so complex widgets keep rjsf's behaviour while staying isolated from the other fields.
 */
export const PreviewField = memo(function PreviewField({ store, fieldKey, schema, ui, required, root }: PreviewFieldProps) {
  const { l } = useLocalized();
  const { value, meta } = useField(store, fieldKey);
  const widget = widgetOf(schema, ui);
  const id = `preview_${fieldKey}`;
  const title = toText(ui['ui:title'] ?? schema.title ?? fieldKey);
  const computed = meta.computed !== undefined;
  const shown = computed ? meta.computed : value;
  const set = (next: unknown) => store.set(fieldKey, next);
  const invalid = meta.errors.length > 0;
  // A text field's pattern in words (the engine's ui:options.patternHint), under the input like the workspace shows it.
  const patternHint = (ui['ui:options'] as { patternHint?: unknown } | undefined)?.patternHint;
  const hint = typeof patternHint === 'string' && patternHint.trim() !== '' ? patternHint : undefined;
  const describedBy = [invalid ? `${id}__error` : '', hint ? `${id}__help` : ''].filter(Boolean).join(' ') || undefined;
  const options = useMemo(() => {
    const fromUi = (ui['ui:options'] as { options?: Array<{ value: string; label?: unknown }> } | undefined)?.options;
    if (Array.isArray(fromUi)) return fromUi.map((o) => ({ value: o.value, label: l(o.label as never, o.value) }));
    return Array.isArray(schema.enum) ? (schema.enum as unknown[]).map((v) => ({ value: String(v), label: String(v) })) : [];
  }, [ui, schema, l]);
  const fallback = useMemo(
    () =>
      NATIVE.has(widget)
        ? null
        : {
            schema: { ...(root.$defs ? { $defs: root.$defs } : {}), type: 'object', properties: { [fieldKey]: schema }, ...(required ? { required: [fieldKey] } : {}) } as RJSFSchema,
            uiSchema: { [fieldKey]: ui, 'ui:submitButtonOptions': { norender: true } } as UiSchema,
          },
    [widget, root, fieldKey, schema, ui, required],
  );

  // A field the conditions hide stays mounted, hidden: adding or removing form controls makes Chromium's
  // autofill re-read every form of the page (a 7–25 ms task) on top of React's work.
  const hidden = !meta.visible;
  const common = { id, name: fieldKey, disabled: computed, 'aria-invalid': invalid || undefined, 'aria-describedby': describedBy };
  let control: React.ReactNode;
  switch (widget) {
    case 'checkbox':
    case 'switch':
      control = <input type="checkbox" {...common} checked={shown === true} onChange={(e) => set(e.target.checked)} />;
      break;
    case 'updown':
      control = <input type="number" {...common} value={toText(shown)} onChange={(e) => set(e.target.value === '' ? undefined : Number(e.target.value))} />;
      break;
    case 'select':
    case 'radio':
      control = (
        <select {...common} value={toText(shown)} onChange={(e) => set(e.target.value === '' ? undefined : e.target.value)}>
          <option value="" />
          {options.map((o) => (
            <option key={o.value} value={o.value}>{o.label}</option>
          ))}
        </select>
      );
      break;
    case 'date':
      control = <input type="date" {...common} value={toText(shown)} onChange={(e) => set(e.target.value === '' ? undefined : e.target.value)} />;
      break;
    case 'date-time':
      control = <input type="datetime-local" {...common} value={toLocalInput(shown)} onChange={(e) => set(fromLocalInput(e.target.value))} />;
      break;
    case 'textarea':
      control = <textarea {...common} rows={Number((ui['ui:options'] as { rows?: number } | undefined)?.rows ?? 4)} value={toText(shown)} onChange={(e) => set(e.target.value === '' ? undefined : e.target.value)} />;
      break;
    case 'text':
    case 'email':
    case 'uri':
    case 'password':
      control = <input type={widget === 'password' ? 'password' : widget === 'email' ? 'email' : widget === 'uri' ? 'url' : 'text'} {...common} value={toText(shown)} onChange={(e) => set(e.target.value === '' ? undefined : e.target.value)} />;
      break;
    default:
      return (
        <div className="form-group field preview-field" data-field={fieldKey} hidden={hidden}>
          <Form
            idPrefix="preview"
            schema={fallback!.schema}
            uiSchema={fallback!.uiSchema}
            formData={{ [fieldKey]: shown }}
            validator={cfworkerValidator}
            showErrorList={false}
            noHtml5Validate
            onChange={(e) => set((e.formData as Json | undefined)?.[fieldKey])}
          />
          {invalid ? <ul className="error-detail" id={`${id}__error`}>{meta.errors.map((m, i) => <li key={i} className="text-danger">{m}</li>)}</ul> : null}
        </div>
      );
  }
  const inline = widget === 'checkbox' || widget === 'switch';
  // Its own <form>: a browser's autofill re-reads every control of the form a typed control belongs to
  // (Chromium: ~5–10 ms per keystroke with the 150 controls of a 300-field preview, after each keystroke),
  // so one form per field keeps that to one control. An rjsf field (the default case above) has its own.
  return (
    <form className={`form-group field preview-field${invalid ? ' field-error has-error' : ''}`} data-field={fieldKey} hidden={hidden} noValidate onSubmit={preventSubmit}>
      {inline ? (
        <label htmlFor={id} className="control-label">
          {control} {title}
          {required ? <span className="required">*</span> : null}
        </label>
      ) : (
        <>
          <label htmlFor={id} className="control-label">
            {title}
            {required ? <span className="required">*</span> : null}
          </label>
          {control}
        </>
      )}
      {hint ? <p className="help-block pattern-hint" id={`${id}__help`}>{hint}</p> : null}
      {invalid ? <ul className="error-detail" id={`${id}__error`}>{meta.errors.map((m, i) => <li key={i} className="text-danger">{m}</li>)}</ul> : null}
    </form>
  );
});
