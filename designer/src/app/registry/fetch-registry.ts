import { BatonApiError, type ErrorBody } from '@baton/client';
import type { RegistryCatalogue } from '@baton/engine';

/**
 * GET /api/registry. packages/client has no method for this route yet, so this one call is made here with
 * the client's error model (BatonApiError with the server's code, path and issues).
 */
export async function fetchRegistry(baseUrl: string, token: string | null, signal?: AbortSignal): Promise<RegistryCatalogue> {
  const request = 'GET /api/registry';
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/api/registry`, {
      headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(signal ? { signal } : {}),
    });
  } catch (cause) {
    throw new BatonApiError({ status: 0, code: 'BATON_E_NETWORK', message: `${request} failed: ${String(cause)}`, request, cause });
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (response.ok && body && typeof body === 'object') return body as RegistryCatalogue;
  const error = (body as Partial<ErrorBody> | undefined)?.error;
  if (error && typeof error.code === 'string') {
    throw new BatonApiError({ status: response.status, code: error.code, message: error.message, path: error.path, issues: error.issues ?? [], request });
  }
  throw new BatonApiError({
    status: response.status,
    code: 'BATON_E_UNEXPECTED_RESPONSE',
    message: `${request} answered ${response.status} without a Baton error body`,
    request,
  });
}
