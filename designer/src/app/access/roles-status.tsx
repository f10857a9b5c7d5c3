import { useTranslation } from 'react-i18next';
import { ErrorPanel } from '../errors/error-panel.js';

/** While the roles load: a status line; when their request failed: the error and a button to ask again. */
export function RolesStatus({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation('access');
  if (!error) return <p role="status" data-testid="roles-loading">{t('rolesLoading')}</p>;
  return (
    <section className="roles-failed" data-testid="roles-failed">
      <ErrorPanel error={error} title={t('rolesFailed')} onRetry={onRetry} />
      <p className="muted small">{t('rolesFailedHelp')}</p>
    </section>
  );
}
