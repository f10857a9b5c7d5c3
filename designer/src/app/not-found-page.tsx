import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { EmptyState } from './ui/empty-state.js';

export function NotFoundPage() {
  const { t } = useTranslation('shell');
  const location = useLocation();
  return (
    <EmptyState title={t('notFoundTitle')} action={<Link to="/">{t('navHome')}</Link>}>
      {t('notFoundBody', { path: location.pathname })}
    </EmptyState>
  );
}
