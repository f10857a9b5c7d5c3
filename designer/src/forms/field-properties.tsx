import type { FormDefinition, FormField } from '@baton/engine';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IssueList } from '../app/errors/error-panel.js';
import type { DisplayIssue } from '../app/errors/to-display-error.js';
import { useLocalized } from '../app/i18n/localized.js';
import { findEntry, useCatalogue } from '../app/registry/registry-context.js';
import { JsonEditor } from '../app/ui/json-editor.js';
import { LocalizedTextInput } from '../app/ui/localized-text-input.js';
import { ConditionBuilder } from '../shared/condition/condition-builder.js';
import { fieldOptions } from '../shared/condition/field-options.js';
import { SchemaForm } from '../shared/schema-form/schema-form.js';
import { findField, isIdentifier, keyTakenBy, renameField, updateField } from './form-layout.js';
import { itemBase } from './form-issue-targets.js';

/** Sets or removes an optional property (undefined removes it, so definitions stay minimal). */
function withProp<T extends object, K extends keyof T>(obj: T, key: K, value: T[K] | undefined): T {
  const next = { ...obj };
  if (value === undefined || (typeof value === 'object' && value !== null && Object.keys(value).length === 0 && !Array.isArray(value))) delete next[key];
  else next[key] = value;
  return next;
}

/** Type settings edited by their own input below the generated panel (localized, with an explanation). */
const PATTERN_HINT_OMIT = ['patternHint'];

function hasConfigProperty(schema: unknown, key: string): boolean {
  const properties = (schema as { properties?: unknown } | undefined)?.properties;
  return typeof properties === 'object' && properties !== null && key in properties;
}

/** A text field's patternHint: what its pattern asks for, in words users read instead of the regex. */
function PatternHintInput({ name, value, onChange }: { name: string; value: unknown; onChange: (value: Record<string, string> | undefined) => void }) {
  const { t } = useTranslation('forms');
  return (
    <div className="pattern-hint-input" data-testid="field-pattern-hint">
      <LocalizedTextInput name={name} label={t('patternHint')} value={value as never} onChange={(v) => onChange(Object.keys(v).length ? (v as Record<string, string>) : undefined)} />
      <p className="muted small">{t('patternHintHelp')}</p>
    </div>
  );
}

/**
 * The field's key. What the user types stays visible while it is not a valid, unique key (with the reason
 * under the input); it is applied on blur or Enter, once the rename is confirmed (see field-change-guard).
 */
function KeyInput({ def, itemId, value, onRename }: { def: FormDefinition; itemId: string; value: string; onRename: (key: string) => Promise<boolean> }) {
  const { t } = useTranslation('forms');
  const { l } = useLocalized();
  const [text, setText] = useState(value);
  const busy = useRef(false);
  useEffect(() => setText(value), [value]);
  const invalid = !isIdentifier(text);
  const taken = !invalid && text !== value ? keyTakenBy(def, itemId, text) : undefined;
  const apply = async () => {
    if (text === value || invalid || taken || busy.current) return;
    busy.current = true;
    try {
      if (!(await onRename(text))) setText(value);
    } finally {
      busy.current = false;
    }
  };
  return (
    <label>
      {t('fieldKey')}
      <input
        name="field-key"
        value={text}
        aria-invalid={invalid || taken !== undefined}
        aria-describedby="field-key-help"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          // Without preventDefault the Enter's own keypress could land on the confirmation dialog
          // that apply opens (focus moves there first) and press its close button.
          if (e.key !== 'Enter') return;
          e.preventDefault();
          void apply();
        }}
        onBlur={() => void apply()}
      />
      {taken ? (
        <span id="field-key-help" className="field-error" role="alert" data-testid="field-key-taken">
          {t('keyTaken', { key: text, title: l(taken.label, taken.key) })}
        </span>
      ) : (
        <span id="field-key-help" className={invalid ? 'field-error' : 'muted small'}>{t('fieldKeyRule')}</span>
      )}
    </label>
  );
}

/** Everything about one field: key, labels, flags, its type's config (generated), and its logic. */
export function FieldProperties({
  def,
  itemId,
  onChange,
  onRenamed,
  confirmRename,
  issues,
}: {
  def: FormDefinition;
  itemId: string;
  onChange: (update: (d: FormDefinition) => FormDefinition) => void;
  onRenamed: (itemId: string) => void;
  /** Asks before renaming a key other definitions read; resolves false when the user declines. */
  confirmRename: (itemId: string, key: string) => Promise<boolean>;
  issues: DisplayIssue[];
}) {
  const { t } = useTranslation('forms');
  const { l } = useLocalized();
  const catalogue = useCatalogue();
  const field = findField(def, itemId);
  if (!field) return null;
  const entry = findEntry(catalogue.fields, field.type);
  const table = itemId.includes('.') ? itemId.slice(0, itemId.indexOf('.')) : undefined;
  const base = itemBase(def, itemId) ?? '';
  const mine = issues.filter((i) => i.path === base || i.path.startsWith(base + '/'));
  const set = (update: (f: FormField) => FormField) => onChange((d) => updateField(d, itemId, update));
  const options = fieldOptions(def.fields, table).filter((o) => o.path !== (table ? field.key : field.key));
  const isComputed = field.type.replace(/@.*$/, '') === 'computed' || field.computed !== undefined;
  const patternHint = hasConfigProperty(entry?.configSchema, 'patternHint');

  return (
    <div className="properties" data-testid="field-properties">
      <h2>
        {l(field.label, field.key)} <span className="type-tag">{l(entry?.label, field.type)}</span>
      </h2>
      {mine.length > 0 ? <IssueList issues={mine} /> : null}
      <KeyInput
        def={def}
        itemId={itemId}
        value={field.key}
        onRename={async (key) => {
          if (!(await confirmRename(itemId, key))) return false;
          let applied = false;
          onChange((d) => {
            const renamed = renameField(d, itemId, key);
            applied = renamed !== d;
            return renamed;
          });
          if (applied) onRenamed(table ? `${table}.${key}` : key);
          return applied;
        }}
      />
      <LocalizedTextInput name="field-label" label={t('fieldLabel')} value={field.label} onChange={(v) => set((f) => ({ ...f, label: v }))} />
      <LocalizedTextInput name="field-description" label={t('fieldDescription')} value={field.description} onChange={(v) => set((f) => withProp(f, 'description', Object.keys(v).length ? v : undefined))} />
      <LocalizedTextInput name="field-placeholder" label={t('fieldPlaceholder')} value={field.placeholder} onChange={(v) => set((f) => withProp(f, 'placeholder', Object.keys(v).length ? v : undefined))} />
      <div className="row">
        <label className="inline">
          <input type="checkbox" name="field-required" checked={field.required === true} onChange={(e) => set((f) => withProp(f, 'required', e.target.checked || undefined))} /> {t('fieldRequired')}
        </label>
        <label className="inline">
          <input type="checkbox" name="field-readonly" checked={field.readOnly === true} onChange={(e) => set((f) => withProp(f, 'readOnly', e.target.checked || undefined))} /> {t('fieldReadOnly')}
        </label>
      </div>
      <h3>{t('typeSettings')}</h3>
      {entry ? (
        <SchemaForm
          name={`config-${itemId.replace(/\./g, '-')}`}
          schema={entry.configSchema}
          value={field.config}
          issues={issues}
          issueBase={`${base}/config`}
          onChange={(config) => set((f) => withProp(f, 'config', config))}
          {...(patternHint ? { omit: PATTERN_HINT_OMIT } : {})}
        />
      ) : (
        <p className="field-error">{t('unknownType', { type: field.type })}</p>
      )}
      {patternHint ? (
        <PatternHintInput
          name="field-pattern-hint"
          value={field.config?.patternHint}
          onChange={(v) => set((f) => withProp(f, 'config', withProp<Record<string, unknown>, string>(f.config ?? {}, 'patternHint', v)))}
        />
      ) : null}
      <h3>{t('logic')}</h3>
      <ConditionBuilder name="visibleIf" label={t('visibleIf')} value={field.visibleIf} fields={options} onChange={(v) => set((f) => withProp(f, 'visibleIf', v))} />
      <ConditionBuilder name="requiredIf" label={t('requiredIf')} value={field.requiredIf} fields={options} onChange={(v) => set((f) => withProp(f, 'requiredIf', v))} />
      {isComputed ? (
        <>
          <ConditionBuilder name="computed" label={t('computedCondition')} value={field.computed} fields={options} onChange={(v) => set((f) => withProp(f, 'computed', v))} />
          <JsonEditor name="computed-json" label={t('computedExpression')} value={field.computed} onChange={(v) => set((f) => withProp(f, 'computed', v))} rows={3} />
        </>
      ) : null}
      <JsonEditor name="field-default" label={t('fieldDefault')} value={field.default} onChange={(v) => set((f) => withProp(f, 'default', v))} rows={2} />
    </div>
  );
}
