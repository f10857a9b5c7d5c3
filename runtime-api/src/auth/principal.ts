/** Who is calling: the token's user and the roles the token and the directory give them. */
export interface Principal {
  userId: string;
  roles: string[];
  tokenId: string;
}

/** Roles the runtime itself knows; the directory may name any others. */
export const ROLES = { admin: 'admin', designer: 'designer', hr: 'hr' } as const;

export function hasAnyRole(principal: Principal, allowed: readonly string[]): boolean {
  if (principal.roles.includes(ROLES.admin)) return true;
  return allowed.some((role) => principal.roles.includes(role));
}
