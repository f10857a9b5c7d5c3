import type { ConnectorSummary } from '@baton/client';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorPanel } from '../app/errors/error-panel.js';
import { useLocalized, type Localizable } from '../app/i18n/localized.js';
import { useApi } from '../app/session/use-api.js';
import { EmptyState } from '../app/ui/empty-state.js';
import { useMyRoles } from '../dashboard/use-my-roles.js';
import { healthOf, packSlots, replayableDeadLetters, suggestedKey, targetHost, type PackSlot } from './connector-model.js';
import { ConnectorEditor } from './connector-editor.js';
import { useConnectorsApi, type ConnectorTypeInfo } from './connectors-api.js';

interface Row extends ConnectorSummary {
  target: string | null;
  dead: number | null;
}

const KEY_PATTERN = /^[a-z][a-z0-9-]*$/;

/**
 * Connectors: every configured (or pack-declared) connector with its target host and delivery health, the
 * connector slots of installed packs, and an editor. Designers read; admins edit, test and see deliveries.
 */
export function ConnectorsPage() {
  const { t } = useTranslation('connectors');
  const { l } = useLocalized();
  const api = useConnectorsApi();
  const client = useApi();
  const roles = useMyRoles();
  const isAdmin = roles?.includes('admin') === true;
  const [rows, setRows] = useState<Row[] | null>(null);
  const [slots, setSlots] = useState<PackSlot[]>([]);
  const [types, setTypes] = useState<ConnectorTypeInfo[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<{ key: string; type: string } | null>(null);
  const [newKey, setNewKey] = useState('');
  const [newType, setNewType] = useState('');

  const load = useCallback(async () => {
    // What is asked depends on the roles: wait for them rather than load twice.
    if (roles === null) return;
    setError(null);
    try {
      const [list, typeList, packs] = await Promise.all([api.list(), api.types(), client.packs.list({ limit: 200 })]);
      setTypes(typeList.items);
      // Targets and dead letters need the saved config and the deliveries: admins only (the API's rule).
      const letters = isAdmin ? (await api.deadLetters()).items : [];
      const details = await Promise.all(
        list.items.map(async (c): Promise<Row> => {
          if (!isAdmin || !c.configured) return { ...c, target: null, dead: null };
          const [view, deliveries] = await Promise.all([api.get(c.key), api.deliveries(c.key)]);
          return { ...c, target: targetHost(view.config), dead: replayableDeadLetters(deliveries.items, letters).size };
        }),
      );
      setRows(details);
      const latest = new Map<string, number>();
      for (const p of packs.items) latest.set(p.key, Math.max(latest.get(p.key) ?? 0, p.version));
      const manifests = await Promise.all([...latest].map(async ([key, version]) => ({ key, manifest: (await client.packs.export(key, version)).manifest })));
      setSlots(packSlots(manifests, list.items));
    } catch (e) {
      setError(e);
    }
  }, [api, client, isAdmin, roles === null]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    void load();
  }, [load]);

  const typeLabel = useMemo(() => new Map(types.map((x) => [x.type, l(x.label as Localizable, x.type)])), [types, l]);
  const taken = rows?.map((r) => r.key) ?? [];
  const canAdd = KEY_PATTERN.test(newKey) && newType !== '' && !taken.includes(newKey);

  return (
    <section className="page connectors-page" aria-labelledby="connectors-title">
      <h1 id="connectors-title">{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      {roles !== null && !isAdmin ? <p className="notice" data-testid="connectors-read-only">{t('readOnly')}</p> : null}
      {error ? <ErrorPanel error={error} onRetry={() => void load()} /> : null}
      {rows === null && !error ? <p className="muted" role="status">{t('loading')}</p> : null}
      {rows !== null && rows.length === 0 ? (
        <EmptyState title={t('emptyTitle')}>
          <span data-testid="connectors-empty">{t('emptyBody')}</span>
        </EmptyState>
      ) : null}
      {rows && rows.length > 0 ? (
        <table className="list" data-testid="connectors-list">
          <thead>
            <tr>
              <th>{t('colKey')}</th>
              <th>{t('colType')}</th>
              <th>{t('colTarget')}</th>
              <th>{t('colStatus')}</th>
              <th>{t('colLast')}</th>
              {isAdmin ? <th>{t('colDead')}</th> : null}
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const health = healthOf(r);
              return (
                <tr key={r.key} data-testid={`connector-row-${r.key}`} data-health={health}>
                  <td><code>{r.key}</code></td>
                  <td>{typeLabel.get(r.type) ?? r.type} <span className="type-tag">{r.type}</span></td>
                  <td>{r.target ? <code>{r.target}</code> : <span className="muted small">{isAdmin && r.configured ? t('noTarget') : '—'}</span>}</td>
                  <td>
                    <span className={health === 'ok' || health === 'idle' ? 'badge badge-published' : health === 'failing' ? 'badge badge-error' : 'badge badge-draft'} title={r.disabledReason ?? undefined}>
                      {t(`health.${health}`)}
                    </span>
                  </td>
                  <td className="small">
                    {r.lastDelivery
                      ? t('lastDelivery', { action: r.lastDelivery.action, status: t(`deliveryStatus.${r.lastDelivery.status}`, { defaultValue: r.lastDelivery.status }), at: new Date(r.lastDelivery.at).toLocaleString() })
                      : t('never')}
                    {r.lastDelivery?.error ? <span className="field-error"> · {r.lastDelivery.error}</span> : null}
                  </td>
                  {isAdmin ? <td data-testid={`connector-dead-${r.key}`}>{r.dead ? t('deadCount', { count: r.dead }) : '—'}</td> : null}
                  <td>
                    <button type="button" aria-expanded={open?.key === r.key} onClick={() => setOpen({ key: r.key, type: r.type })} data-testid={`connector-open-${r.key}`} aria-label={`${isAdmin ? t('edit') : t('view')} ${r.key}`}>
                      {isAdmin ? (r.configured ? t('edit') : t('configure')) : t('view')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {slots.length > 0 ? (
        <section className="connector-slots" aria-labelledby="connector-slots-title" data-testid="connector-slots">
          <h2 id="connector-slots-title">{t('slotsTitle')}</h2>
          <p className="muted small">{t('slotsIntro')}</p>
          <ul>
            {slots.map((s) => (
              <li key={`${s.pack}/${s.key}`} data-testid={`connector-slot-${s.key}`}>
                <strong>{l(s.label as Localizable, s.key)}</strong> <span className="type-tag">{s.type}</span>{' '}
                <span className="muted small">({s.pack} · {s.required ? t('slotRequired') : t('slotOptional')}{s.multiple ? ` · ${t('slotMultiple')}` : ''})</span>
                <br />
                <span className="small">{l(s.description as Localizable)}</span>{' '}
                <span className={s.filledBy.length > 0 ? 'success small' : 'muted small'}>
                  {s.filledBy.length > 0 ? t('slotFilled', { keys: s.filledBy.join(', ') }) : t('slotEmpty')}
                </span>{' '}
                {isAdmin && (s.multiple || s.filledBy.length === 0) ? (
                  <button type="button" data-testid={`connector-slot-add-${s.key}`} onClick={() => setOpen({ key: suggestedKey(s, taken), type: s.type })}>
                    {t('slotAdd', { type: s.type })}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {isAdmin ? (
        <fieldset className="inline-form" data-testid="connector-add">
          <legend>{t('addTitle')}</legend>
          <label>
            {t('addKey')}
            <input value={newKey} onChange={(e) => setNewKey(e.target.value)} pattern="[a-z][a-z0-9-]*" aria-describedby="connector-add-key-help" data-testid="connector-add-key" />
          </label>
          <label>
            {t('addType')}
            <select value={newType} onChange={(e) => setNewType(e.target.value)} data-testid="connector-add-type">
              <option value="" />
              {types.map((x) => (
                <option key={x.type} value={x.type}>{typeLabel.get(x.type)}</option>
              ))}
            </select>
          </label>
          <button type="button" disabled={!canAdd} onClick={() => setOpen({ key: newKey, type: newType })}>{t('addButton')}</button>
          <span id="connector-add-key-help" className="muted small">{t('addKeyHelp')}</span>
        </fieldset>
      ) : null}
      {open ? (
        <ConnectorEditor
          key={open.key}
          api={api}
          connectorKey={open.key}
          initialType={open.type}
          types={types}
          canEdit={isAdmin}
          onSaved={() => void load()}
          onClose={() => setOpen(null)}
        />
      ) : null}
    </section>
  );
}
