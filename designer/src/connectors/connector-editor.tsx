import connectorSchema from '@baton/engine/schemas/connector.schema.json';
import { isBatonApiError } from '@baton/client';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorPanel, IssueList } from '../app/errors/error-panel.js';
import { SchemaForm } from '../shared/schema-form/schema-form.js';
import { configPanelSchema, saveIssues, secretsPatch, testOutcome, type SaveIssues } from './connector-model.js';
import { ConnectorDeliveries } from './connector-deliveries.js';
import { ConnectorSecrets, NO_SECRET_EDITS, type SecretEdits } from './connector-secrets.js';
import './connectors.css';
import type { ConnectorTestResult, ConnectorTypeInfo, ConnectorView, ConnectorsApi } from './connectors-api.js';

const ENGINE_DEFS = (connectorSchema as { $defs: Record<string, unknown> }).$defs;
const NO_ISSUES: SaveIssues = { config: [], secrets: {}, other: [] };

interface Props {
  api: ConnectorsApi;
  connectorKey: string;
  /** The type for a connector not saved yet (from the list, a pack slot or "add"). */
  initialType: string;
  types: readonly ConnectorTypeInfo[];
  canEdit: boolean;
  /** Auditors (and admins) see the deliveries; only admins may replay them (canEdit). */
  canReadDeliveries: boolean;
  /** After a save, a refresh of the deliveries or a replay: the list reloads. */
  onSaved: () => void;
  onClose: () => void;
}

/** One connector: its settings through the generated form, its secrets (masked), save, test, deliveries. */
export function ConnectorEditor({ api, connectorKey, initialType, types, canEdit, canReadDeliveries, onSaved, onClose }: Props) {
  const { t } = useTranslation('connectors');
  const [view, setView] = useState<ConnectorView | null | undefined>(undefined);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [config, setConfig] = useState<Record<string, unknown>>({});
  const [enabled, setEnabled] = useState(true);
  const [secrets, setSecrets] = useState<SecretEdits>(NO_SECRET_EDITS);
  const [issues, setIssues] = useState<SaveIssues>(NO_ISSUES);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const [test, setTest] = useState<ConnectorTestResult | null>(null);
  const [testError, setTestError] = useState<unknown>(null);
  const [reloadDeliveries, setReloadDeliveries] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);

  // Opened from a list above: bring it into view and move focus to it (keyboard and screen-reader users).
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus();
  }, [connectorKey]);

  useEffect(() => {
    let live = true;
    api.get(connectorKey).then(
      (v) => {
        if (!live) return;
        setView(v);
        setConfig(v.config);
        setEnabled(v.enabled);
      },
      (e: unknown) => {
        if (!live) return;
        // Declared by a pack (or just added) but never saved: start from nothing.
        if (isBatonApiError(e) && e.code === 'BATON_E_CONNECTOR_NOT_FOUND') setView(null);
        else setLoadError(e);
      },
    );
    return () => {
      live = false;
    };
  }, [api, connectorKey]);

  const typeKey = view?.type ?? initialType;
  const type = types.find((x) => x.type === typeKey);
  // The event filter's choices before anything was logged: the type's actions and the config's own (crm-rest).
  const typeActions = useMemo(
    () => [...(type?.actions.map((a) => a.name) ?? []), ...Object.keys((view?.config.actions as Record<string, unknown> | undefined) ?? {})],
    [type, view],
  );
  const schema = useMemo(() => configPanelSchema(type?.configSchema, ENGINE_DEFS), [type]);

  const save = async () => {
    setBusy('save');
    setSaveError(null);
    setIssues(NO_ISSUES);
    setSavedVersion(null);
    try {
      const patch = secretsPatch(secrets.replacements, secrets.removals);
      const saved = await api.save(connectorKey, { type: typeKey, config, enabled, ...(patch ? { secrets: patch } : {}) });
      setView(saved);
      setConfig(saved.config);
      setEnabled(saved.enabled);
      setSecrets(NO_SECRET_EDITS);
      setSavedVersion(saved.version);
      onSaved();
    } catch (e) {
      setSaveError(e);
      if (isBatonApiError(e) && e.status >= 400 && e.status < 500) setIssues(saveIssues(e));
    } finally {
      setBusy(null);
    }
  };

  const runTest = async () => {
    setBusy('test');
    setTest(null);
    setTestError(null);
    try {
      setTest(await api.test(connectorKey));
    } catch (e) {
      setTestError(e);
    } finally {
      setBusy(null);
      setReloadDeliveries((n) => n + 1);
    }
  };

  const idPrefix = `connector-${connectorKey}`;
  return (
    <section className="connector-editor" aria-labelledby={`${idPrefix}-title`} data-testid="connector-editor">
      <div className="editor-bar">
        <h2 id={`${idPrefix}-title`} ref={heading} tabIndex={-1}>{t('editorTitle', { key: connectorKey })}</h2>
        <span className="type-tag">{typeKey}</span>
        <button type="button" onClick={onClose} style={{ marginLeft: 'auto' }}>{t('close')}</button>
      </div>
      {loadError ? <ErrorPanel error={loadError} /> : null}
      {view === undefined && !loadError ? <p className="muted" role="status">{t('loading')}</p> : null}
      {view !== undefined ? (
        <>
          {view === null ? <p className="notice">{t('newConnector')}</p> : null}
          {view?.disabledReason ? <p className="notice" data-testid="connector-disabled">{t('disabledBecause', { reason: view.disabledReason })}</p> : null}
          {view?.inboundUrl ? (
            <p className="small">
              {t('inboundUrl')} <code data-testid="connector-inbound-url">{view.inboundUrl}</code>
            </p>
          ) : null}
          <fieldset disabled={!canEdit} className="connector-config">
            <legend>{t('configTitle')}</legend>
            <SchemaForm name={idPrefix} schema={schema} value={config} onChange={setConfig} issues={issues.config} issueBase="/config" />
          </fieldset>
          {canEdit ? (
            <>
              <ConnectorSecrets
                idPrefix={idPrefix}
                type={type}
                saved={view?.secrets ?? {}}
                missing={view?.missingSecrets ?? []}
                edits={secrets}
                onChange={setSecrets}
                errors={issues.secrets}
                disabled={busy !== null}
              />
              <label className="inline">
                <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> {t('enabled')}
              </label>
              <div className="row">
                <button type="button" className="primary" disabled={busy !== null} onClick={() => void save()} data-testid="connector-save">
                  {busy === 'save' ? t('saving') : t('save')}
                </button>
                <button type="button" disabled={busy !== null || view === null} onClick={() => void runTest()} data-testid="connector-test">
                  {busy === 'test' ? t('testing') : t('test')}
                </button>
                {view === null ? <span className="muted small">{t('testNeedsSave')}</span> : null}
              </div>
              {savedVersion !== null ? <p className="success" role="status" data-testid="connector-saved">{t('saved', { version: savedVersion })}</p> : null}
              {saveError ? (
                <div data-testid="connector-save-failed">
                  <p className="field-error" role="alert">{t('saveFailed')}</p>
                  <IssueList issues={issues.other.map((i) => ({ ...i, code: isBatonApiError(saveError) ? saveError.code : '' }))} />
                  {!isBatonApiError(saveError) || saveError.status >= 500 || saveError.status === 0 ? <ErrorPanel error={saveError} /> : null}
                </div>
              ) : null}
              <TestResult result={test} />
              {testError ? <ErrorPanel error={testError} /> : null}
            </>
          ) : null}
          {view !== null && canReadDeliveries ? (
            <ConnectorDeliveries api={api} connectorKey={connectorKey} reloadToken={reloadDeliveries} canReplay={canEdit} typeActions={typeActions} onActivity={onSaved} />
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** The test's outcome in words; an SSRF refusal says why Baton refused and how to allow an internal host. */
function TestResult({ result }: { result: ConnectorTestResult | null }) {
  const { t } = useTranslation('connectors');
  if (!result) return null;
  const outcome = testOutcome(result);
  const words = { ok: 'testOk', ssrf: 'testSsrf', retry: 'testRetry', failed: 'testFailed' }[outcome];
  return (
    <p className={outcome === 'ok' ? 'success' : 'field-error'} role={outcome === 'ok' ? 'status' : 'alert'} data-testid="connector-test-result" data-outcome={outcome} data-code={result.code ?? ''}>
      {t(words, { ms: result.durationMs, message: result.message })}
      {result.code ? <> <code className="issue-code">{result.code}</code></> : null}
    </p>
  );
}
