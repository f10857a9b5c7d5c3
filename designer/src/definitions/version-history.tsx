import type { InstanceCounts } from '@baton/client';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorPanel } from '../app/errors/error-panel.js';
import { useApi } from '../app/session/use-api.js';
import { Dialog } from '../app/ui/dialog.js';
import { EmptyState } from '../app/ui/empty-state.js';
import { PersonName } from '../workspace/people/person-name.js';
import type { DefinitionBody, DefinitionEditor } from './use-definition-editor.js';

/** Every version with its status and who saved / published it; any version can be opened as the new draft. */
export function VersionHistory<T extends DefinitionBody>({ editor, open, onClose }: { editor: DefinitionEditor<T>; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('definitions');
  const [error, setError] = useState<unknown>(null);
  const api = useApi();
  const isFlow = editor.kind === 'flow';
  const [counts, setCounts] = useState<InstanceCounts | null>(null);
  const [countError, setCountError] = useState<unknown>(null);
  useEffect(() => {
    // Only flows have instances; counted afresh each time the history opens.
    if (!open || !isFlow) return;
    let live = true;
    setCountError(null);
    api.instances.counts(editor.defKey).then(
      (c) => live && setCounts(c),
      (e: unknown) => live && setCountError(e),
    );
    return () => {
      live = false;
    };
  }, [api, open, isFlow, editor.defKey]);
  const countOf = (version: number) => counts?.versions.find((v) => v.version === version);
  const listLink = (version: number) => `/instances?${new URLSearchParams({ flowKey: editor.defKey, version: String(version) }).toString()}`;
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
              {isFlow ? <th>{t('instancesCol')}</th> : null}
              <th />
            </tr>
          </thead>
          <tbody>
            {editor.versions.map((v) => (
              <tr key={v.version}>
                <td>v{v.version}</td>
                <td><span className={`badge badge-${v.status}`}>{t(`statusOf.${v.status}`)}</span></td>
                <td><PersonName id={v.publishedBy ?? v.createdBy} /></td>
                <td>{new Date(v.updatedAt).toLocaleString()}</td>
                <td>{v.publishedAt ? new Date(v.publishedAt).toLocaleString() : '—'}</td>
                {isFlow ? (
                  <td data-testid={`instances-v${v.version}`}>
                    {countOf(v.version) ? (
                      <>
                        {countOf(v.version)!.running} / {countOf(v.version)!.total} <Link to={listLink(v.version)} onClick={onClose}>{t('viewInstances')}</Link>
                      </>
                    ) : counts ? (
                      t('instancesNone')
                    ) : (
                      '…'
                    )}
                  </td>
                ) : null}
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
      {isFlow && counts?.scope === 'visible' ? <p className="muted">{t('instancesScopeVisible')}</p> : null}
      {countError ? <ErrorPanel error={countError} title={t('instancesCountFailed')} /> : null}
      {error ? <ErrorPanel error={error} /> : null}
    </Dialog>
  );
}
