import type { FormDefinition, FormValidationResult } from '@baton/engine';
import Form from '@rjsf/core';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { engine } from '../app/engine/engine-client.js';
import { ErrorPanel, IssueList } from '../app/errors/error-panel.js';
import { useLocalized } from '../app/i18n/localized.js';
import { EmptyState } from '../app/ui/empty-state.js';
import { cfworkerValidator } from '../shared/schema-form/cfworker-validator.js';
import { issuesToErrorSchema } from '../shared/schema-form/issues-to-error-schema.js';

type Schemas = { jsonSchema: Record<string, unknown>; uiSchema: Record<string, unknown>; defaults: Record<string, unknown> };

/** The rendered schema without the fields the engine says are hidden for this data. */
function visibleSchema(schemas: Schemas, visibility: Record<string, boolean>): { schema: RJSFSchema; uiSchema: UiSchema } {
  const properties = (schemas.jsonSchema.properties ?? {}) as Record<string, unknown>;
  const shown = Object.fromEntries(Object.entries(properties).filter(([key]) => visibility[key] !== false));
  const order = Array.isArray(schemas.uiSchema['ui:order']) ? (schemas.uiSchema['ui:order'] as string[]).filter((k) => k === '*' || k in shown) : undefined;
  const required = Array.isArray(schemas.jsonSchema.required) ? (schemas.jsonSchema.required as string[]).filter((k) => k in shown) : undefined;
  return {
    schema: { ...schemas.jsonSchema, properties: shown, ...(required ? { required } : {}) } as RJSFSchema,
    uiSchema: { ...(schemas.uiSchema as UiSchema), ...(order ? { 'ui:order': [...order, '*'].filter((k, i, a) => a.indexOf(k) === i) } : {}), 'ui:submitButtonOptions': { norender: true } },
  };
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
  const [data, setData] = useState<Record<string, unknown>>({});
  const [result, setResult] = useState<(FormValidationResult & { visibility: Record<string, boolean> }) | null>(null);
  const [node, setNode] = useState('');
  const defText = JSON.stringify(def);
  const seq = useRef(0);

  useEffect(() => {
    if (!valid) return;
    let cancelled = false;
    setError(null);
    engine()
      .call('formSchemas', { form: def, locale })
      .then((s) => {
        if (cancelled) return;
        setSchemas(s);
        setData((d) => (Object.keys(d).length === 0 ? s.defaults : d));
      })
      .catch((e: unknown) => !cancelled && setError(e));
    return () => {
      cancelled = true;
    };
  }, [defText, locale, valid]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (!valid || !schemas) return;
    const mine = ++seq.current;
    engine()
      .call('formValidate', { form: def, data, locale, ...(node ? { node } : {}) })
      .then((r) => mine === seq.current && setResult(r))
      .catch((e: unknown) => mine === seq.current && setError(e));
  }, [data, schemas, node, locale]); // eslint-disable-line react-hooks/exhaustive-deps

  const computedKeys = useMemo(() => def.fields.filter((f) => f.computed !== undefined).map((f) => f.key), [def.fields]);
  const shown = useMemo(() => (schemas ? visibleSchema(schemas, result?.visibility ?? {}) : null), [schemas, result?.visibility]);
  const displayData = useMemo(() => {
    const out = { ...data };
    for (const key of computedKeys) if (result && key in result.data) out[key] = result.data[key];
    return out;
  }, [data, result, computedKeys]);
  const extraErrors = useMemo(() => issuesToErrorSchema(result?.errors ?? [], ''), [result?.errors]);

  if (!valid) return <EmptyState title={t('previewBlocked')}>{t('previewBlockedBody')}</EmptyState>;
  if (error) return <ErrorPanel error={error} title={t('previewFailed')} />;
  if (!shown) return <p className="muted" role="status">{t('previewLoading')}</p>;
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
        <button type="button" onClick={() => setData(schemas?.defaults ?? {})}>{t('previewReset')}</button>
      </div>
      <Form
        idPrefix="preview"
        schema={shown.schema}
        uiSchema={shown.uiSchema}
        formData={displayData}
        validator={cfworkerValidator}
        extraErrors={extraErrors}
        showErrorList={false}
        noHtml5Validate
        onChange={(e) => setData((e.formData ?? {}) as Record<string, unknown>)}
      />
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
