import { createClient, type BatonClient } from '@baton/client';
import { useMemo } from 'react';
import { useLocalized } from '../i18n/localized.js';
import { useSession } from './session-store.js';

/** Where the API is: the page's own origin (runtime-api serves the designer; Vite's dev server proxies /api). */
export function apiBaseUrl(): string {
  return globalThis.location.origin;
}

/** A typed client for the signed-in user, in the UI's language (so server messages come back in it). */
export function useApi(): BatonClient {
  const token = useSession((s) => s.token);
  const { locale } = useLocalized();
  return useMemo(() => createClient({ baseUrl: apiBaseUrl(), token: token ?? undefined, locale }), [token, locale]);
}
