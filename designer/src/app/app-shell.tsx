import { NavLink, Outlet, useLocation, Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { switchLocale } from './i18n/i18n.js';
import { LOCALES } from './i18n/locale.js';
import { useLocalized } from './i18n/localized.js';
import { RegistryProvider } from './registry/registry-context.js';
import { useSession } from './session/session-store.js';
import { NAV_ITEMS } from './routes.js';
import { useMyRoles } from '../dashboard/use-my-roles.js';
import { NotificationBell } from '../notifications/notification-bell.js';
import { PersonName } from '../workspace/people/person-name.js';
import { mayUse } from './role-access.js';

/** The top bar every page shares: navigation, language switch, who is signed in. */
export function TopBar() {
  const { t } = useTranslation('shell');
  const { locale } = useLocalized();
  const token = useSession((s) => s.token);
  const userId = useSession((s) => s.userId);
  const signOut = useSession((s) => s.signOut);
  const roles = useMyRoles();
  const items = NAV_ITEMS.filter((item) => mayUse(roles, item.roles));
  return (
    <header className="top-bar">
      <a className="brand" href="/">Baton</a>
      {token ? (
        <nav aria-label={t('navLabel')}>
          {items.map((item) => (
            <NavLink key={item.to} to={item.to} end={item.end ?? false} className={({ isActive }) => (isActive ? 'active' : '')}>
              {t(item.label)}
            </NavLink>
          ))}
        </nav>
      ) : (
        <span />
      )}
      <div className="top-bar-end">
        <label className="locale-switch">
          <span className="sr-only">{t('language')}</span>
          <select aria-label={t('language')} value={locale} onChange={(e) => void switchLocale(e.target.value as typeof locale)}>
            {LOCALES.map((l) => (
              <option key={l} value={l}>{l === 'zh-CN' ? '中文' : 'English'}</option>
            ))}
          </select>
        </label>
        {token ? (
          <>
            <NotificationBell />
            <AccountMenu userId={userId} roles={roles} />
            <button type="button" onClick={signOut}>{t('signOut')}</button>
          </>
        ) : null}
      </div>
    </header>
  );
}

/** Who is signed in, by name; the menu shows the user id and roles behind it. */
function AccountMenu({ userId, roles }: { userId: string | null; roles: string[] | null }) {
  const { t } = useTranslation('shell');
  if (!userId) return <span className="who">{t('signedIn')}</span>;
  const roleText = roles === null ? '…' : roles.length > 0 ? roles.join(', ') : t('accountNoRoles');
  return (
    <details className="who account-menu" data-testid="account-menu">
      <summary title={t('signedInAs', { user: userId })}>
        <PersonName id={userId} />
      </summary>
      <dl className="account-panel">
        <dt>{t('accountId')}</dt>
        <dd data-testid="account-id">{userId}</dd>
        <dt>{t('accountRoles')}</dt>
        <dd data-testid="account-roles">{roleText}</dd>
      </dl>
    </details>
  );
}

/** Pages behind a session: without a token, go to sign-in and come back afterwards. */
export function AppShell() {
  const token = useSession((s) => s.token);
  const location = useLocation();
  if (!token) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return (
    <div className="app">
      <TopBar />
      <main className="page">
        <RegistryProvider key={token}>
          <Outlet />
        </RegistryProvider>
      </main>
    </div>
  );
}
