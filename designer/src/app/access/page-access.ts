import { mayUse } from '../role-access.js';

/** What a role-bound page shows: the roles are loading, their request failed, or the user may (not) enter. */
export type PageAccess = 'loading' | 'failed' | 'allowed' | 'denied';

/**
 * A page's access from the roles request (roles null until known; error when it failed) and the roles the
 * page needs (absent: everyone). A failure wins over "loading" so the page never waits forever.
 */
export function pageAccess(roles: readonly string[] | null, error: unknown, required: readonly string[] | undefined): PageAccess {
  if (!required) return 'allowed';
  if (roles === null) return error ? 'failed' : 'loading';
  return mayUse(roles, required) ? 'allowed' : 'denied';
}
