import type { TemplateInstallResult, TemplateSummary } from '@baton/client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorPanel } from '../app/errors/error-panel.js';
import { useLocalized } from '../app/i18n/localized.js';
import { useApi } from '../app/session/use-api.js';
import { cardAction, installerLabel, offersDemoData, resultMessage } from './template-card-state.js';

type Run = { state: 'idle' } | { state: 'running' } | { state: 'done'; result: TemplateInstallResult; from: number | null } | { state: 'failed'; error: unknown };

/** One shipped template: what it is, where it stands here, and its install or upgrade button with the outcome in words. */
export function TemplateCard({ template, onInstalled }: { template: TemplateSummary; onInstalled: (updated: TemplateSummary) => void }) {
  const { t } = useTranslation('templates');
  const { l } = useLocalized();
  const api = useApi();
  const [run, setRun] = useState<Run>({ state: 'idle' });
  const [withDemoData, setWithDemoData] = useState(false);
  const name = l(template.title, template.key);
  const action = cardAction(template);
  const running = run.state === 'running';

  const install = async () => {
    const from = template.installedVersion;
    setRun({ state: 'running' });
    try {
      const result = await api.templates.install(template.key, { withDemoData: offersDemoData(template) && withDemoData });
      setRun({ state: 'done', result, from });
      onInstalled(result.template);
    } catch (error) {
      setRun({ state: 'failed', error });
    }
  };

  const status = (() => {
    switch (action) {
      case 'install': return t('statusAvailable');
      case 'upgrade': return t('statusUpgrade', { installed: template.installedVersion, version: template.version });
      case 'newer-installed': return t('statusNewer', { installed: template.installedVersion });
      case 'installed':
        return t('statusInstalled', {
          version: template.installedVersion,
          by: installerLabel(template, t('installedBySystem')) ?? '—',
          at: template.installedAt ? new Date(template.installedAt).toLocaleString() : '—',
        });
    }
  })();
  const buttonLabel =
    action === 'install' ? (running ? t('installing') : t('install'))
    : action === 'upgrade' ? (running ? t('upgrading') : t('upgrade', { version: template.version }))
    : action === 'installed' ? t('installed')
    : t('newerInstalled');
  const done = run.state === 'done' ? resultMessage(run.result, run.from) : null;

  return (
    <li className={`template-card template-${template.status}`} data-testid={`template-card-${template.key}`} data-status={template.status} aria-busy={running}>
      <h2>{name}</h2>
      <p className="muted template-facts">
        {template.release ? t('versionRelease', { version: template.version, release: template.release }) : t('version', { version: template.version })}
        {' · '}
        {t('definitions', { count: template.definitions })}
      </p>
      {template.description ? <p>{l(template.description)}</p> : null}
      {template.tags.length > 0 ? (
        <ul className="template-tags" aria-label="tags">
          {template.tags.map((tag) => <li key={tag}>{tag}</li>)}
        </ul>
      ) : null}
      <p className="template-status" data-testid={`template-status-${template.key}`} title={action === 'installed' && template.installedBy ? template.installedBy : undefined}>{status}</p>
      {action === 'upgrade' ? <p className="muted">{t('upgradeNote')}</p> : null}
      {offersDemoData(template) ? (
        <label className="inline">
          <input type="checkbox" checked={withDemoData} disabled={running} onChange={(e) => setWithDemoData(e.target.checked)} data-testid={`template-demo-${template.key}`} />{' '}
          {t('withDemoData')}
        </label>
      ) : null}
      <div className="row">
        <button
          type="button"
          className={action === 'install' || action === 'upgrade' ? 'primary' : ''}
          disabled={running || action === 'installed' || action === 'newer-installed'}
          onClick={() => void install()}
          data-testid={`template-action-${template.key}`}
        >
          {buttonLabel}
        </button>
      </div>
      {running ? (
        <p role="status" className="template-progress" data-testid={`template-progress-${template.key}`}>
          <progress aria-label={buttonLabel} /> {action === 'upgrade' ? t('progressUpgrade', { name, version: template.version }) : t('progress', { name })}
        </p>
      ) : null}
      {done ? (
        <p role="status" className="success" data-testid={`template-result-${template.key}`}>
          {t(done.key, done.values)} <Link to="/start">{t('nextStep')}</Link>
        </p>
      ) : null}
      {run.state === 'failed' ? <ErrorPanel error={run.error} title={t('failed', { name })} /> : null}
    </li>
  );
}
