import { useEffect, useState, useSyncExternalStore } from 'react';
import { useLocalized } from '../app/i18n/localized.js';
import { useSession } from '../app/session/session-store.js';
import { authApi } from '../workspace/sign-in/auth-api.js';

// One GET /api/auth/me per token for the whole page (the nav and the dashboard ask for it).
const cache = new Map<string, Promise<string[]>>();

// Asking again anywhere (the home page, the designer guard) asks again for every user of the roles (the nav too).
let generation = 0;
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
function askAgain(): void {
  generation += 1;
  for (const listener of listeners) listener();
}

/** The roles request's state: roles when known, the error when it failed, and a way to ask again. */
export interface MyRolesState {
  roles: string[] | null;
  error: unknown;
  retry: () => void;
}

/** The signed-in user's roles (from /api/auth/me) with the failure, if any, and a retry (which asks the server again). */
export function useMyRolesState(): MyRolesState {
  const token = useSession((s) => s.token);
  const { locale } = useLocalized();
  const [roles, setRoles] = useState<string[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const attempt = useSyncExternalStore(subscribe, () => generation);
  useEffect(() => {
    setError(null);
    if (!token) return setRoles(null);
    let live = true;
    let pending = cache.get(token);
    if (!pending) {
      pending = authApi.me(token, locale).then((me) => me.roles);
      cache.set(token, pending);
      // A failed request is forgotten, so the next attempt (retry, another page) asks again.
      pending.catch(() => cache.delete(token));
    }
    pending
      .then((r) => live && setRoles(r))
      .catch((cause: unknown) => {
        if (!live) return;
        setRoles(null);
        setError(cause ?? new Error('roles request failed'));
      });
    return () => {
      live = false;
    };
    // The roles do not depend on the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [token, attempt]);
  return { roles, error, retry: askAgain };
}

/** The signed-in user's roles (from /api/auth/me), or null until known (or when the route fails). */
export function useMyRoles(): string[] | null {
  return useMyRolesState().roles;
}
