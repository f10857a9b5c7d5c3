/** A person as the engine sees them: enough to resolve assignees, route by attributes and escalate. */
export interface DirectoryUser {
  id: string;
  name: string;
  departmentId?: string;
  position?: string;
  managerId?: string;
  roles: string[];
  hireDate?: string;
  leaveDate?: string;
  email?: string;
  mobile?: string;
  attributes: Record<string, unknown>;
  /** false: deactivated in the directory (see person-presence.ts). Absent: active. */
  active?: boolean;
}

export interface DirectoryDepartment {
  id: string;
  name: string;
  parentId?: string;
  headId?: string;
}

/**
 * Read-only view of the organisation passed to the engine in ctx. The runtime backs it with the
 * database; simulations and tests back it with plain data. The engine never writes through it.
 */
export interface DirectoryReader {
  user(id: string): DirectoryUser | undefined;
  department(id: string): DirectoryDepartment | undefined;
  usersWithRole(role: string): DirectoryUser[];
  usersInDepartment(departmentId: string): DirectoryUser[];
}

export interface DirectoryData {
  users: DirectoryUser[];
  departments?: DirectoryDepartment[];
}

/** An in-memory directory for simulations, tests and the designer's preview. */
export function createMemoryDirectory(data: DirectoryData): DirectoryReader {
  const users = new Map(data.users.map((u) => [u.id, u]));
  const departments = new Map((data.departments ?? []).map((d) => [d.id, d]));
  return {
    user: (id) => users.get(id),
    department: (id) => departments.get(id),
    usersWithRole: (role) => data.users.filter((u) => u.roles.includes(role)),
    usersInDepartment: (departmentId) => data.users.filter((u) => u.departmentId === departmentId),
  };
}
