import type { RecordItem } from '@baton/client';
import type { FormDefinition } from '@baton/engine';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorPanel } from '../../app/errors/error-panel.js';
import { useLocalized } from '../../app/i18n/localized.js';
import { useApi } from '../../app/session/use-api.js';
import { EmptyState } from '../../app/ui/empty-state.js';
import { formatWhen } from '../format-when.js';
import { usePeople } from '../people/use-people.js';
import { displayValue, personIdsOf, type DisplayField } from './record-display.js';
import { cellText, toCsv } from './csv-export.js';
import { applyRecordQuery, EMPTY_QUERY, nextSort, type ColumnFilter, type FilterOp, type RecordQuery } from './record-table.js';

const PAGE = 200;

interface Column {
  key: string;
  label: string;
}

/** Records of a collection form as a table: search, sort by header, column filters, CSV export. */
export function RecordsPage() {
  const { t } = useTranslation('workspace');
  const { l, locale } = useLocalized();
  const api = useApi();
  const [params, setParams] = useSearchParams();
  const formKey = params.get('form') ?? '';
  const [collections, setCollections] = useState<Array<{ key: string; title: unknown }> | null>(null);
  const [form, setForm] = useState<FormDefinition | null>(null);
  const [records, setRecords] = useState<RecordItem[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [query, setQuery] = useState<RecordQuery>(EMPTY_QUERY);

  useEffect(() => {
    let live = true;
    (async () => {
      const list = await api.definitions.list({ kind: 'form', status: 'published', limit: 500 });
      const keys = [...new Set(list.items.map((d) => d.key))];
      const defs = await Promise.all(keys.map((k) => api.definitions.get('form', k).catch(() => null)));
      if (live) setCollections(defs.filter((d) => d && (d.body as { collection?: boolean }).collection === true).map((d) => ({ key: d!.key, title: d!.title })));
    })().catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [api]);

  const load = useCallback(
    async (offset: number) => {
      if (!formKey) return;
      setError(null);
      try {
        if (offset === 0) setForm((await api.definitions.get('form', formKey)).body as unknown as FormDefinition);
        const page = await api.records.list(formKey, { limit: PAGE, offset });
        setRecords((prev) => (offset === 0 ? page.items : [...(prev ?? []), ...page.items]));
        setMore(page.items.length === PAGE);
      } catch (e) {
        setError(e);
      }
    },
    [api, formKey],
  );

  useEffect(() => {
    setRecords(null);
    setForm(null);
    setQuery(EMPTY_QUERY);
    void load(0);
  }, [load]);

  const columns: Column[] = useMemo(
    () => [
      ...(form?.fields ?? []).filter((f) => f.type !== 'section').map((f) => ({ key: f.key, label: l((f as { label?: unknown }).label as never, f.key) })),
      { key: '$updatedAt', label: t('colReceived') },
    ],
    [form, l, t],
  );
  const fields = useMemo(() => (form?.fields ?? []) as unknown as DisplayField[], [form]);
  const people = usePeople(useMemo(() => personIdsOf(fields, (records ?? []).map((r) => r.data as Record<string, unknown>)), [fields, records]));
  // Option labels and person names instead of stored keys and ids; search, sort and CSV use the same words.
  const rows = useMemo(() => {
    const ctx = { label: (text: unknown, fallback: string) => l(text as never, fallback), personName: (id: string) => people.get(id)?.name };
    return (records ?? []).map((r): Record<string, unknown> => {
      const data = { ...(r.data as Record<string, unknown>) };
      for (const field of fields) if (field.key in data) data[field.key] = displayValue(field, data[field.key], ctx);
      return { ...data, $id: r.id, $updatedAt: r.updatedAt };
    });
  }, [records, fields, people, l]);
  const shown = useMemo(() => applyRecordQuery(rows, columns.map((c) => c.key), query), [rows, columns, query]);

  const exportCsv = () => {
    const csv = toCsv(columns, shown);
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${formKey}-${new Date().toISOString().slice(0, 10)}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const setFilter = (i: number, change: Partial<ColumnFilter>) =>
    setQuery((q) => ({ ...q, filters: q.filters.map((f, j) => (j === i ? { ...f, ...change } : f)) }));

  return (
    <section className="records-page" data-testid="records-page">
      <h1>{t('recordsTitle')}</h1>
      {collections && collections.length === 0 ? <EmptyState title={t('recordsNoCollections')}>{t('recordsNoCollectionsBody')}</EmptyState> : null}
      {collections && collections.length > 0 ? (
        <label>
          {t('pickCollection')}
          <select data-testid="pick-collection" value={formKey} onChange={(e) => setParams(e.target.value ? { form: e.target.value } : {}, { replace: true })}>
            <option value="">{t('pickCollectionPlaceholder')}</option>
            {collections.map((c) => (
              <option key={c.key} value={c.key}>{l(c.title as never, c.key)}</option>
            ))}
          </select>
        </label>
      ) : null}
      {error ? <ErrorPanel error={error} onRetry={() => void load(0)} /> : null}
      {formKey && records ? (
        <>
          <div className="row filters">
            <label>
              {t('search')}
              <input type="search" data-testid="records-search" placeholder={t('searchPlaceholder')} value={query.search} onChange={(e) => setQuery((q) => ({ ...q, search: e.target.value }))} />
            </label>
            <button type="button" onClick={() => setQuery((q) => ({ ...q, filters: [...q.filters, { key: columns[0]?.key ?? '', op: 'contains', value: '' }] }))}>{t('addFilter')}</button>
            <button type="button" data-testid="export-csv" disabled={shown.length === 0} onClick={exportCsv}>{t('exportCsv')}</button>
          </div>
          {query.filters.map((f, i) => (
            <div className="row filter" key={i}>
              <select aria-label={t('filterColumn')} value={f.key} onChange={(e) => setFilter(i, { key: e.target.value })}>
                {columns.map((c) => <option key={c.key} value={c.key}>{c.label}</option>)}
              </select>
              <select aria-label={t('filterOp')} value={f.op} onChange={(e) => setFilter(i, { op: e.target.value as FilterOp })}>
                {(['contains', 'equals', 'empty', 'notEmpty'] as const).map((op) => <option key={op} value={op}>{t(`op.${op}`)}</option>)}
              </select>
              {f.op === 'contains' || f.op === 'equals' ? <input aria-label={t('filterValue')} value={f.value} onChange={(e) => setFilter(i, { value: e.target.value })} /> : null}
              <button type="button" aria-label={t('removeFilter')} onClick={() => setQuery((q) => ({ ...q, filters: q.filters.filter((_, j) => j !== i) }))}>×</button>
            </div>
          ))}
          <p className="muted" role="status">{t('recordsCount', { shown: shown.length, total: rows.length })}</p>
          {shown.length === 0 ? (
            <EmptyState title={t('recordsEmptyTitle')}>{t('recordsEmptyBody')}</EmptyState>
          ) : (
            <div className="table-scroll">
              <table className="data-table" data-testid="records-table">
                <thead>
                  <tr>
                    {columns.map((c) => {
                      const sorted = query.sort?.key === c.key ? query.sort.dir : null;
                      return (
                        <th key={c.key} scope="col" aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}>
                          <button type="button" className="link" onClick={() => setQuery((q) => ({ ...q, sort: nextSort(q.sort, c.key) }))}>
                            {c.label} {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                            {sorted ? <span className="sr-only">{t(sorted === 'asc' ? 'sortAsc' : 'sortDesc')}</span> : null}
                          </button>
                        </th>
                      );
                    })}
                  </tr>
                </thead>
                <tbody>
                  {shown.map((row) => (
                    <tr key={String(row.$id)}>
                      {columns.map((c) => (
                        <td key={c.key}>{c.key === '$updatedAt' ? formatWhen(String(row.$updatedAt), locale) : cellText(row[c.key])}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {more ? <button type="button" onClick={() => void load(records.length)}>{t('loadMore')}</button> : null}
        </>
      ) : null}
    </section>
  );
}
