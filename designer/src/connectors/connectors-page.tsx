import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorPanel } from '../app/errors/error-panel.js';
import { useLocalized, type Localizable } from '../app/i18n/localized.js';
import { useApi } from '../app/session/use-api.js';
import { EmptyState } from '../app/ui/empty-state.js';
import { useMyRoles } from '../dashboard/use-my-roles.js';
import { connectorAccess, healthOf, packSlots, suggestedKey, type PackSlot } from './connector-model.js';
import { ConnectorAuditPanel } from './connector-audit-panel.js';
import { ConnectorEditor } from './connector-editor.js';
import { loadConnectorRows, type ConnectorRow } from './connector-rows.js';
import { useConnectorsApi, type ConnectorTypeInfo } from './connectors-api.js';

const KEY_PATTERN = /^[a-z][a-z0-9-]*$/;

/**
 * Connectors: every configured (or pack-declared) connector with its target host and delivery health, the
 * connector slots of installed packs, and an editor. Designers read the settings; auditors read the
 * deliveries (and never the settings); admins do both, and edit, test and replay.
 */
export function ConnectorsPage() {
  const { t } = useTranslation('connectors');
  const { l } = useLocalized();
  const api = useConnectorsApi();
  const client = useApi();
  const roles = useMyRoles();
  // Keyed by the roles' names, not the array: a new array with the same roles must not reload the page.
  const roleKey = roles === null ? null : roles.join(',');
  const access = useMemo(() => connectorAccess(roles), [roleKey]); // eslint-disable-line react-hooks/exhaustive-deps
  const isAdmin = access.edit;
  const [rows, setRows] = useState<ConnectorRow[] | null>(null);
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
      // Packs (and so their slots) are the builders': an auditor is not asked for them (the server refuses).
      const [list, typeList, packs] = await Promise.all([loadConnectorRows(api, access), api.types(), access.readConfig ? client.packs.list({ limit: 200 }) : null]);
      setTypes(typeList.items);
      setRows(list);
      const latest = new Map<string, number>();
      for (const p of packs?.items ?? []) latest.set(p.key, Math.max(latest.get(p.key) ?? 0, p.version));
      const manifests = await Promise.all([...latest].map(async ([key, version]) => ({ key, manifest: (await client.packs.export(key, version)).manifest })));
      setSlots(packSlots(manifests, list));
    } catch (e) {
      setError(e);
    }
  }, [api, client, access, roles === null]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    void load();
  }, [load]);

  const typeLabel = useMemo(() => new Map(types.map((x) => [x.type, l(x.label as Localizable, x.type)])), [types, l]);
  const taken = rows?.map((r) => r.key) ?? [];
  const canAdd = KEY_PATTERN.test(newKey) && newType !== '' && !taken.includes(newKey);
  // Admins edit, designers view the settings, auditors open the deliveries.
  const openLabel = (configured: boolean) => (isAdmin ? (configured ? t('edit') : t('configure')) : access.readConfig ? t('view') : t('deliveries'));

  return (
    <section className="page connectors-page" aria-labelledby="connectors-title">
      <h1 id="connectors-title">{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      {roles !== null && !isAdmin ? <p className="notice" data-testid="connectors-read-only">{t(access.readConfig ? 'readOnly' : 'readOnlyAudit')}</p> : null}
      {error ? <ErrorPanel error={error} onRetry={() => void load()} /> : null}
      {rows === null && !error ? <p className="muted" role="status">{t('loading')}</p> : null}
      {rows !== null && rows.length === 0 ? (
        <EmptyState title={t('emptyTitle')}>
          <span data-testid="connectors-empty">{t(access.readConfig ? 'emptyBody' : 'emptyBodyAudit')}</span>
        </EmptyState>
      ) : null}
      {rows && rows.length > 0 ? (
        <table className="list" data-testid="connectors-list">
          <thead>
            <tr>
              <th>{t('colKey')}</th>
              <th>{t('colType')}</th>
              {access.readConfig ? <th>{t('colTarget')}</th> : null}
              <th>{t('colStatus')}</th>
              <th>{t('colLast')}</th>
              {access.readDeliveries ? <th>{t('colDead')}</th> : null}
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
                  {access.readConfig ? <td>{r.target ? <code>{r.target}</code> : <span className="muted small">{r.configured ? t('noTarget') : '—'}</span>}</td> : null}
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
                  {access.readDeliveries ? <td data-testid={`connector-dead-${r.key}`}>{r.dead ? t('deadCount', { count: r.dead }) : '—'}</td> : null}
                  <td>
                    {access.readConfig || r.configured ? (
                      <button type="button" aria-expanded={open?.key === r.key} onClick={() => setOpen({ key: r.key, type: r.type })} data-testid={`connector-open-${r.key}`} aria-label={`${openLabel(r.configured)} ${r.key}`}>
                        {openLabel(r.configured)}
                      </button>
                    ) : null}
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
      {open && access.readConfig ? (
        <ConnectorEditor
          key={open.key}
          api={api}
          connectorKey={open.key}
          initialType={open.type}
          types={types}
          canEdit={isAdmin}
          canReadDeliveries={access.readDeliveries}
          onSaved={() => void load()}
          onClose={() => setOpen(null)}
        />
      ) : null}
      {open && !access.readConfig ? (
        <ConnectorAuditPanel
          key={open.key}
          api={api}
          connectorKey={open.key}
          type={open.type}
          disabledReason={rows?.find((r) => r.key === open.key)?.disabledReason ?? null}
          typeActions={types.find((x) => x.type === open.type)?.actions.map((a) => a.name) ?? []}
          onActivity={() => void load()}
          onClose={() => setOpen(null)}
        />
      ) : null}
    </section>
  );
}
