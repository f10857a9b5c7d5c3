import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { DirectoryPeopleInput, DirectoryPeopleRow } from './directory-schemas.js';
import { countDirectoryUsers, searchDirectoryUsers } from './search-directory-users.js';

/**
 * HR's people list: the people search's page (same filters, order and keyset cursor), each person with
 * their manager (by name), roles and hire date. A second query reads those for the page's ids only, so the
 * search stays the one place that decides who is on a page. The first page (no cursor) also says how many
 * match in all, so the page can show "30 of 340" without reading every page.
 */
export async function listDirectoryPeople(
  db: Kysely<Database>,
  input: DirectoryPeopleInput & { limit: number; today: string },
): Promise<{ items: DirectoryPeopleRow[]; total: number | null; nextCursor: string | null }> {
  const page = await searchDirectoryUsers(db, input);
  const total = input.cursor !== undefined ? null : page.nextCursor === null ? page.items.length : await countDirectoryUsers(db, input);
  if (page.items.length === 0) return { items: [], total, nextCursor: page.nextCursor };
  const rows = await db
    .selectFrom('directory_users as u')
    .leftJoin('directory_users as m', 'm.id', 'u.manager_id')
    .select(['u.id', 'u.manager_id', 'u.roles', 'u.hire_date', 'm.name as manager_name'])
    .where(
      'u.id',
      'in',
      page.items.map((p) => p.id),
    )
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    items: page.items.map((person) => {
      const row = byId.get(person.id);
      const managerId = row?.manager_id ?? null;
      return {
        ...person,
        managerId,
        manager: managerId !== null && row?.manager_name != null ? { id: managerId, name: row.manager_name } : null,
        roles: row?.roles ?? [],
        hireDate: row?.hire_date ?? null,
      };
    }),
    total,
    nextCursor: page.nextCursor,
  };
}
