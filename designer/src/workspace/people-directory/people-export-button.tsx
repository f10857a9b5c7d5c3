import type { DirectoryPeopleExportQuery } from '@baton/client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorPanel } from '../../app/errors/error-panel.js';
import { useApi } from '../../app/session/use-api.js';
import { downloadFile } from '../../dashboard/download-file.js';
import { showQuery, type PeopleFilters } from './use-directory-people.js';

/** The export's query for the list's filters: the same words, department and status, no paging. */
export function exportQuery(filters: PeopleFilters): DirectoryPeopleExportQuery {
  return {
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
    ...(filters.department ? { department: filters.department } : {}),
    ...showQuery(filters.show),
  };
}

/** The file's name: the day it was exported, as the server names it. */
export function exportFileName(now: Date): string {
  const day = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return `people-${day}.csv`;
}

/**
 * Downloads everyone the list's filters match as CSV: the server writes every page (not only the rows
 * loaded here), headers in the page's language (the client's Accept-Language), with a byte-order mark.
 */
export function PeopleExportButton({ filters, disabled }: { filters: PeopleFilters; disabled: boolean }) {
  const { t } = useTranslation('peopleDirectory');
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const csv = await api.directory.exportPeople(exportQuery(filters));
      downloadFile(exportFileName(new Date()), new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" data-testid="people-export" title={t('exportCsvTitle')} disabled={disabled || busy} onClick={() => void run()}>
        {busy ? t('exporting') : t('exportCsv')}
      </button>
      {error ? <ErrorPanel error={error} title={t('exportFailed')} onRetry={() => void run()} /> : null}
    </>
  );
}
