import { BatonApiError } from '@baton/client';
import type { Locale } from '@baton/engine';
import { apiBaseUrl } from '../../app/session/use-api.js';

/** The signed-in person as GET /api/auth/me describes them. */
export interface SessionUser {
  id: string;
  name: string;
  roles: string[];
  locale: Locale | null;
  departmentId: string | null;
  email: string | null;
}

export interface SessionAnswer {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

/** GET /api/auth/providers: the sign-in methods this server offers. */
export interface SignInProviders {
  password: boolean;
  demo: boolean;
  oidc: { name: string; startUrl: string } | null;
}

export interface DemoPerson {
  id: string;
  name: string;
  roles: string[];
  departmentId: string | null;
  position: string | null;
}

/**
 * The sign-in routes (runtime-api/src/accounts), which @baton/client does not cover yet: a plain fetch
 * that throws the same BatonApiError as the client, so the error panel shows code, path and message.
 */
async function call<T>(method: 'GET' | 'POST', path: string, locale: Locale, body?: unknown, token?: string): Promise<T> {
  const request = `${method} /api${path}`;
  let response: Response;
  try {
    response = await fetch(`${apiBaseUrl()}/api${path}`, {
      method,
      headers: {
        'accept-language': locale,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (cause) {
    throw new BatonApiError({ status: 0, code: 'BATON_E_NETWORK', message: String(cause), request, cause });
  }
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!response.ok) {
    const error = (parsed as { error?: { code?: string; message?: string; path?: string; issues?: [] } } | null)?.error;
    const retry = Number(response.headers.get('retry-after'));
    throw new BatonApiError({
      status: response.status,
      code: error?.code ?? 'BATON_E_UNEXPECTED_RESPONSE',
      message: error?.message ?? `${response.status} ${response.statusText}`,
      path: error?.path ?? '',
      issues: error?.issues ?? [],
      request,
      retryAfter: Number.isFinite(retry) && retry > 0 ? retry : undefined,
    });
  }
  return parsed as T;
}

export const authApi = {
  login: (username: string, password: string, locale: Locale) => call<SessionAnswer>('POST', '/auth/login', locale, { username, password }),
  providers: (locale: Locale) => call<SignInProviders>('GET', '/auth/providers', locale),
  /** Exchanges the one-time hand-off of a finished OIDC sign-in (the callback put it in the URL fragment). */
  oidcSession: (handoff: string, locale: Locale) => call<SessionAnswer & { returnTo: string }>('POST', '/auth/oidc/session', locale, { handoff }),
  demoUsers: (locale: Locale) => call<{ items: DemoPerson[] }>('GET', '/auth/demo-users', locale),
  demoLogin: (userId: string, locale: Locale) => call<SessionAnswer>('POST', '/auth/demo-login', locale, { userId }),
  me: (token: string, locale: Locale) => call<SessionUser>('GET', '/auth/me', locale, undefined, token),
  logout: (token: string, locale: Locale) => call<{ ok: true }>('POST', '/auth/logout', locale, {}, token),
};
