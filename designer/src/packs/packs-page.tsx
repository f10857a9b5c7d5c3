import type { PackBundle, PackImportResult, PackSummary } from '@baton/client';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorPanel } from '../app/errors/error-panel.js';
import { useLocalized, type Localizable } from '../app/i18n/localized.js';
import { useApi } from '../app/session/use-api.js';
import { EmptyState } from '../app/ui/empty-state.js';
import { useMyRoles } from '../dashboard/use-my-roles.js';
import { importChanges, type ImportChange } from './pack-import-preview.js';
import { PackParametersPanel } from './pack-parameters-panel.js';

function download(name: string, value: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Template packs: what is installed, export one as a file, and import a file after seeing what it changes. */
export function PacksPage() {
  const { t } = useTranslation('packs');
  const { l } = useLocalized();
  const api = useApi();
  const [packs, setPacks] = useState<PackSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [bundle, setBundle] = useState<PackBundle | null>(null);
  const [fileName, setFileName] = useState('');
  const [changes, setChanges] = useState<ImportChange[] | null>(null);
  const [demo, setDemo] = useState(false);
  const [busy, setBusy] = useState(false);
  const [imported, setImported] = useState<PackImportResult | null>(null);
  const [parametersOf, setParametersOf] = useState<string | null>(null);
  // PUT /packs/:key/parameters is for admins; designers read the values (GET).
  const isAdmin = useMyRoles()?.includes('admin') === true;

  const load = () =>
    api.packs
      .list({ limit: 200 })
      .then((list) => setPacks(list.items))
      .catch((e: unknown) => setError(e));
  useEffect(() => {
    void load();
  }, [api]); // eslint-disable-line react-hooks/exhaustive-deps

  const choose = async (file: File) => {
    setError(null);
    setImported(null);
    setChanges(null);
    setFileName(file.name);
    try {
      const parsed = JSON.parse(await file.text()) as PackBundle;
      setBundle(parsed);
      // Compare every definition with what is published now, before anything is written.
      const published = new Map<string, Record<string, unknown> | null>();
      const refs = importChanges(parsed, () => null);
      await Promise.all(
        refs.map(async (r) => {
          try {
            published.set(`${r.kind}/${r.key}`, (await api.definitions.get(r.kind as never, r.key)).body);
          } catch {
            published.set(`${r.kind}/${r.key}`, null);
          }
        }),
      );
      setChanges(importChanges(parsed, (kind, key) => published.get(`${kind}/${key}`) ?? null));
    } catch (err) {
      setBundle(null);
      setError(err);
    }
  };

  const runImport = async () => {
    if (!bundle) return;
    setBusy(true);
    setError(null);
    try {
      setImported(await api.packs.import(bundle, { demo }));
      setBundle(null);
      setChanges(null);
      await load();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const exportPack = async (pack: PackSummary) => {
    try {
      download(`${pack.key}-v${pack.version}.pack.json`, await api.packs.export(pack.key, pack.version));
    } catch (err) {
      setError(err);
    }
  };

  // Parameters belong to a pack key (its latest version declares them): offered on that row only.
  const latest = new Map<string, number>();
  for (const p of packs ?? []) latest.set(p.key, Math.max(latest.get(p.key) ?? 0, p.version));

  return (
    <section>
      <h1>{t('title')}</h1>
      <p className="muted" data-testid="packs-templates-hint">
        {t('templatesHint')} <Link to="/templates">{t('templatesLink')}</Link>
      </p>
      <fieldset className="rule-part">
        <legend>{t('importTitle')}</legend>
        <label>
          {t('chooseFile')}
          <input type="file" accept="application/json,.json" data-testid="pack-file" onChange={(e) => e.target.files?.[0] && void choose(e.target.files[0])} />
        </label>
        {changes ? (
          <>
            <h3>{t('wouldChange', { file: fileName })}</h3>
            <table className="list" data-testid="pack-preview">
              <thead>
                <tr>
                  <th>{t('kind')}</th>
                  <th>{t('key')}</th>
                  <th>{t('change')}</th>
                </tr>
              </thead>
              <tbody>
                {changes.map((c) => (
                  <tr key={`${c.kind}/${c.key}`}>
                    <td>{c.kind}</td>
                    <td><code>{c.key}</code></td>
                    <td>{t(`changeName.${c.change}`, { count: c.differences })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <label className="inline">
              <input type="checkbox" checked={demo} onChange={(e) => setDemo(e.target.checked)} /> {t('withDemo')}
            </label>
            <button type="button" className="primary" disabled={busy} onClick={() => void runImport()}>{busy ? t('importing') : t('import')}</button>
          </>
        ) : null}
        {imported ? (
          <p className="success" role="status">
            {t('importDone', { key: imported.pack.key, version: imported.pack.version, imported: imported.imported.length, unchanged: imported.unchanged.length })}
          </p>
        ) : null}
      </fieldset>
      {error ? <ErrorPanel error={error} /> : null}
      <h2>{t('installed')}</h2>
      {packs === null && !error ? <p className="muted" role="status">{t('loading')}</p> : null}
      {packs !== null && packs.length === 0 ? (
        <EmptyState title={t('empty')} action={<Link to="/templates" data-testid="packs-empty-templates">{t('emptyAction')}</Link>}>
          {t('emptyBody')}
        </EmptyState>
      ) : null}
      {packs && packs.length > 0 ? (
        <table className="list">
          <thead>
            <tr>
              <th>{t('key')}</th>
              <th>{t('packTitle')}</th>
              <th>{t('version')}</th>
              <th>{t('definitions')}</th>
              <th>{t('importedAt')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {packs.map((p) => (
              <tr key={`${p.key}@${p.version}`}>
                <td><code>{p.key}</code></td>
                <td>{l(p.title as Localizable, p.key)}</td>
                <td>v{p.version}{p.release ? ` (${p.release})` : ''}</td>
                <td>{p.definitions.length}</td>
                <td>{new Date(p.importedAt).toLocaleString()}</td>
                <td>
                  <span className="row">
                    <button type="button" onClick={() => void exportPack(p)}>{t('export')}</button>
                    {latest.get(p.key) === p.version ? (
                      <button type="button" data-testid={`parameters-${p.key}`} aria-expanded={parametersOf === p.key} onClick={() => setParametersOf(parametersOf === p.key ? null : p.key)}>
                        {parametersOf === p.key ? t('parametersHide') : t('parameters')}
                      </button>
                    ) : null}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {parametersOf ? (
        <section aria-labelledby="pack-parameters-title">
          <h2 id="pack-parameters-title">{t('parametersTitle', { key: parametersOf })}</h2>
          <PackParametersPanel key={parametersOf} packKey={parametersOf} canEdit={isAdmin} />
        </section>
      ) : null}
    </section>
  );
}
