/**
 * Which parts of the app a signed-in user's roles open, mirroring the server: writing definitions and every
 * packs route need `designer` (runtime-api definitions-routes.ts, packs-routes.ts), and `admin` passes every
 * role check (runtime-api auth/principal.ts hasAnyRole). Hiding what the server would refuse keeps plain users
 * out of pages that only fail for them.
 */
export const BUILDER_ROLES: readonly string[] = ['designer'];

/** Who gets the Connectors page: designers read settings, auditors deliveries (runtime-api connectors-routes.ts). */
export const CONNECTOR_VIEWER_ROLES: readonly string[] = ['designer', 'auditor'];

/** Whether roles (null: not known yet) satisfy a requirement (absent: everyone); admins satisfy any. */
export function mayUse(roles: readonly string[] | null, required: readonly string[] | undefined): boolean {
  if (!required) return true;
  if (roles === null) return false;
  return roles.includes('admin') || required.some((r) => roles.includes(r));
}

/** Where "/" leads: builders see the designer home, everyone else their inbox; null while roles load. */
export function landingOf(roles: readonly string[] | null): 'build-home' | 'inbox' | null {
  if (roles === null) return null;
  return mayUse(roles, BUILDER_ROLES) ? 'build-home' : 'inbox';
}
