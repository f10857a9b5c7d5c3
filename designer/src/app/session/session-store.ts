import { create } from 'zustand';

const KEY = 'baton.token';

function readToken(): string | null {
  return globalThis.sessionStorage?.getItem(KEY) ?? globalThis.localStorage?.getItem(KEY) ?? null;
}

export interface SessionState {
  /** The API token the user pasted (until real sign-in exists). */
  token: string | null;
  /** Who the token belongs to, once the server confirmed it. */
  userId: string | null;
  signIn(token: string, userId: string | null, remember: boolean): void;
  signOut(): void;
}

/**
 * The signed-in session. The token lives in sessionStorage (gone with the tab) unless the user asked to
 * be remembered on this device (localStorage). Real sign-in (accounts, OIDC) replaces this later.
 */
export const useSession = create<SessionState>((set) => ({
  token: readToken(),
  userId: globalThis.sessionStorage?.getItem(KEY + '.user') ?? globalThis.localStorage?.getItem(KEY + '.user') ?? null,
  signIn(token, userId, remember) {
    const store = remember ? globalThis.localStorage : globalThis.sessionStorage;
    store?.setItem(KEY, token);
    if (userId) store?.setItem(KEY + '.user', userId);
    set({ token, userId });
  },
  signOut() {
    for (const store of [globalThis.localStorage, globalThis.sessionStorage]) {
      store?.removeItem(KEY);
      store?.removeItem(KEY + '.user');
    }
    set({ token: null, userId: null });
  },
}));
