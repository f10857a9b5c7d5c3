import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The landing page: where to start building. The working half (inbox) will take this place for most users. */
export function HomePage() {
  const { t } = useTranslation('shell');
  return (
    <section className="home">
      <h1>{t('homeTitle')}</h1>
      <p>{t('homeIntro')}</p>
      <ul className="cards">
        <li><Link to="/build?kind=form">{t('homeForms')}</Link></li>
        <li><Link to="/build?kind=flow">{t('homeFlows')}</Link></li>
        <li><Link to="/build?kind=rule">{t('homeRules')}</Link></li>
        <li><Link to="/build?kind=report">{t('homeReports')}</Link></li>
        <li><Link to="/packs">{t('homePacks')}</Link></li>
      </ul>
    </section>
  );
}
