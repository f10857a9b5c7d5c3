import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useMyRolesState } from '../../dashboard/use-my-roles.js';
import { pageAccess } from './page-access.js';
import { RolesStatus } from './roles-status.js';

/**
 * The UI guard of a role-bound page (the designer): the page itself only for holders of `roles` (admins
 * too), a page saying which role is missing for everyone else (`denied` words it for pages open to other roles
 * than the designer's). The server still checks every write.
 */
export function RequireRoles({ roles: required, children, denied }: { roles: readonly string[]; children: ReactNode; denied?: (roles: readonly string[] | null) => ReactNode }) {
  const { t } = useTranslation('access');
  const location = useLocation();
  const { roles, error, retry } = useMyRolesState();
  const access = pageAccess(roles, error, required);
  if (access === 'allowed') return <>{children}</>;
  if (access === 'loading' || access === 'failed') return <RolesStatus error={access === 'failed' ? error : null} onRetry={retry} />;
  // A page open to other roles than the designer's says which (the connectors page: designers and auditors).
  if (denied) return <>{denied(roles)}</>;
  return (
    <section className="empty-state" role="alert" data-testid="need-designer-role">
      <h1>{t('needDesignerTitle')}</h1>
      <p>{t('needDesignerBody', { path: location.pathname, roles: roles && roles.length > 0 ? roles.join(', ') : t('noRoles') })}</p>
      <p>{t('needDesignerHelp')}</p>
      <Link to="/inbox">{t('toInbox')}</Link>
    </section>
  );
}
