import { currentLocale } from '../../app/i18n/i18n.js';
import { useSession } from '../../app/session/session-store.js';
import { authApi } from './auth-api.js';

let installed = false;

/**
 * Signing out in the top bar clears the token from the browser; this also revokes it on the server
 * (POST /api/auth/logout), so a copied token stops working too. Best effort: the local sign-out happens
 * whatever the server answers.
 */
export function revokeTokensOnSignOut(): void {
  if (installed) return;
  installed = true;
  useSession.subscribe((state, previous) => {
    if (previous.token && !state.token) void authApi.logout(previous.token, currentLocale()).catch(() => undefined);
  });
}
