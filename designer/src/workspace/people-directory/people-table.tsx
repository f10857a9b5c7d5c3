import type { DirectoryPeopleRow } from '@baton/client';
import { useTranslation } from 'react-i18next';
import { presenceShown, statusLabelKey } from './person-status.js';
import { roleName } from './role-names.js';

/** The people list as a table; a name opens the person's panel. */
export function PeopleTable({ items, selected, onOpen }: { items: DirectoryPeopleRow[]; selected: string | null; onOpen: (id: string) => void }) {
  const { t } = useTranslation('peopleDirectory');
  const dash = t('none');
  return (
    <div className="table-scroll">
      <table className="data-table people-table" data-testid="people-table">
        <thead>
          <tr>
            <th scope="col">{t('colName')}</th>
            <th scope="col">{t('colDepartment')}</th>
            <th scope="col">{t('colPosition')}</th>
            <th scope="col">{t('colManager')}</th>
            <th scope="col">{t('colRoles')}</th>
            <th scope="col">{t('colHireDate')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((p) => (
            <tr key={p.id} data-person-id={p.id} aria-selected={selected === p.id} className={selected === p.id ? 'selected' : undefined}>
              <td>
                <button type="button" className="link" aria-label={t('openPerson', { name: p.name })} onClick={() => onOpen(p.id)}>
                  {p.name}
                </button>{' '}
                <span className="muted small">{p.id}</span>
                {presenceShown(p) !== 'active' ? (
                  <> <span className={presenceShown(p) === 'leaving' ? 'badge' : 'badge badge-draft'} data-presence={presenceShown(p)}>{t(statusLabelKey(presenceShown(p)), { date: p.leaveDate })}</span></>
                ) : null}
              </td>
              <td>{p.department?.name ?? p.departmentId ?? dash}</td>
              <td>{p.position ?? dash}</td>
              <td>{p.manager ? p.manager.name : p.managerId ? t('unknownManager', { id: p.managerId }) : dash}</td>
              <td>{p.roles.length > 0 ? p.roles.map((r) => <span key={r} className="badge people-role" title={r}>{roleName(t, r)}</span>) : dash}</td>
              <td>{p.hireDate ?? dash}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
