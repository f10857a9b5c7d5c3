import { createHash } from 'node:crypto';
import * as client from 'openid-client';
import type { HostResolver } from '../../connectors/connector-type.js';
import { ApiError } from '../../errors/api-error.js';
import { oidcFetch } from './oidc-fetch.js';
import type { OidcSettings } from './oidc-settings.js';
import './oidc-errors.js';

/** Discovery answers are kept this long per process (JWKS has openid-client's own cache inside). */
const DISCOVERY_TTL_MS = 10 * 60 * 1000;
const TIMEOUT_MS = 8_000;

interface Cached {
  config: client.Configuration;
  at: number;
}

function keyOf(settings: OidcSettings): string {
  return createHash('sha256').update(JSON.stringify(settings)).digest('hex');
}

function chain(err: unknown): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  let current: unknown = err;
  for (let i = 0; i < 4 && current && typeof current === 'object'; i += 1) {
    out.push(current as Record<string, unknown>);
    current = (current as { cause?: unknown }).cause;
  }
  return out;
}

/**
 * Turns openid-client's failures into catalogue errors. Its messages stay in the server log only: they
 * may quote claims, so the caller sees a code and a short reason.
 */
export function oidcFailure(err: unknown, settings: OidcSettings): ApiError {
  // Our own fetch's refusals (SSRF guard, unreachable) arrive wrapped by openid-client.
  for (let cause: unknown = err, i = 0; cause && i < 4; cause = (cause as { cause?: unknown }).cause, i += 1) {
    if (cause instanceof ApiError) return cause;
  }
  if (err instanceof client.AuthorizationResponseError) {
    return new ApiError('BATON_E_OIDC_PROVIDER_REFUSED', { reason: String(err.error).slice(0, 80) }, [], '/query/error');
  }
  if (err instanceof client.ResponseBodyError) {
    return new ApiError('BATON_E_OIDC_CODE_REJECTED', { reason: String(err.error).slice(0, 80) }, [], '/query/code');
  }
  const links = chain(err);
  const codes = links.map((l) => l.code).filter((c): c is string => typeof c === 'string');
  const claim = links.map((l) => l.claim).find((c): c is string => typeof c === 'string');
  const messages = links.map((l) => (typeof l.message === 'string' ? l.message : '')).join(' | ');
  if (codes.includes('OAUTH_JWT_TIMESTAMP_CHECK_FAILED')) return new ApiError('BATON_E_OIDC_TOKEN_EXPIRED', { claim: claim ?? 'exp' }, [], '/id_token/' + (claim ?? 'exp'));
  if (codes.includes('OAUTH_JWT_CLAIM_COMPARISON_FAILED') && claim === 'nonce') return new ApiError('BATON_E_OIDC_NONCE_MISMATCH', {}, [], '/id_token/nonce');
  if (codes.includes('OAUTH_KEY_SELECTION_FAILED') || /signature verification failed/i.test(messages)) {
    return new ApiError('BATON_E_OIDC_SIGNATURE_INVALID', {}, [], '/id_token');
  }
  if (codes.includes('OAUTH_JWT_CLAIM_COMPARISON_FAILED') || codes.includes('OAUTH_INVALID_RESPONSE') || codes.includes('OAUTH_PARSE_ERROR')) {
    return new ApiError('BATON_E_OIDC_TOKEN_INVALID', { reason: claim ? `"${claim}" claim` : (links.at(-1)?.message as string | undefined)?.slice(0, 120) ?? 'invalid' }, [], '/id_token' + (claim ? '/' + claim : ''));
  }
  const reason = (links[0]?.message as string | undefined)?.slice(0, 160) ?? 'unexpected answer';
  return new ApiError('BATON_E_OIDC_PROVIDER_UNREACHABLE', { url: settings.issuer, reason });
}

/** openid-client configurations per settings, discovered once and reused for DISCOVERY_TTL_MS. */
export class OidcClients {
  readonly #cache = new Map<string, Cached>();
  readonly #resolve: () => HostResolver;

  /** `resolve` is read per call, so tests that swap the connectors' resolver are followed. */
  constructor(resolve: () => HostResolver) {
    this.#resolve = resolve;
  }

  async configuration(settings: OidcSettings): Promise<client.Configuration> {
    const key = keyOf(settings);
    const hit = this.#cache.get(key);
    if (hit && Date.now() - hit.at < DISCOVERY_TTL_MS) return hit.config;
    const fetch = oidcFetch({ allowHosts: settings.allowHosts, resolve: this.#resolve(), timeoutMs: TIMEOUT_MS, secrets: settings.clientSecret ? [settings.clientSecret] : [] });
    const insecure = new URL(settings.issuer).protocol === 'http:';
    let config: client.Configuration;
    try {
      config = await client.discovery(
        new URL(settings.issuer),
        settings.clientId,
        settings.clientSecret ? { client_secret: settings.clientSecret } : undefined,
        settings.clientSecret ? client.ClientSecretBasic(settings.clientSecret) : client.None(),
        {
          [client.customFetch]: fetch,
          timeout: TIMEOUT_MS / 1000,
          // The ID token's signature is checked against the provider's JWKS, not only trusted for
          // arriving over TLS; plain http only for a provider the operator allow-listed (settings check).
          execute: insecure ? [client.allowInsecureRequests, client.enableNonRepudiationChecks] : [client.enableNonRepudiationChecks],
        },
      );
    } catch (err) {
      throw oidcFailure(err, settings);
    }
    this.#cache.clear();
    this.#cache.set(key, { config, at: Date.now() });
    return config;
  }
}
