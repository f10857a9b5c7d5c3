import type { Kysely } from 'kysely';
import type { Database, DirectoryUsersTable } from '../db/database.js';
import type { KeepableField, UserInputValue } from './directory-schemas.js';

/** Ids read at once: one query per chunk keeps the bound parameters far below PostgreSQL's 65 535. */
const READ_CHUNK = 5_000;

type StoredUser = Pick<DirectoryUsersTable, 'id' | 'department_id' | 'position' | 'manager_id' | 'hire_date' | 'leave_date' | 'email' | 'mobile'> & {
  roles: string[];
  attributes: Record<string, unknown>;
  active: boolean;
};

/** A stored row's value of a keepable field, as an import row would give it (undefined: nothing to keep). */
function storedValue(stored: StoredUser, field: KeepableField): unknown {
  switch (field) {
    case 'departmentId': return stored.department_id ?? undefined;
    case 'position': return stored.position ?? undefined;
    case 'managerId': return stored.manager_id ?? undefined;
    case 'roles': return stored.roles;
    case 'hireDate': return stored.hire_date ?? undefined;
    case 'leaveDate': return stored.leave_date ?? undefined;
    case 'email': return stored.email ?? undefined;
    case 'mobile': return stored.mobile ?? undefined;
    case 'attributes': return stored.attributes;
    case 'active': return stored.active;
  }
}

/**
 * An import replaces a person's whole record; `keep` names the fields a row that leaves them out must not
 * clear (a CSV with no column for them, or one that cannot hold them: attributes, switched off). The stored
 * people the import names are read in one query per few thousand ids, inside the import's transaction (rows
 * locked, so a concurrent import cannot change them between this read and the write), and each row that
 * lacks a kept field takes the stored value. Returns new rows; rows of new people are unchanged.
 */
export async function keepStoredFields(
  trx: Kysely<Database>,
  users: UserInputValue[],
  keep: readonly KeepableField[],
  // A dry run reads in a read-only transaction, where FOR UPDATE is refused (and nothing is written anyway).
  { lock = true }: { lock?: boolean } = {},
): Promise<UserInputValue[]> {
  if (keep.length === 0 || users.length === 0) return users;
  const stored = new Map<string, StoredUser>();
  const ids = [...new Set(users.map((u) => u.id))];
  for (let i = 0; i < ids.length; i += READ_CHUNK) {
    const query = trx
      .selectFrom('directory_users')
      .select(['id', 'department_id', 'position', 'manager_id', 'roles', 'hire_date', 'leave_date', 'email', 'mobile', 'attributes', 'active'])
      .where('id', 'in', ids.slice(i, i + READ_CHUNK));
    const rows = await (lock ? query.forUpdate() : query).execute();
    for (const r of rows) stored.set(r.id, r);
  }
  return users.map((user) => {
    const row = stored.get(user.id);
    if (!row) return user;
    const merged: Record<string, unknown> = { ...user };
    for (const field of keep) {
      if (merged[field] !== undefined) continue;
      const value = storedValue(row, field);
      if (value !== undefined) merged[field] = value;
    }
    return merged as UserInputValue;
  });
}
