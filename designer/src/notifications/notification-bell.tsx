import type { AppNotification } from '@baton/client';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorPanel } from '../app/errors/error-panel.js';
import { useLocalized } from '../app/i18n/localized.js';
import { EmptyState } from '../app/ui/empty-state.js';
import { formatWhen } from '../workspace/format-when.js';
import { useNotifications, type NotificationsState } from './use-notifications.js';
import './notifications.css';

/** Where a notification leads inside the app: its task when it has one, else its request. */
function linkOf(n: AppNotification): { to: string; label: 'openTask' | 'openRequest' } | null {
  if (n.link?.taskId) return { to: `/tasks/${encodeURIComponent(n.link.taskId)}`, label: 'openTask' };
  if (n.link?.instanceId) return { to: `/instances/${encodeURIComponent(n.link.instanceId)}`, label: 'openRequest' };
  return null;
}

function NotificationItem({ n, state, onNavigate }: { n: AppNotification; state: NotificationsState; onNavigate: () => void }) {
  const { t } = useTranslation('notifications');
  const { locale } = useLocalized();
  const link = linkOf(n);
  const unread = n.readAt === null;
  const open = () => {
    if (unread) void state.markRead(n.id);
    onNavigate();
  };
  return (
    <li className={unread ? 'notification unread' : 'notification'} data-testid="notification-item" data-unread={unread}>
      <div className="notification-head">
        <strong>{n.title}</strong>
        <time dateTime={n.createdAt}>{formatWhen(n.createdAt, locale)}</time>
      </div>
      {n.body ? <p className="notification-body">{n.body}</p> : null}
      <div className="notification-actions">
        {link ? <Link to={link.to} onClick={open}>{t(link.label)}</Link> : null}
        {unread ? <button type="button" className="link-button" onClick={() => void state.markRead(n.id)}>{t('markRead')}</button> : null}
      </div>
    </li>
  );
}

function NotificationPanel({ state, onClose }: { state: NotificationsState; onClose: () => void }) {
  const { t } = useTranslation('notifications');
  return (
    <div className="notification-panel" role="dialog" aria-label={t('panelTitle')} data-testid="notification-panel">
      <div className="notification-panel-head">
        <h2>{t('panelTitle')}</h2>
        <button type="button" onClick={() => void state.markAllRead()} disabled={!state.unread} data-testid="notifications-mark-all">{t('markAllRead')}</button>
        <button type="button" onClick={onClose} aria-label={t('close')}>×</button>
      </div>
      {state.error ? <ErrorPanel error={state.error} onRetry={() => void state.loadList()} /> : null}
      {state.items === null ? (
        <p role="status">{t('loading')}</p>
      ) : state.items.length === 0 ? (
        <EmptyState title={t('emptyTitle')}>{t('emptyBody')}</EmptyState>
      ) : (
        <ul className="notification-list">
          {state.items.map((n) => <NotificationItem key={n.id} n={n} state={state} onNavigate={onClose} />)}
        </ul>
      )}
    </div>
  );
}

/** Drawn, not an emoji: headless and minimal installs often lack an emoji font. */
function BellIcon() {
  return (
    <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

/** The bell in the top bar: the unread count at a glance, the newest notifications on a click. */
export function NotificationBell() {
  const { t } = useTranslation('notifications');
  const state = useNotifications();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const { loadList } = state;

  useEffect(() => {
    if (!open) return;
    void loadList();
    // Closes on Escape or a click anywhere outside the bell and its panel.
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    const onClick = (e: MouseEvent) => !root.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open, loadList]);

  const count = state.unread ?? 0;
  const label = count > 0 ? t('bellUnread', { count }) : t('bell');
  return (
    <div className="notification-bell" ref={root}>
      <button type="button" className="bell-button" aria-label={label} title={label} aria-expanded={open} aria-haspopup="dialog" onClick={() => setOpen((o) => !o)} data-testid="notification-bell">
        <BellIcon />
        {count > 0 ? <span className="bell-count" data-testid="notification-count">{count > 99 ? '99+' : count}</span> : null}
      </button>
      {open ? <NotificationPanel state={state} onClose={() => setOpen(false)} /> : null}
    </div>
  );
}
