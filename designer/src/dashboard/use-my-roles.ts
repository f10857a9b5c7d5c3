import { useEffect, useState } from 'react';
import { useLocalized } from '../app/i18n/localized.js';
import { useSession } from '../app/session/session-store.js';
import { authApi } from '../workspace/sign-in/auth-api.js';

// One GET /api/auth/me per token for the whole page (the nav and the dashboard ask for it).
const cache = new Map<string, Promise<string[]>>();

/** The signed-in user's roles (from /api/auth/me), or null until known (or when the route fails). */
export function useMyRoles(): string[] | null {
  const token = useSession((s) => s.token);
  const { locale } = useLocalized();
  const [roles, setRoles] = useState<string[] | null>(null);
  useEffect(() => {
    if (!token) return setRoles(null);
    let live = true;
    let pending = cache.get(token);
    if (!pending) {
      pending = authApi.me(token, locale).then((me) => me.roles);
      cache.set(token, pending);
      pending.catch(() => cache.delete(token));
    }
    pending.then((r) => live && setRoles(r)).catch(() => live && setRoles(null));
    return () => {
      live = false;
    };
    // The roles do not depend on the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [token]);
  return roles;
}
