import type { Definition, DirectoryDepartment } from '@baton/client';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { pageAccess } from '../app/access/page-access.js';
import { mayUse } from '../app/role-access.js';
import { RolesStatus } from '../app/access/roles-status.js';
import { ErrorPanel } from '../app/errors/error-panel.js';
import { useApi } from '../app/session/use-api.js';
import { EmptyState } from '../app/ui/empty-state.js';
import './dashboard.css';
import { dashboardReports } from './dashboard-tags.js';
import { DashboardWidget, type DashboardFilters } from './dashboard-widget.js';
import { useMyRolesState } from './use-my-roles.js';
import { departmentTree, indentedName } from './department-tree.js';

/**
 * Who may open the dashboard (the nav entry in app/routes.tsx uses this list). Designers open it to see
 * the reports they build where HR will; each widget still runs under the server's report checks
 * (runtime-api reports/report-access.ts), so a designer gets only the rows they may see one by one, and a
 * report limited to other roles (the pack's are HR-only) shows its "you may not see this" state.
 */
export const DASHBOARD_ROLES = ['hr', 'admin', 'designer'] as const;

type Load = { state: 'loading' } | { state: 'ready'; reports: Definition[] } | { state: 'error'; error: unknown };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The analytics dashboard (/dashboard, or /dashboard/:key for another pack's): every published report
 * tagged `dashboard:<key>:<order>`, in that order. Filters (period, department) live in the URL, so a
 * filtered dashboard can be bookmarked and shared; each report takes the filters it declares as
 * parameters (`from`, `to`, `department`).
 */
export function DashboardPage() {
  const { t } = useTranslation('dashboard');
  const { roles, error, retry } = useMyRolesState();
  const access = pageAccess(roles, error, DASHBOARD_ROLES);
  // Decided before any report is asked for: a user without the role fires no requests that would all be 403.
  // Designers without HR or admin see the same page, told why some charts are withheld or smaller.
  if (access === 'allowed') return <DashboardContent designerOnly={!mayUse(roles, ['hr'])} />;
  if (access === 'loading' || access === 'failed') return <RolesStatus error={access === 'failed' ? error : null} onRetry={retry} />;
  return (
    <section className="empty-state" role="alert" data-testid="dashboard-not-for-role">
      <h1>{t('roleTitle')}</h1>
      <p>{t('roleBody', { roles: roles && roles.length > 0 ? roles.join(', ') : t('roleNone') })}</p>
      <Link to="/inbox">{t('toInbox')}</Link>
    </section>
  );
}

function DashboardContent({ designerOnly }: { designerOnly: boolean }) {
  const { t, i18n } = useTranslation('dashboard');
  const api = useApi();
  const { key = 'offboarding' } = useParams();
  const [search, setSearch] = useSearchParams();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [departments, setDepartments] = useState<DirectoryDepartment[]>([]);
  const filters: DashboardFilters = {
    ...(DATE.test(search.get('from') ?? '') ? { from: search.get('from')! } : {}),
    ...(DATE.test(search.get('to') ?? '') ? { to: search.get('to')! } : {}),
    ...(search.get('department') ? { department: search.get('department')! } : {}),
  };
  const [draft, setDraft] = useState<DashboardFilters>(filters);

  useEffect(() => {
    let live = true;
    setLoad({ state: 'loading' });
    (async () => {
      const list = await api.definitions.list({ kind: 'report', status: 'published', limit: 500 });
      const definitions = await Promise.all(list.items.map((item) => api.definitions.get('report', item.key)));
      return dashboardReports(definitions, key);
    })()
      .then((reports) => live && setLoad({ state: 'ready', reports }))
      .catch((error: unknown) => live && setLoad({ state: 'error', error }));
    api.directory
      .departments()
      .then((r) => live && setDepartments(r.items))
      .catch(() => live && setDepartments([]));
    return () => {
      live = false;
    };
  }, [api, key, attempt]);

  // "To" before "From" matches nothing: refused here (and by the API, 400 BATON_E_REPORT_DATE_RANGE).
  const draftInverted = isInverted(draft);
  const applied = isInverted(filters);
  const apply = (next: DashboardFilters) => {
    if (isInverted(next)) return;
    const params = new URLSearchParams();
    for (const k of ['from', 'to', 'department'] as const) if (next[k]) params.set(k, next[k]!);
    setSearch(params);
  };

  return (
    <div className="dashboard" data-testid="dashboard">
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      {designerOnly ? <p className="notice" data-testid="dashboard-designer-note">{t('designerNote')}</p> : null}
      <form
        className="dashboard-filters row"
        onSubmit={(e) => {
          e.preventDefault();
          apply(draft);
        }}
      >
        <label>
          {t('from')}
          <input type="date" name="from" value={draft.from ?? ''} max={draft.to} aria-invalid={draftInverted} onChange={(e) => setDraft({ ...draft, from: e.target.value || undefined })} />
        </label>
        <label>
          {t('to')}
          <input type="date" name="to" value={draft.to ?? ''} min={draft.from} aria-invalid={draftInverted} aria-describedby={draftInverted ? 'dashboard-range-error' : undefined} onChange={(e) => setDraft({ ...draft, to: e.target.value || undefined })} />
        </label>
        <label>
          {t('department')}
          <select name="department" value={draft.department ?? ''} onChange={(e) => setDraft({ ...draft, department: e.target.value || undefined })}>
            <option value="">{t('allDepartments')}</option>
            {departmentTree(departments, i18n.language).map(({ department: d, depth }) => (
              <option key={d.id} value={d.id}>{indentedName(d.name, depth)}</option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={draftInverted}>{t('apply')}</button>
        <button
          type="button"
          onClick={() => {
            setDraft({});
            apply({});
          }}
        >
          {t('reset')}
        </button>
      </form>
      {draftInverted || applied ? <p className="dashboard-range-error" role="alert" id="dashboard-range-error" data-testid="dashboard-range-error">{t('toBeforeFrom')}</p> : null}
      {load.state === 'loading' ? <p className="muted" aria-busy="true">{t('loading')}</p> : null}
      {load.state === 'error' ? <ErrorPanel error={load.error} title={t('loadFailed')} onRetry={() => setAttempt((n) => n + 1)} /> : null}
      {load.state === 'ready' && load.reports.length === 0 ? <NoWidgets designer={designerOnly} /> : null}
      {load.state === 'ready' && load.reports.length > 0 && !applied ? (
        <div className="dashboard-grid">
          {load.reports.map((definition) => (
            <DashboardWidget key={`${definition.key}@${definition.version}`} definition={definition} filters={filters} />
          ))}
        </div>
      ) : null}
    </div>
  );
}

/** No report on this dashboard: designers are told how to put one there, HR where the ready-made ones come from. */
function NoWidgets({ designer }: { designer: boolean }) {
  const { t } = useTranslation('dashboard');
  if (!designer) return <EmptyState title={t('noWidgets')}>{t('noWidgetsBody')}</EmptyState>;
  return (
    <div data-testid="dashboard-empty-designer">
      <EmptyState title={t('noWidgetsDesigner')} action={<Link to="/build?kind=report">{t('toReports')}</Link>}>{t('noWidgetsDesignerBody')}</EmptyState>
    </div>
  );
}

/** Both dates set and the end before the start (YYYY-MM-DD compares as text). */
function isInverted(filters: DashboardFilters): boolean {
  return Boolean(filters.from && filters.to && filters.to < filters.from);
}
