import type { DirectoryDepartment, DirectoryReader, DirectoryUser } from '@baton/engine';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';

interface Snapshot {
  version: number;
  reader: DirectoryReader;
}

/**
 * Everyone is findable by id (an offboarded employee is often deactivated while their instance runs), but
 * only active users are candidates of a role or department.
 */
function buildReader(users: DirectoryUser[], inactive: Set<string>, departments: DirectoryDepartment[]): DirectoryReader {
  const byId = new Map(users.map((u) => [u.id, u]));
  const deptById = new Map(departments.map((d) => [d.id, d]));
  const byRole = new Map<string, DirectoryUser[]>();
  const byDepartment = new Map<string, DirectoryUser[]>();
  for (const user of users) {
    if (inactive.has(user.id)) continue;
    for (const role of user.roles) {
      const list = byRole.get(role) ?? [];
      list.push(user);
      byRole.set(role, list);
    }
    if (user.departmentId) {
      const list = byDepartment.get(user.departmentId) ?? [];
      list.push(user);
      byDepartment.set(user.departmentId, list);
    }
  }
  return {
    user: (id) => byId.get(id),
    department: (id) => deptById.get(id),
    usersWithRole: (role) => byRole.get(role) ?? [],
    usersInDepartment: (id) => byDepartment.get(id) ?? [],
  };
}

/** Drops nulls: the engine's directory types use absent optional fields, not null. */
function userOf(row: {
  id: string; name: string; department_id: string | null; position: string | null; manager_id: string | null;
  roles: string[]; hire_date: string | null; leave_date: string | null; email: string | null; mobile: string | null;
  attributes: Record<string, unknown>; active: boolean;
}): DirectoryUser {
  const user: DirectoryUser = { id: row.id, name: row.name, roles: row.roles, attributes: row.attributes };
  // Only a deactivated person carries the flag (absent = active), so the engine can tell them apart.
  if (!row.active) user.active = false;
  if (row.department_id !== null) user.departmentId = row.department_id;
  if (row.position !== null) user.position = row.position;
  if (row.manager_id !== null) user.managerId = row.manager_id;
  if (row.hire_date !== null) user.hireDate = row.hire_date;
  if (row.leave_date !== null) user.leaveDate = row.leave_date;
  if (row.email !== null) user.email = row.email;
  if (row.mobile !== null) user.mobile = row.mobile;
  return user;
}

/**
 * The engine reads the organisation synchronously, so each process keeps the directory in memory and
 * reloads it when `directory_version` (bumped by every directory import, in its transaction) moves.
 * The check is one primary-key read per command (folded into the command's first statement, see
 * command-versions.ts), inside the command's transaction, so a command never runs on a directory older than
 * the last import it can see.
 */
export class DirectorySnapshotCache {
  private snapshot: Snapshot | undefined;

  /** `known`: the directory version the transaction already read (commands read it with the catalog's). */
  async reader(trx: Kysely<Database>, known?: number): Promise<DirectoryReader> {
    const version = known ?? Number((await trx.selectFrom('directory_version').select('version').where('id', '=', 1).executeTakeFirst())?.version ?? 0);
    if (this.snapshot && this.snapshot.version === version) return this.snapshot.reader;
    // Loaded through this transaction: on PGlite the outer connection is busy with it.
    const loaded = await this.load(trx, version);
    if (!this.snapshot || this.snapshot.version <= version) this.snapshot = loaded;
    return loaded.reader;
  }

  private async load(trx: Kysely<Database>, version: number): Promise<Snapshot> {
    const users = await trx
      .selectFrom('directory_users')
      .select(['id', 'name', 'department_id', 'position', 'manager_id', 'roles', 'hire_date', 'leave_date', 'email', 'mobile', 'attributes', 'active'])
      .execute();
    const departments = await trx.selectFrom('directory_departments').select(['id', 'name', 'parent_id', 'head_id']).execute();
    const depts = departments.map((d) => {
      const dept: DirectoryDepartment = { id: d.id, name: d.name };
      if (d.parent_id !== null) dept.parentId = d.parent_id;
      if (d.head_id !== null) dept.headId = d.head_id;
      return dept;
    });
    return { version, reader: buildReader(users.map(userOf), new Set(users.filter((u) => !u.active).map((u) => u.id)), depts) };
  }
}

/** Called by the directory import in its transaction: every process reloads its snapshot on its next command. */
export async function bumpDirectoryVersion(trx: Kysely<Database>): Promise<void> {
  await sql`update directory_version set version = version + 1 where id = 1`.execute(trx);
}
