import type { Locale } from '@baton/engine';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { csvCell } from '../reports/report-csv.js';
import type { DirectoryPeopleInput, DirectoryPeopleRow } from './directory-schemas.js';
import { listDirectoryPeople } from './list-directory-people.js';

/** People read per query while exporting: the list's own keyset pages, larger. */
const EXPORT_PAGE = 1_000;

type Column = 'id' | 'name' | 'departmentId' | 'department' | 'position' | 'managerId' | 'manager' | 'roles' | 'hireDate' | 'leaveDate' | 'status';

/**
 * Headers in the caller's language. They are spellings the People page's CSV import reads (工号, 姓名,
 * 部门编号, 上级工号, Hire date…), so an export edited in a spreadsheet imports back; Manager and Status
 * are for reading and the import ignores them.
 */
const HEADERS: Record<Locale, Record<Column, string>> = {
  en: {
    id: 'ID', name: 'Name', departmentId: 'Department ID', department: 'Department', position: 'Position', managerId: 'Manager ID',
    manager: 'Manager', roles: 'Roles', hireDate: 'Hire date', leaveDate: 'Leave date', status: 'Status',
  },
  'zh-CN': {
    id: '工号', name: '姓名', departmentId: '部门编号', department: '部门', position: '职位', managerId: '上级工号',
    manager: '上级', roles: '角色', hireDate: '入职日期', leaveDate: '离职日期', status: '状态',
  },
};

const STATUS_WORDS: Record<Locale, Record<'active' | 'leaving' | 'left' | 'inactive', string>> = {
  en: { active: 'Here', leaving: 'Leaving', left: 'Left', inactive: 'Inactive' },
  'zh-CN': { active: '在职', leaving: '离职中', left: '已离职', inactive: '已停用' },
};

const COLUMNS: Column[] = ['id', 'name', 'departmentId', 'department', 'position', 'managerId', 'manager', 'roles', 'hireDate', 'leaveDate', 'status'];

function cellOf(person: DirectoryPeopleRow, column: Column, locale: Locale): string | null {
  switch (column) {
    case 'department': return person.department?.name ?? null;
    case 'manager': return person.manager?.name ?? null;
    // Separated as the import splits them (a comma would split the cell in many spreadsheets' exports).
    case 'roles': return person.roles.join(';');
    // The page's own wording: an active person with a last day set is leaving.
    case 'status': return STATUS_WORDS[locale][person.status === 'active' && person.leaveDate ? 'leaving' : person.status];
    default: return person[column];
  }
}

/**
 * HR's people list as CSV, every page of it for the filters the page shows (status, department and below,
 * words), in the list's order: a UTF-8 byte-order mark (Excel then reads Chinese), headers in the caller's
 * language, formula-looking cells escaped. Pages through listDirectoryPeople so the list and the file can
 * never disagree on who matches.
 */
export async function peopleCsv(db: Kysely<Database>, filters: Omit<DirectoryPeopleInput, 'limit' | 'cursor' | 'id'>, today: string, locale: Locale): Promise<{ csv: string; rows: number }> {
  const lines = [COLUMNS.map((c) => csvCell(HEADERS[locale][c])).join(',')];
  let cursor: string | undefined;
  let rows = 0;
  do {
    const page = await listDirectoryPeople(db, { ...filters, limit: EXPORT_PAGE, today, ...(cursor !== undefined ? { cursor } : {}) });
    for (const person of page.items) lines.push(COLUMNS.map((c) => csvCell(cellOf(person, c, locale))).join(','));
    rows += page.items.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return { csv: '\uFEFF' + lines.join('\r\n') + '\r\n', rows };
}
