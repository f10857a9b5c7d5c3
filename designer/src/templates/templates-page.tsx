import type { TemplateSummary } from '@baton/client';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { pageAccess } from '../app/access/page-access.js';
import { RolesStatus } from '../app/access/roles-status.js';
import { ErrorPanel } from '../app/errors/error-panel.js';
import { useApi } from '../app/session/use-api.js';
import { EmptyState } from '../app/ui/empty-state.js';
import { useMyRolesState } from '../dashboard/use-my-roles.js';
import { GALLERY_ROLES } from './template-card-state.js';
import { TemplateCard } from './template-card.js';
import './templates-gallery.css';

/** The template centre (/templates): the guard (HR, designers, admins), then the gallery. */
export function TemplatesPage() {
  const { t } = useTranslation('templates');
  const { t: access } = useTranslation('access');
  const location = useLocation();
  const { roles, error, retry } = useMyRolesState();
  const state = pageAccess(roles, error, GALLERY_ROLES);
  if (state === 'loading' || state === 'failed') return <RolesStatus error={state === 'failed' ? error : null} onRetry={retry} />;
  if (state === 'denied') {
    return (
      <section className="empty-state" role="alert" data-testid="need-gallery-role">
        <h1>{t('title')}</h1>
        <p>{t('needRole', { path: location.pathname, roles: roles && roles.length > 0 ? roles.join(', ') : access('noRoles') })}</p>
        <Link to="/inbox">{access('toInbox')}</Link>
      </section>
    );
  }
  return <TemplateGallery />;
}

function TemplateGallery() {
  const { t } = useTranslation('templates');
  const api = useApi();
  const [templates, setTemplates] = useState<TemplateSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    setError(null);
    api.templates
      .list()
      .then((list) => setTemplates(list.items))
      .catch((e: unknown) => setError(e));
  }, [api]);
  useEffect(load, [load]);

  // A finished install answers with the card's new state: no second request for the list.
  const replace = (updated: TemplateSummary) => setTemplates((list) => list?.map((item) => (item.key === updated.key ? updated : item)) ?? list);

  return (
    <section className="templates-gallery">
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      {error ? <ErrorPanel error={error} title={t('loadFailed')} onRetry={load} /> : null}
      {templates === null && !error ? <p className="muted" role="status">{t('loading')}</p> : null}
      {templates !== null && templates.length === 0 ? <EmptyState title={t('empty')}>{t('emptyBody')}</EmptyState> : null}
      {templates && templates.length > 0 ? (
        <ul className="template-cards" data-testid="template-cards">
          {templates.map((template) => <TemplateCard key={template.key} template={template} onInstalled={replace} />)}
        </ul>
      ) : null}
    </section>
  );
}
