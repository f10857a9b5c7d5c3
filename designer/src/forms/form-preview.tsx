import type { FormDefinition, FormValidationResult } from '@baton/engine';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { engine } from '../app/engine/engine-client.js';
import { ErrorPanel, IssueList } from '../app/errors/error-panel.js';
import { useLocalized } from '../app/i18n/localized.js';
import { EmptyState } from '../app/ui/empty-state.js';
import { FieldStore, type FieldMeta } from './preview/field-store.js';
import { PreviewField } from './preview/preview-field.js';

type Json = Record<string, unknown>;
type Schemas = { jsonSchema: Json; uiSchema: Json; defaults: Json };
type Result = FormValidationResult & { visibility: Record<string, boolean> };

/** The top-level fields in the uiSchema's order, each with its schema, ui entry and static requiredness. */
function fieldList(schemas: Schemas): Array<{ key: string; schema: Json; ui: Json; required: boolean }> {
  const properties = (schemas.jsonSchema.properties ?? {}) as Record<string, Json>;
  const order = Array.isArray(schemas.uiSchema['ui:order']) ? (schemas.uiSchema['ui:order'] as string[]).filter((k) => k in properties) : [];
  const keys = [...order, ...Object.keys(properties).filter((k) => !order.includes(k))];
  const required = new Set(Array.isArray(schemas.jsonSchema.required) ? (schemas.jsonSchema.required as string[]) : []);
  return keys.map((key) => ({ key, schema: properties[key]!, ui: (schemas.uiSchema[key] ?? {}) as Json, required: required.has(key) }));
}

/** Per field: visible or not, the messages at or under its path, and a computed field's value. */
function metaOf(result: Result, computed: ReadonlySet<string>): Map<string, FieldMeta> {
  const errors = new Map<string, string[]>();
  for (const issue of result.errors) {
    const key = issue.path.split('/')[1];
    if (!key) continue;
    const list = errors.get(key) ?? [];
    list.push(issue.message);
    errors.set(key, list);
  }
  const out = new Map<string, FieldMeta>();
  const keys = new Set([...Object.keys(result.visibility), ...errors.keys(), ...computed]);
  for (const key of keys) {
    const meta: FieldMeta = { visible: result.visibility[key] !== false, errors: errors.get(key) ?? [] };
    if (computed.has(key) && key in result.data) meta.computed = result.data[key];
    out.set(key, meta);
  }
  return out;
}

/**
 * The form as its users will see it, validated on every change by the engine's compiled form in the
 * worker: the same compileForm(...).validate the server runs, so the messages here are the server's.
 */
export function FormPreview({ def, valid }: { def: FormDefinition; valid: boolean }) {
  const { t } = useTranslation('forms');
  const { locale } = useLocalized();
  const [schemas, setSchemas] = useState<Schemas | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [node, setNode] = useState('');
  const defText = JSON.stringify(def);
  const seq = useRef(0);
  // The data lives in a field store, not in React state: a keystroke re-renders its field only.
  const [store, setStore] = useState<FieldStore | null>(null);
  const latest = useRef({ def, node, locale });
  latest.current = { def, node, locale };

  useEffect(() => {
    if (!valid) return;
    let cancelled = false;
    setError(null);
    engine()
      .call('formSchemas', { form: def, locale })
      .then((s) => {
        if (cancelled) return;
        setSchemas(s);
        // Data typed so far survives a change of the form; a first preview starts from the defaults.
        setStore((old) => old ?? new FieldStore(s.defaults));
      })
      .catch((e: unknown) => !cancelled && setError(e));
    return () => {
      cancelled = true;
    };
  }, [defText, locale, valid]); // eslint-disable-line react-hooks/exhaustive-deps

  const computedKeys = useMemo(() => new Set(def.fields.filter((f) => f.computed !== undefined).map((f) => f.key)), [def.fields]);

  // Validation by the engine in its worker after every change; only the latest answer is applied, and only
  // the fields whose visibility, messages or computed value changed re-render.
  const validate = useCallback(
    (data: Record<string, unknown>) => {
      if (!store) return;
      const mine = ++seq.current;
      const { def: form, node: at, locale: lang } = latest.current;
      engine()
        .call('formValidate', { form, data, locale: lang, ...(at ? { node: at } : {}) })
        .then((r) => {
          if (mine !== seq.current) return;
          store.applyMeta(metaOf(r, computedKeys));
          setResult(r);
        })
        .catch((e: unknown) => mine === seq.current && setError(e));
    },
    [store, computedKeys],
  );
  useEffect(() => (store ? store.onData(validate) : undefined), [store, validate]);
  useEffect(() => {
    if (valid && schemas && store) validate(store.snapshot);
  }, [schemas, node, locale, valid, store, validate]);

  const fields = useMemo(() => (schemas ? fieldList(schemas) : []), [schemas]);

  if (!valid) return <EmptyState title={t('previewBlocked')}>{t('previewBlockedBody')}</EmptyState>;
  if (error) return <ErrorPanel error={error} title={t('previewFailed')} />;
  if (!schemas || !store) return <p className="muted" role="status">{t('previewLoading')}</p>;
  const nodes = Object.keys(def.access ?? {});
  return (
    <div className="form-preview" data-testid="form-preview">
      <div className="row">
        <label>
          {t('previewNode')}
          <select value={node} onChange={(e) => setNode(e.target.value)}>
            <option value="">{t('previewNoNode')}</option>
            {nodes.map((n) => (
              <option key={n} value={n}>{n}</option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => store.replace(schemas.defaults)}>{t('previewReset')}</button>
      </div>
      <form className="rjsf preview-fields" noValidate onSubmit={(e) => e.preventDefault()}>
        {fields.map((f) => (
          <PreviewField key={f.key} store={store} fieldKey={f.key} schema={f.schema} ui={f.ui} required={f.required} root={schemas.jsonSchema} />
        ))}
      </form>
      <section className="preview-result" aria-live="polite">
        {result?.ok ? (
          <p className="success" data-testid="preview-ok">{t('previewValid')}</p>
        ) : (
          <>
            <h3 data-testid="preview-errors">{t('previewErrors', { count: result?.errors.length ?? 0 })}</h3>
            <IssueList issues={result?.errors ?? []} />
          </>
        )}
        <details>
          <summary>{t('previewStored')}</summary>
          <pre>{JSON.stringify(result?.data ?? {}, null, 2)}</pre>
        </details>
      </section>
    </div>
  );
}
