import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorPanel } from '../app/errors/error-panel.js';
import { Dialog } from '../app/ui/dialog.js';
import { EmptyState } from '../app/ui/empty-state.js';
import type { DefinitionBody, DefinitionEditor } from './use-definition-editor.js';

/** Every version with its status and who saved / published it; any version can be opened as the new draft. */
export function VersionHistory<T extends DefinitionBody>({ editor, open, onClose }: { editor: DefinitionEditor<T>; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('definitions');
  const [error, setError] = useState<unknown>(null);
  return (
    <Dialog open={open} title={t('historyTitle')} onClose={onClose}>
      {editor.versions.length === 0 ? (
        <EmptyState title={t('historyEmpty')}>{t('historyEmptyBody')}</EmptyState>
      ) : (
        <table className="versions" data-testid="versions">
          <thead>
            <tr>
              <th>{t('version')}</th>
              <th>{t('status')}</th>
              <th>{t('savedBy')}</th>
              <th>{t('updatedAt')}</th>
              <th>{t('publishedAt')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {editor.versions.map((v) => (
              <tr key={v.version}>
                <td>v{v.version}</td>
                <td><span className={`badge badge-${v.status}`}>{t(`statusOf.${v.status}`)}</span></td>
                <td>{v.publishedBy ?? v.createdBy}</td>
                <td>{new Date(v.updatedAt).toLocaleString()}</td>
                <td>{v.publishedAt ? new Date(v.publishedAt).toLocaleString() : '—'}</td>
                <td>
                  <button
                    type="button"
                    onClick={() =>
                      editor
                        .openVersion(v.version)
                        .then(onClose)
                        .catch((e: unknown) => setError(e))
                    }
                  >
                    {t('openAsDraft')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">{t('instancesPerVersionUnavailable')}</p>
      {error ? <ErrorPanel error={error} /> : null}
    </Dialog>
  );
}
