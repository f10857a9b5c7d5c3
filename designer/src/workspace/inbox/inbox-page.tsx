import type { TaskListItem } from '@baton/client';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorPanel } from '../../app/errors/error-panel.js';
import { useLocalized } from '../../app/i18n/localized.js';
import { useApi } from '../../app/session/use-api.js';
import { EmptyState } from '../../app/ui/empty-state.js';
import { usePublished } from '../use-published.js';
import { formatWhen } from '../format-when.js';
import { describeEvent } from '../timeline/describe-event.js';
import { ShownPerson } from '../people/person-name.js';
import { usePeople } from '../people/use-people.js';
import { countTasks, DEFAULT_FILTER, dueBucket, filterTasks, type DueFilter, type InboxFilter } from './task-filters.js';

type Row = TaskListItem;

function filterFrom(params: URLSearchParams): InboxFilter {
  const status = params.get('status');
  const due = params.get('due');
  return {
    status: status === 'completed' || status === 'all' ? status : 'open',
    flowKey: params.get('flow') ?? '',
    due: (['overdue', 'today', 'week', 'none'] as const).includes(due as never) ? (due as DueFilter) : 'any',
  };
}

/** My tasks: filters (status, process, due) kept in the URL, counts, the most urgent first. */
export function InboxPage() {
  const { t } = useTranslation('workspace');
  const { l, locale } = useLocalized();
  const api = useApi();
  const [params, setParams] = useSearchParams();
  const filter = filterFrom(params);
  const flows = usePublished('flow');
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      // Each task names its flow (key and title), so the process column and filter need no further requests.
      const list = await api.tasks.list({ mine: true, status: 'all', limit: 200 });
      setRows(list.items);
    } catch (e) {
      setError(e);
    }
  }, [api]);

  useEffect(() => {
    void load();
  }, [load]);

  const now = useMemo(() => new Date(), [rows]); // eslint-disable-line react-hooks/exhaustive-deps
  const shown = useMemo(() => (rows ? filterTasks(rows, filter, now) : []), [rows, filter.status, filter.flowKey, filter.due, now]); // eslint-disable-line react-hooks/exhaustive-deps
  const counts = useMemo(() => countTasks(rows ?? [], now), [rows, now]);
  // Whom each request is about (the leaver of an offboarding): every shown row's name in one lookup.
  const subjects = usePeople(shown.map((r) => r.subjectId));
  const flowTitle = (key: string | null) => {
    if (!key) return '—';
    const def = flows.items?.find((f) => f.key === key);
    if (def) return l(def.title as never, key);
    // A flow no longer published still has the title its tasks' instance version carries.
    const title = rows?.find((r) => r.flowKey === key)?.flowTitle;
    return title ? l(title as never, key) : key;
  };
  const setFilter = (change: Partial<InboxFilter>) => {
    const next = { ...filter, ...change };
    const p = new URLSearchParams();
    if (next.status !== DEFAULT_FILTER.status) p.set('status', next.status);
    if (next.flowKey) p.set('flow', next.flowKey);
    if (next.due !== 'any') p.set('due', next.due);
    setParams(p, { replace: true });
  };
  const flowKeys = [...new Set([...(flows.items ?? []).map((f) => f.key), ...Object.keys(counts.byFlow).filter(Boolean)])];

  return (
    <section className="inbox" data-testid="inbox">
      <header className="row spread">
        <h1>{t('inboxTitle')}</h1>
        <button type="button" onClick={() => void load()}>{t('refresh')}</button>
      </header>
      <ul className="counts" aria-live="polite">
        <li><button type="button" className="link" onClick={() => setFilter({ status: 'open', due: 'any' })}>{t('countOpen', { count: counts.open })}</button></li>
        <li><button type="button" className={`link ${counts.overdue > 0 ? 'danger' : ''}`} onClick={() => setFilter({ status: 'open', due: 'overdue' })}>{t('countOverdue', { count: counts.overdue })}</button></li>
        <li><button type="button" className="link" onClick={() => setFilter({ status: 'open', due: 'today' })}>{t('countDueToday', { count: counts.dueToday })}</button></li>
        <li><button type="button" className="link" onClick={() => setFilter({ status: 'completed', due: 'any' })}>{t('countCompleted', { count: counts.completed })}</button></li>
      </ul>
      <div className="filters row">
        <label>
          {t('filterStatus')}
          <select data-testid="filter-status" value={filter.status} onChange={(e) => setFilter({ status: e.target.value as InboxFilter['status'] })}>
            <option value="open">{t('statusOpen')}</option>
            <option value="completed">{t('statusCompleted')}</option>
            <option value="all">{t('statusAll')}</option>
          </select>
        </label>
        <label>
          {t('filterFlow')}
          <select data-testid="filter-flow" value={filter.flowKey} onChange={(e) => setFilter({ flowKey: e.target.value })}>
            <option value="">{t('allFlows')}</option>
            {flowKeys.map((key) => (
              <option key={key} value={key}>{flowTitle(key)}{counts.byFlow[key] ? ` (${counts.byFlow[key]})` : ''}</option>
            ))}
          </select>
        </label>
        <label>
          {t('filterDue')}
          <select data-testid="filter-due" value={filter.due} onChange={(e) => setFilter({ due: e.target.value as DueFilter })}>
            <option value="any">{t('dueAny')}</option>
            <option value="overdue">{t('dueOverdue')}</option>
            <option value="today">{t('dueToday')}</option>
            <option value="week">{t('dueWeek')}</option>
            <option value="none">{t('dueNone')}</option>
          </select>
        </label>
      </div>
      {error ? <ErrorPanel error={error} onRetry={() => void load()} /> : null}
      {!rows && !error ? <p role="status">{t('loading')}</p> : null}
      {rows && shown.length === 0 ? (
        <EmptyState title={t('inboxEmptyTitle')} action={<Link to="/start">{t('inboxEmptyAction')}</Link>}>{t('inboxEmptyBody')}</EmptyState>
      ) : null}
      {shown.length > 0 ? (
        <table className="data-table task-table">
          <thead>
            <tr>
              <th scope="col">{t('colTask')}</th>
              <th scope="col">{t('colRequest')}</th>
              <th scope="col">{t('colDue')}</th>
              <th scope="col">{t('colReceived')}</th>
              <th scope="col">{t('colStatus')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((task) => {
              const overdue = dueBucket(task, now) === 'overdue';
              return (
                <tr key={task.id} data-testid={`task-row-${task.id}`} className={overdue ? 'overdue' : ''}>
                  <td><Link to={`/tasks/${encodeURIComponent(task.id)}`}>{l(task.title as never, task.nodeId)}</Link></td>
                  <td data-testid="task-request">
                    {flowTitle(task.flowKey)}
                    {task.subjectId ? <> · <ShownPerson id={task.subjectId} person={subjects.get(task.subjectId)} /></> : task.businessKey ? ` · ${task.businessKey}` : null}
                  </td>
                  <td>
                    {task.dueAt ? formatWhen(task.dueAt, locale) : '—'} {overdue ? <span className="badge danger">{t('overdueBadge')}</span> : null}
                  </td>
                  <td>{formatWhen(task.createdAt, locale)}</td>
                  <td>{task.status === 'open' ? t('statusOpen') : task.outcome ? describeEvent({ type: task.status, action: task.outcome }, locale) : task.status}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
