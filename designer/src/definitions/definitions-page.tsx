import type { DefinitionKind, DefinitionSummary } from '@baton/client';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorPanel } from '../app/errors/error-panel.js';
import { useLocalized, type Localizable } from '../app/i18n/localized.js';
import { useApi } from '../app/session/use-api.js';
import { EmptyState } from '../app/ui/empty-state.js';

export const EDITABLE_KINDS = ['form', 'flow', 'rule', 'report'] as const satisfies readonly DefinitionKind[];
export type EditableKind = (typeof EDITABLE_KINDS)[number];

const KEY_PATTERN = /^[a-z][a-z0-9-]*$/;

/** The newest version of each key, with whether any version of it is published. */
export function latestByKey(items: DefinitionSummary[]): Array<DefinitionSummary & { hasPublished: boolean }> {
  const byKey = new Map<string, DefinitionSummary & { hasPublished: boolean }>();
  for (const item of items) {
    const seen = byKey.get(item.key);
    if (!seen) byKey.set(item.key, { ...item, hasPublished: item.status === 'published' });
    else {
      if (item.status === 'published') seen.hasPublished = true;
      if (item.version > seen.version) byKey.set(item.key, { ...item, hasPublished: seen.hasPublished || item.status === 'published' });
    }
  }
  return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** Definitions of one kind, and where to create a new one. */
export function DefinitionsPage() {
  const { t } = useTranslation('definitions');
  const { l } = useLocalized();
  const api = useApi();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const kind = (EDITABLE_KINDS as readonly string[]).includes(params.get('kind') ?? '') ? (params.get('kind') as EditableKind) : 'form';
  const [items, setItems] = useState<DefinitionSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [newKey, setNewKey] = useState('');

  useEffect(() => {
    let cancelled = false;
    setItems(null);
    setError(null);
    api.definitions
      .list({ kind, limit: 500 })
      .then((list) => !cancelled && setItems(list.items))
      .catch((e: unknown) => !cancelled && setError(e));
    return () => {
      cancelled = true;
    };
  }, [api, kind]);

  const create = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/build/${kind}/${newKey}`);
  };
  const rows = items ? latestByKey(items) : [];
  const keyValid = KEY_PATTERN.test(newKey);

  return (
    <section>
      <h1>{t('title')}</h1>
      <div role="tablist" className="tabs">
        {EDITABLE_KINDS.map((k) => (
          <button key={k} role="tab" type="button" aria-selected={k === kind} className={k === kind ? 'active' : ''} onClick={() => setParams({ kind: k })}>
            {t(`kind.${k}`)}
          </button>
        ))}
      </div>
      <form className="inline-form" onSubmit={create}>
        <label>
          {t('newKey', { kind: t(`kindName.${kind}`, { count: 1 }) })}
          <input name="new-key" value={newKey} placeholder="offboarding-request" onChange={(e) => setNewKey(e.target.value.trim())} aria-invalid={newKey !== '' && !keyValid} />
        </label>
        <button type="submit" className="primary" disabled={!keyValid} data-testid="create-definition">{t('create')}</button>
        {newKey !== '' && !keyValid ? <span className="field-error">{t('keyRule')}</span> : null}
      </form>
      {error ? <ErrorPanel error={error} /> : null}
      {items === null && !error ? <p className="muted" role="status">{t('statusLoading')}</p> : null}
      {items !== null && rows.length === 0 ? (
        <EmptyState title={t('emptyTitle', { kind: t(`kindName.${kind}`, { count: 0 }) })}>{t('emptyBody')}</EmptyState>
      ) : null}
      {rows.length > 0 ? (
        <table className="list">
          <thead>
            <tr>
              <th>{t('key')}</th>
              <th>{t('titleColumn')}</th>
              <th>{t('version')}</th>
              <th>{t('status')}</th>
              <th>{t('updatedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <td><Link to={`/build/${kind}/${row.key}`}>{row.key}</Link></td>
                <td>{l(row.title as Localizable, row.key)}</td>
                <td>v{row.version}</td>
                <td>
                  <span className={`badge badge-${row.status}`}>{t(`statusOf.${row.status}`)}</span>
                  {row.status === 'draft' && row.hasPublished ? <span className="muted"> {t('hasPublished')}</span> : null}
                </td>
                <td>{new Date(row.updatedAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
