import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { CONNECTOR_VIEWER_ROLES } from '../app/role-access.js';
import { roleChoice } from './connector-model.js';

/**
 * What /connectors shows someone who may not open it, worded from the roles that may (CONNECTOR_VIEWER_ROLES):
 * designers read the settings, auditors the deliveries read-only — not "you need the designer role".
 */
export function ConnectorsNoAccess({ roles }: { roles: readonly string[] | null }) {
  const { t, i18n } = useTranslation('connectors');
  const { t: access } = useTranslation('access');
  const location = useLocation();
  const locale = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  const roleName = (role: string) => t(`roleName.${role}`, { defaultValue: role });
  const allowed = roleChoice(CONNECTOR_VIEWER_ROLES.map(roleName), locale);
  const duties = CONNECTOR_VIEWER_ROLES.map((role) => t(`roleDuty.${role}`, { defaultValue: '' })).filter((d) => d !== '').join(locale === 'zh-CN' ? '；' : '; ');
  const yours = roles && roles.length > 0 ? roles.map(roleName).join(locale === 'zh-CN' ? '、' : ', ') : access('noRoles');
  return (
    <section className="empty-state" role="alert" data-testid="need-connector-role">
      <h1>{t('noAccessTitle', { roles: allowed })}</h1>
      <p>{t('noAccessBody', { path: location.pathname, roles: allowed, duties, yours })}</p>
      <p>{t('noAccessHelp')}</p>
      <Link to="/inbox">{access('toInbox')}</Link>
    </section>
  );
}
