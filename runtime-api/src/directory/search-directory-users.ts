import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { ApiError } from '../errors/api-error.js';
import type { DirectoryPerson, DirectorySearchInput, PeopleStatus } from './directory-schemas.js';
import { presenceOfRow } from './person-presence.js';
import './directory-errors.js';

/** Words a search is split into; more are ignored (a name is a few words, not a sentence). */
const MAX_WORDS = 5;

/** Keyset position: the last row's (name, id), base64url JSON so any name survives the query string. */
function encodeCursor(name: string, id: string): string {
  return Buffer.from(JSON.stringify([name, id])).toString('base64url');
}

function decodeCursor(cursor: string): { name: string; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && typeof parsed[1] === 'string' && !`${parsed[0]}${parsed[1]}`.includes('\u0000')) {
      return { name: parsed[0], id: parsed[1] };
    }
  } catch {
    // falls through to the error below
  }
  throw new ApiError('BATON_E_DIRECTORY_CURSOR_INVALID', { cursor: cursor.slice(0, 40) }, [], '/querystring/cursor');
}

/** A word as a LIKE pattern matching it anywhere: `%`, `_` and `\` the person typed are literal. */
export function containsPattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function searchWords(q: string | undefined): string[] {
  return (q ?? '').trim().split(/\s+/u).filter(Boolean).slice(0, MAX_WORDS);
}

/** How many people the search's filters match, on every page together (HR's list shows it). */
export async function countDirectoryUsers(db: Kysely<Database>, input: DirectorySearchInput & { today: string; status?: PeopleStatus | undefined }): Promise<number> {
  const row = await matchingUsers(db, input).select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Presence as a WHERE clause, the same rule as presenceOfRow (a leave date of today is still present). */
function byPresence(query: UsersQuery, include: DirectorySearchInput['include'], status: PeopleStatus | undefined, today: string): UsersQuery {
  const todayDate = sql<string>`${today}::date`;
  switch (status) {
    case 'left':
      return query.where('u.leave_date', '<', todayDate);
    case 'leaving':
      return query.where('u.active', '=', true).where('u.leave_date', '>=', todayDate);
    case 'inactive':
      return query.where('u.active', '=', false).where((eb) => eb.or([eb('u.leave_date', 'is', null), eb('u.leave_date', '>=', todayDate)]));
    default:
      if (include === 'all') return query;
      return query.where('u.active', '=', true).where((eb) => eb.or([eb('u.leave_date', 'is', null), eb('u.leave_date', '>=', todayDate)]));
  }
}

function usersWithDepartment(db: Kysely<Database>) {
  return db.selectFrom('directory_users as u').leftJoin('directory_departments as d', 'd.id', 'u.department_id');
}
type UsersQuery = ReturnType<typeof usersWithDepartment>;

/** The people the filters match (presence, words, ids, departments and below), before the cursor. */
function matchingUsers(db: Kysely<Database>, input: DirectorySearchInput & { today: string; status?: PeopleStatus | undefined }): UsersQuery {
  let query = byPresence(usersWithDepartment(db), input.include, input.status, input.today);
  for (const word of searchWords(input.q)) {
    const pattern = containsPattern(word);
    query = query.where((eb) => eb.or([eb('u.name', 'ilike', pattern), eb('u.id', 'ilike', pattern)]));
  }
  if (input.id !== undefined) query = query.where('u.id', 'in', input.id.length > 0 ? input.id : ['']);
  if (input.department !== undefined && input.department.length > 0) {
    // The departments and every one below them (imports refuse parent cycles; UNION stops on one anyway).
    const roots = sql.join(input.department.map((d) => sql`${d}`));
    query = query.where(
      'u.department_id',
      'in',
      sql<string>`(with recursive below(id) as (
        select id from directory_departments where id in (${roots})
        union select c.id from directory_departments c join below on c.parent_id = below.id
      ) select id from below)`,
    );
  }
  return query;
}

/**
 * People by name then id, each word of `q` found in the name or the id (ILIKE: any script, ASCII case
 * folded), optionally within departments and the departments below them, keyset-paged on (name, id) so a
 * page stays stable while the directory is re-imported. The (name, id) indexes of migration 0017 let an
 * unfiltered or department page stop after `limit` rows; a word filter scans at most the directory.
 * Unless `include` is "all", only people present on `today` (the organisation's date) are listed: the
 * filter sits in the WHERE clause, so the (name, id) keyset pages over exactly the people shown. `status`
 * (HR's list) narrows to the leaving, the left or the switched off instead.
 */
export async function searchDirectoryUsers(
  db: Kysely<Database>,
  input: DirectorySearchInput & { limit: number; today: string; status?: PeopleStatus | undefined },
): Promise<{ items: DirectoryPerson[]; nextCursor: string | null }> {
  let query = matchingUsers(db, input).select(['u.id', 'u.name', 'u.department_id', 'u.position', 'u.active', 'u.leave_date', 'd.name as department_name']);
  if (input.cursor !== undefined) {
    const after = decodeCursor(input.cursor);
    query = query.where(sql<boolean>`(u.name, u.id) > (${after.name}, ${after.id})`);
  }
  const rows = await query.orderBy('u.name').orderBy('u.id').limit(input.limit + 1).execute();
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      name: r.name,
      departmentId: r.department_id,
      department: r.department_id && r.department_name !== null ? { id: r.department_id, name: r.department_name } : null,
      position: r.position,
      active: r.active,
      status: presenceOfRow(r, input.today),
      leaveDate: r.leave_date,
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.name, last.id) : null,
  };
}
