import type { DirectoryUser } from '@baton/client';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorPanel } from '../../app/errors/error-panel.js';
import { useLocalized } from '../../app/i18n/localized.js';
import { useApi } from '../../app/session/use-api.js';
import { presenceShown, statusLabelKey } from './person-status.js';
import { roleName } from './role-names.js';

interface Loaded {
  user: DirectoryUser;
  /** The manager's name; null when the id names nobody. */
  managerName: string | null;
}

/** An attribute's value as text: strings as they are, anything else as JSON. */
function attributeText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** One person's full record (GET /directory/users/:id, status by the organisation's date), with the manager by name; a manager opens theirs. */
export function PersonDetail({ id, version, onOpen, onClose }: { id: string; version: number; onOpen: (id: string) => void; onClose: () => void }) {
  const { t } = useTranslation('peopleDirectory');
  const { locale } = useLocalized();
  const api = useApi();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let live = true;
    setLoaded(null);
    setError(null);
    (async () => {
      const user = await api.directory.user(id);
      // Not the cached name lookup: a manager imported a moment ago must show by name.
      const manager = user.managerId ? (await api.directory.searchUsers({ id: [user.managerId], include: 'all', limit: 1 })).items[0] : undefined;
      if (live) setLoaded({ user, managerName: manager?.name ?? null });
    })().catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [api, id, version, attempt]);

  useEffect(() => {
    if (loaded) heading.current?.focus();
  }, [loaded]);

  const dash = t('none');
  const u = loaded?.user;
  const attributes = u ? Object.entries(u.attributes) : [];
  return (
    <aside className="person-detail" aria-label={t('detailLabel')} data-testid="person-detail">
      <button type="button" className="person-detail-close" aria-label={t('close')} onClick={onClose}>×</button>
      {error ? <ErrorPanel error={error} onRetry={() => setAttempt((a) => a + 1)} /> : null}
      {!u && !error ? <p role="status">{t('loading')}</p> : null}
      {u ? (
        <>
          <h2 ref={heading} tabIndex={-1}>{u.name}</h2>
          <dl className="facts">
            <dt>{t('fieldId')}</dt>
            <dd><code>{u.id}</code></dd>
            <dt>{t('fieldStatus')}</dt>
            <dd data-testid="person-status" data-presence={presenceShown(u)}>{t(statusLabelKey(presenceShown(u)), { date: u.leaveDate })}</dd>
            <dt>{t('fieldDepartment')}</dt>
            <dd>{u.department?.name ?? u.departmentId ?? dash}</dd>
            <dt>{t('fieldPosition')}</dt>
            <dd>{u.position ?? dash}</dd>
            <dt>{t('fieldManager')}</dt>
            <dd data-testid="person-manager">
              {u.managerId && loaded?.managerName ? (
                <button type="button" className="link" onClick={() => onOpen(u.managerId!)}>{loaded.managerName}</button>
              ) : u.managerId ? t('unknownManager', { id: u.managerId }) : dash}
            </dd>
            <dt>{t('fieldRoles')}</dt>
            <dd data-testid="person-roles">{u.roles.length > 0 ? u.roles.map((r) => roleName(t, r)).join(locale === 'zh-CN' ? '、' : ', ') : t('noRolesHeld')}</dd>
            <dt>{t('fieldHireDate')}</dt>
            <dd>{u.hireDate ?? dash}</dd>
            <dt>{t('fieldLeaveDate')}</dt>
            <dd>{u.leaveDate ?? dash}</dd>
            <dt>{t('fieldEmail')}</dt>
            <dd>{u.email ? <a href={`mailto:${u.email}`}>{u.email}</a> : dash}</dd>
            <dt>{t('fieldMobile')}</dt>
            <dd>{u.mobile ?? dash}</dd>
          </dl>
          <h3>{t('fieldAttributes')}</h3>
          {attributes.length === 0 ? (
            <p className="muted">{t('noAttributes')}</p>
          ) : (
            <dl className="facts" data-testid="person-attributes">
              {attributes.map(([key, value]) => (
                <div key={key} className="fact-pair">
                  <dt>{key}</dt>
                  <dd>{attributeText(value)}</dd>
                </div>
              ))}
            </dl>
          )}
        </>
      ) : null}
    </aside>
  );
}
