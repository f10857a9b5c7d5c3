/** Roles the runtime itself checks (runtime-api auth/principal.ts ROLES): offered even when nobody holds them yet. */
export const BUILT_IN_ROLES: readonly string[] = ['admin', 'designer', 'hr'];

/** A role a picker offers: its name, how many people hold it (unknown for built-ins nobody holds) and whether the runtime knows it. */
export interface KnownRole {
  role: string;
  holders: number | null;
  builtIn: boolean;
}

/**
 * The roles to offer: every role held in the directory plus the built-in ones, each once, by name. Roles
 * already chosen that neither list knows (a new role, one whose holders left) are kept, so they still show.
 */
export function knownRoles(directory: readonly { role: string; holders: number }[], chosen: readonly string[] = []): KnownRole[] {
  const byName = new Map<string, KnownRole>();
  for (const role of BUILT_IN_ROLES) byName.set(role, { role, holders: null, builtIn: true });
  for (const { role, holders } of directory) {
    if (role.trim() === '') continue;
    byName.set(role, { role, holders, builtIn: BUILT_IN_ROLES.includes(role) });
  }
  for (const role of chosen) if (role.trim() !== '' && !byName.has(role)) byName.set(role, { role, holders: null, builtIn: false });
  return [...byName.values()].sort((a, b) => a.role.localeCompare(b.role));
}
