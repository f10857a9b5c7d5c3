import type { FormDefinition, FormValidationResult } from '@baton/engine';
import { useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { engine } from '../app/engine/engine-client.js';
import { ErrorPanel, IssueList } from '../app/errors/error-panel.js';
import { useLocalized } from '../app/i18n/localized.js';
import { EmptyState } from '../app/ui/empty-state.js';
import { FieldStore, type FieldMeta } from './preview/field-store.js';
import { PreviewField } from './preview/preview-field.js';
import { afterNextPaint, ValidationLoop } from './preview/validation-loop.js';

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

/** The answer under the fields: valid, or the problems as the server would list them, and the stored data. */
function PreviewSummary({ store }: { store: FieldStore<Result> }) {
  const { t } = useTranslation('forms');
  const result = useSyncExternalStore(store.subscribeResult, () => store.result);
  // The stored data is rendered only while its <details> is open: it is the whole form's JSON.
  const [open, setOpen] = useState(false);
  return (
    <section className="preview-result" aria-live="polite">
      {result?.ok ? (
        <p className="success" data-testid="preview-ok">{t('previewValid')}</p>
      ) : (
        <>
          <h3 data-testid="preview-errors">{t('previewErrors', { count: result?.errors.length ?? 0 })}</h3>
          <IssueList issues={result?.errors ?? []} />
        </>
      )}
      <details onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>{t('previewStored')}</summary>
        {open ? <pre>{JSON.stringify(result?.data ?? {}, null, 2)}</pre> : null}
      </details>
    </section>
  );
}

/**
 * The form as its users will see it, validated on every change by the engine's compiled form in the
 * worker: the same compileForm(...).validate the server runs, so the messages here are the server's.
 * A keystroke's frame holds only the typed field's work: validation requests and answers go through a
 * ValidationLoop (after the next paint, coalesced, at low priority), and an answer re-renders only the
 * fields whose meta changed and the summary.
 */
export function FormPreview({ def, valid }: { def: FormDefinition; valid: boolean }) {
  const { t } = useTranslation('forms');
  const { locale } = useLocalized();
  const [schemas, setSchemas] = useState<Schemas | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [node, setNode] = useState('');
  const defText = JSON.stringify(def);
  // The data lives in a field store, not in React state: a keystroke re-renders its field only.
  const [store, setStore] = useState<FieldStore<Result> | null>(null);
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
        setStore((old) => old ?? new FieldStore<Result>(s.defaults));
      })
      .catch((e: unknown) => !cancelled && setError(e));
    return () => {
      cancelled = true;
    };
  }, [defText, locale, valid]); // eslint-disable-line react-hooks/exhaustive-deps

  const computedKeys = useMemo(() => new Set(def.fields.filter((f) => f.computed !== undefined).map((f) => f.key)), [def.fields]);
  const computedRef = useRef(computedKeys);
  computedRef.current = computedKeys;

  // The worker keeps the compiled form under this name: a keystroke sends only the data.
  const formRef = `form-preview${useId()}`;
  const sentForm = useRef<FormDefinition | null>(null);
  // One loop per store: every change asks it to validate the latest data (see validation-loop.ts).
  const loop = useMemo(() => {
    if (!store) return null;
    return new ValidationLoop<Result>({
      validate: async () => {
        const { def: form, node: at, locale: lang } = latest.current;
        const args = { formRef, data: store.snapshot, locale: lang, ...(at ? { node: at } : {}) };
        if (sentForm.current === form) {
          try {
            return await engine().call('formValidate', args);
          } catch {
            // The worker no longer has it (a new catalogue clears its forms): send it again below.
          }
        }
        sentForm.current = form;
        return engine()
          .call('formValidate', { ...args, form })
          .catch((e: unknown) => {
            sentForm.current = null;
            throw e;
          });
      },
      apply: (r) => store.applyResult(r, metaOf(r, computedRef.current)),
      fail: (e) => setError(e),
      later: (fn) => afterNextPaint(fn),
    });
  }, [store, formRef]);
  useEffect(() => () => loop?.dispose(), [loop]);
  useEffect(() => (store && loop ? store.onData(() => loop.request()) : undefined), [store, loop]);
  useEffect(() => {
    if (valid && schemas && loop) loop.request();
  }, [schemas, node, locale, valid, loop, computedKeys]);

  const fields = useMemo(() => (schemas ? fieldList(schemas) : []), [schemas]);
  // The same elements from render to render: a re-render of the preview (node, error) skips the fields.
  const fieldElements = useMemo(
    () =>
      store && schemas
        ? fields.map((f) => <PreviewField key={f.key} store={store} fieldKey={f.key} schema={f.schema} ui={f.ui} required={f.required} root={schemas.jsonSchema} />)
        : null,
    [fields, store, schemas],
  );

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
      {/* Each field is its own <form> (preview-field.tsx), so this is not one. */}
      <div className="rjsf preview-fields">{fieldElements}</div>
      <PreviewSummary store={store} />
    </div>
  );
}
