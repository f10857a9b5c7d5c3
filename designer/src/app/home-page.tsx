import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { useMyRolesState } from '../dashboard/use-my-roles.js';
import { RolesStatus } from './access/roles-status.js';
import { GALLERY_ROLES } from '../templates/template-card-state.js';
import { landingOf, mayUse } from './role-access.js';

/** The landing page: where builders start building; everyone else (no designer role) lands on their inbox. */
export function HomePage() {
  const { t } = useTranslation('shell');
  const { roles, error, retry } = useMyRolesState();
  const landing = landingOf(roles);
  // Without roles (still loading, or their request failed) the page cannot choose: say which, and offer a retry.
  if (landing === null) return error ? <RolesStatus error={error} onRetry={retry} /> : <p role="status">{t('homeLoading')}</p>;
  if (landing === 'inbox') return <Navigate to="/inbox" replace />;
  return (
    <section className="home">
      <h1>{t('homeTitle')}</h1>
      <p>{t('homeIntro')}</p>
      <ul className="cards">
        <li><Link to="/build?kind=form">{t('homeForms')}</Link></li>
        <li><Link to="/build?kind=flow">{t('homeFlows')}</Link></li>
        <li><Link to="/build?kind=rule">{t('homeRules')}</Link></li>
        <li><Link to="/build?kind=report">{t('homeReports')}</Link></li>
        <li><Link to="/dashboard" data-testid="home-dashboard">{t('dashboard:homeTile')}</Link></li>
        {mayUse(roles, GALLERY_ROLES) ? <li><Link to="/templates" data-testid="home-templates">{t('templates:homeTile')}</Link></li> : null}
        <li><Link to="/packs">{t('homePacks')}</Link></li>
      </ul>
    </section>
  );
}
