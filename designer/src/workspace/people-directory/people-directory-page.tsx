import type { DirectoryDepartment } from '@baton/client';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { pageAccess } from '../../app/access/page-access.js';
import { RolesStatus } from '../../app/access/roles-status.js';
import { ErrorPanel } from '../../app/errors/error-panel.js';
import { useApi } from '../../app/session/use-api.js';
import { EmptyState } from '../../app/ui/empty-state.js';
import { useMyRolesState } from '../../dashboard/use-my-roles.js';
import { departmentOptions } from './department-options.js';
import { DirectoryImport } from './directory-import.js';
import { PeopleExportButton } from './people-export-button.js';
import { PeopleTable } from './people-table.js';
import { PersonDetail } from './person-detail.js';
import { PEOPLE_SHOW, useDirectoryPeople, type PeopleFilters, type PeopleList, type PeopleShow } from './use-directory-people.js';
import './people-directory.css';

/** Who may use the page: the server's role on /directory/people and /directory/import (admins pass too). */
export const PEOPLE_ROLES: readonly string[] = ['hr'];

/** HR's people directory (/people): the guard, then the page. */
export function PeopleDirectoryPage() {
  const { t } = useTranslation('peopleDirectory');
  const location = useLocation();
  const { roles, error, retry } = useMyRolesState();
  const access = pageAccess(roles, error, PEOPLE_ROLES);
  if (access === 'loading' || access === 'failed') return <RolesStatus error={access === 'failed' ? error : null} onRetry={retry} />;
  if (access === 'denied') {
    return (
      <section className="empty-state" role="alert" data-testid="need-hr-role">
        <h1>{t('needHrTitle')}</h1>
        <p>{t('needHrBody', { path: location.pathname, roles: roles && roles.length > 0 ? roles.join(', ') : t('noRoles') })}</p>
        <p>{t('needHrHelp')}</p>
        <Link to="/inbox">{t('toInbox')}</Link>
      </section>
    );
  }
  return <PeopleDirectory />;
}

const SHOW_LABELS: Record<PeopleShow, 'showPresent' | 'showAll' | 'showLeaving' | 'showLeft' | 'showInactive'> = {
  present: 'showPresent',
  all: 'showAll',
  leaving: 'showLeaving',
  left: 'showLeft',
  inactive: 'showInactive',
};

/** What an empty status filter says (with no words typed). */
const EMPTY_STATUS: Partial<Record<PeopleShow, 'emptyLeaving' | 'emptyLeft' | 'emptyInactive'>> = { leaving: 'emptyLeaving', left: 'emptyLeft', inactive: 'emptyInactive' };

/** Search text waits for a pause in typing before it asks the server. */
function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function PeopleDirectory() {
  const { t } = useTranslation('peopleDirectory');
  const api = useApi();
  const [params, setParams] = useSearchParams();
  const [typed, setTyped] = useState(params.get('q') ?? '');
  const q = useDebounced(typed, 250);
  const department = params.get('department') ?? '';
  const show = PEOPLE_SHOW.find((s) => s === params.get('show')) ?? 'present';
  const selected = params.get('person');
  const [importing, setImporting] = useState(false);
  const [departments, setDepartments] = useState<DirectoryDepartment[]>([]);
  const [version, setVersion] = useState(0);
  const filters: PeopleFilters = useMemo(() => ({ q, department, show }), [q, department, show]);
  const list = useDirectoryPeople(filters);

  const update = (changes: Record<string, string | null>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) if (v) next.set(k, v); else next.delete(k);
        return next;
      },
      { replace: true },
    );
  useEffect(() => {
    if ((params.get('q') ?? '') !== q) update({ q: q || null });
    // The URL follows the settled search only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q]);
  useEffect(() => {
    let live = true;
    api.directory.departments().then((d) => live && setDepartments(d.items), () => undefined);
    return () => {
      live = false;
    };
  }, [api, version]);

  const imported = () => {
    setVersion((v) => v + 1);
    list.reload();
  };
  const clear = () => {
    setTyped('');
    update({ q: null, department: null, ...(show !== 'all' ? { show: null } : {}) });
  };

  return (
    <section className="people-page" data-testid="people-page">
      <div className="people-head">
        <h1>{t('title')}</h1>
        <div className="row">
          <PeopleExportButton filters={filters} disabled={list.items === null || list.items.length === 0} />
          {!importing ? <button type="button" className="primary" data-testid="open-import" onClick={() => setImporting(true)}>{t('importOpen')}</button> : null}
        </div>
      </div>
      <p className="muted">{t('intro')}</p>
      {importing ? <DirectoryImport onImported={imported} onClose={() => setImporting(false)} /> : null}
      <div className="row filters" role="search">
        <label>
          {t('search')}
          <input type="search" data-testid="people-search" placeholder={t('searchPlaceholder')} value={typed} onChange={(e) => setTyped(e.target.value)} />
        </label>
        <label>
          {t('department')}
          <select data-testid="people-department" value={department} onChange={(e) => update({ department: e.target.value || null })}>
            <option value="">{t('allDepartments')}</option>
            {departmentOptions(departments).map((d) => (
              <option key={d.id} value={d.id}>{'\u00a0\u00a0'.repeat(d.depth) + d.name}</option>
            ))}
          </select>
        </label>
        <label>
          {t('show')}
          <select data-testid="people-show" value={show} onChange={(e) => update({ show: e.target.value === 'present' ? null : e.target.value })}>
            {PEOPLE_SHOW.map((s) => (
              <option key={s} value={s}>{t(SHOW_LABELS[s])}</option>
            ))}
          </select>
        </label>
      </div>
      <div className={selected ? 'people-body with-detail' : 'people-body'}>
        <div className="people-list">
          <PeopleListBody list={list} q={q} show={show} department={department} selected={selected} onOpen={(id) => update({ person: id })} onImport={() => setImporting(true)} onClear={clear} onShowAll={() => update({ show: 'all' })} />
        </div>
        {selected ? <PersonDetail id={selected} version={version} onOpen={(id) => update({ person: id })} onClose={() => update({ person: null })} /> : null}
      </div>
    </section>
  );
}

interface BodyProps {
  list: PeopleList;
  q: string;
  show: PeopleShow;
  department: string;
  selected: string | null;
  onOpen: (id: string) => void;
  onImport: () => void;
  onClear: () => void;
  onShowAll: () => void;
}

/** The list, its count and "load more", or the empty state that says why it is empty and what to do. */
function PeopleListBody({ list, q, show, department, selected, onOpen, onImport, onClear, onShowAll }: BodyProps) {
  const { t } = useTranslation('peopleDirectory');
  if (list.error) return <ErrorPanel error={list.error} onRetry={list.reload} />;
  if (list.items === null) return <p role="status">{t('loading')}</p>;
  if (list.items.length === 0) {
    if (list.empty === 'none') {
      return (
        <EmptyState title={t('emptyNoneTitle')} action={<button type="button" className="primary" onClick={onImport}>{t('importFirst')}</button>}>
          {t('emptyNoneBody')}
        </EmptyState>
      );
    }
    if (list.empty === 'allLeft') {
      return <EmptyState title={t('emptyPresentTitle')} action={<button type="button" onClick={onShowAll}>{t('showEveryone')}</button>}>{t('emptyPresentBody')}</EmptyState>;
    }
    return (
      <EmptyState title={t('emptyNoMatchTitle')} action={<button type="button" onClick={onClear}>{t('clearFilters')}</button>}>
        {q.trim() ? t('emptyNoMatchBody', { q: q.trim() }) : EMPTY_STATUS[show] && !department ? t(EMPTY_STATUS[show]) : t('emptyNoMatchNoQuery')}
      </EmptyState>
    );
  }
  return (
    <>
      <p className="muted" role="status" data-testid="people-count">
        {!list.hasMore ? t('shown', { count: list.items.length }) : list.total !== null ? t('shownOf', { count: list.items.length, total: list.total }) : t('shownMore', { count: list.items.length })}
      </p>
      <PeopleTable items={list.items} selected={selected} onOpen={onOpen} />
      {list.hasMore ? (
        <button type="button" data-testid="people-load-more" disabled={list.loading} onClick={list.loadMore}>
          {list.loading ? t('loading') : t('loadMore')}
        </button>
      ) : null}
    </>
  );
}
