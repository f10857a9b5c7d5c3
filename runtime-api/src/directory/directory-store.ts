import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { bumpDirectoryVersion } from '../execution/directory-snapshot.js';
import type { ExistingDirectory } from './check-directory-import.js';
import type { DepartmentInputValue, UserInputValue } from './directory-schemas.js';

const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * The stored ids and links an import is checked against. It reads the whole directory's ids: an import
 * is rare and a cycle may run through users the import does not mention.
 */
export async function loadExistingDirectory(trx: Kysely<Database>): Promise<ExistingDirectory> {
  const users = await trx.selectFrom('directory_users').select(['id', 'manager_id']).execute();
  const departments = await trx.selectFrom('directory_departments').select(['id', 'parent_id']).execute();
  return {
    userIds: new Set(users.map((u) => u.id)),
    departmentIds: new Set(departments.map((d) => d.id)),
    managerOf: new Map(users.map((u) => [u.id, u.manager_id])),
    parentOf: new Map(departments.map((d) => [d.id, d.parent_id])),
  };
}

export interface UpsertCount {
  inserted: number;
  updated: number;
}

// xmax = 0 only on a freshly inserted row: tells inserts from updates in one round trip.
const insertedFlag = sql<boolean>`(xmax = 0)`.as('inserted');

function count(rows: Array<{ inserted: boolean }>, into: UpsertCount): void {
  for (const r of rows) {
    if (r.inserted) into.inserted += 1;
    else into.updated += 1;
  }
}

export async function upsertDepartments(trx: Kysely<Database>, departments: DepartmentInputValue[]): Promise<UpsertCount> {
  const result = { inserted: 0, updated: 0 };
  for (const batch of chunks(departments)) {
    const rows = await trx
      .insertInto('directory_departments')
      .values(batch.map((d) => ({ id: d.id, name: d.name, parent_id: d.parentId ?? null, head_id: d.headId ?? null })))
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          parent_id: eb.ref('excluded.parent_id'),
          head_id: eb.ref('excluded.head_id'),
          updated_at: sql`now()`,
        })),
      )
      .returning(insertedFlag)
      .execute();
    count(rows, result);
  }
  // Every writer of the directory bumps its version in the same transaction, so every process reloads
  // its in-memory snapshot (the engine's synchronous DirectoryReader) on its next command.
  if (departments.length > 0) await bumpDirectoryVersion(trx);
  return result;
}

export async function upsertUsers(trx: Kysely<Database>, users: UserInputValue[]): Promise<UpsertCount> {
  const result = { inserted: 0, updated: 0 };
  for (const batch of chunks(users)) {
    const rows = await trx
      .insertInto('directory_users')
      .values(
        batch.map((u) => ({
          id: u.id,
          name: u.name,
          department_id: u.departmentId ?? null,
          position: u.position ?? null,
          manager_id: u.managerId ?? null,
          roles: JSON.stringify(u.roles ?? []),
          hire_date: u.hireDate ?? null,
          leave_date: u.leaveDate ?? null,
          email: u.email ?? null,
          mobile: u.mobile ?? null,
          attributes: JSON.stringify(u.attributes ?? {}),
          active: u.active ?? true,
        })),
      )
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          department_id: eb.ref('excluded.department_id'),
          position: eb.ref('excluded.position'),
          manager_id: eb.ref('excluded.manager_id'),
          roles: eb.ref('excluded.roles'),
          hire_date: eb.ref('excluded.hire_date'),
          leave_date: eb.ref('excluded.leave_date'),
          email: eb.ref('excluded.email'),
          mobile: eb.ref('excluded.mobile'),
          attributes: eb.ref('excluded.attributes'),
          active: eb.ref('excluded.active'),
          updated_at: sql`now()`,
        })),
      )
      .returning(insertedFlag)
      .execute();
    count(rows, result);
  }
  if (users.length > 0) await bumpDirectoryVersion(trx);
  return result;
}

export async function findUser(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('directory_users as u')
    .leftJoin('directory_departments as d', 'd.id', 'u.department_id')
    .selectAll('u')
    .select(['d.name as department_name'])
    .where('u.id', '=', id)
    .executeTakeFirst();
}

/** Every department, by name then id (a few hundred rows in a large organisation). */
export async function listDepartments(db: Kysely<Database>): Promise<Array<{ id: string; name: string; parentId: string | null }>> {
  const rows = await db.selectFrom('directory_departments').select(['id', 'name', 'parent_id']).orderBy('name').orderBy('id').limit(5_000).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, parentId: r.parent_id }));
}

/** Every role some directory user holds, with how many hold it (active or not), by name. */
export async function listDirectoryRoles(db: Kysely<Database>): Promise<Array<{ role: string; holders: number }>> {
  const result = await sql<{ role: string; holders: string | number }>`
    select r.role, count(*) as holders
    from directory_users u cross join lateral jsonb_array_elements_text(u.roles) as r(role)
    group by r.role order by r.role limit 1000`.execute(db);
  return result.rows.map((r) => ({ role: r.role, holders: Number(r.holders) }));
}
