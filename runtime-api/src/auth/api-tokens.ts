import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { Principal } from './principal.js';

/** sha256 hex: tokens are random and long, so a fast hash is enough and lookups stay one index probe. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** 256 random bits, prefixed so a leaked token is recognisable by secret scanners. */
export function generateToken(): string {
  return 'baton_' + randomBytes(32).toString('base64url');
}

export interface NewToken {
  userId: string;
  roles: string[];
  label?: string | null;
  expiresAt?: Date | null;
  createdBy: string;
  /** A fixed id (the bootstrap token); random otherwise. */
  id?: string;
  /** The plaintext; generated when absent. */
  token?: string;
}

export interface IssuedToken {
  id: string;
  token: string;
  userId: string;
  roles: string[];
  label: string | null;
  expiresAt: Date | null;
}

export async function insertToken(db: Kysely<Database>, input: NewToken): Promise<IssuedToken> {
  const token = input.token ?? generateToken();
  const id = input.id ?? randomUUID();
  await db
    .insertInto('api_tokens')
    .values({
      id,
      token_hash: hashToken(token),
      user_id: input.userId,
      roles: JSON.stringify(input.roles),
      label: input.label ?? null,
      created_by: input.createdBy,
      expires_at: input.expiresAt ?? null,
    })
    .execute();
  return { id, token, userId: input.userId, roles: input.roles, label: input.label ?? null, expiresAt: input.expiresAt ?? null };
}

/**
 * How long this process trusts a principal it looked up: a token used by a busy client is read once per
 * window, not once per request (a round trip and a commit each). Revocations and directory changes made
 * through this process clear the cache at once (`forgetPrincipals`); made by another process, they apply
 * here within this many milliseconds (runtime-api README, "Token cache").
 */
export const PRINCIPAL_CACHE_TTL_MS = 2_000;
const PRINCIPAL_CACHE_MAX = 10_000;

interface CachedPrincipal { principal: Principal; until: number; generation: number }
/** Per database (tests open many with the same token strings), keyed by token hash. */
const principalCaches = new WeakMap<Kysely<Database>, Map<string, CachedPrincipal>>();
/** Bumped by `forgetPrincipals`: entries from an older generation are not used, in every database. */
let generation = 0;

/**
 * Drops every cached principal of this process: call after a write to tokens or the directory has
 * committed (a write seen before its commit could be cached stale again).
 */
export function forgetPrincipals(): void {
  generation += 1;
}

/**
 * The principal a token's hash maps to in this process's cache, if the entry is still good (a fresh copy:
 * callers may not change the cached one). The request path's synchronous fast path; undefined means
 * "ask principalForToken", never "invalid".
 */
export function cachedPrincipal(db: Kysely<Database>, tokenHash: string): Principal | undefined {
  const hit = principalCaches.get(db)?.get(tokenHash);
  if (hit && hit.until > Date.now() && hit.generation === generation) return { ...hit.principal, roles: [...hit.principal.roles] };
  return undefined;
}

/**
 * The principal behind a token, or null when it is unknown, expired, revoked, or its directory user has
 * been deactivated. Roles are the token's own plus the user's current directory roles, so a change in the
 * directory applies at once in this process (see `forgetPrincipals`). Only valid tokens are cached, and
 * never past their expiry. `tokenHash`: hashToken(token), when the caller has it already.
 */
export async function principalForToken(db: Kysely<Database>, token: string, tokenHash: string = hashToken(token)): Promise<Principal | null> {
  const lookedUpIn = generation;
  let cache = principalCaches.get(db);
  const now = Date.now();
  const hit = cache?.get(tokenHash);
  if (hit && hit.until > now && hit.generation === generation) return { ...hit.principal, roles: [...hit.principal.roles] };
  const row = await db
    .selectFrom('api_tokens as t')
    .leftJoin('directory_users as u', 'u.id', 't.user_id')
    .select(['t.id', 't.user_id', 't.roles', 't.expires_at', 'u.roles as user_roles', 'u.active as user_active'])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', sql<Date>`now()`)]))
    .executeTakeFirst();
  if (!row || row.user_active === false) {
    cache?.delete(tokenHash);
    return null;
  }
  const roles = new Set<string>([...row.roles, ...(row.user_roles ?? [])]);
  const principal: Principal = { userId: row.user_id, roles: [...roles].sort(), tokenId: row.id };
  if (!cache) principalCaches.set(db, (cache = new Map()));
  if (cache.size >= PRINCIPAL_CACHE_MAX) cache.clear();
  const expires = row.expires_at ? new Date(row.expires_at).getTime() : Infinity;
  // A forget during the lookup may cover a write this read did not see: use the row, do not keep it.
  if (lookedUpIn === generation) cache.set(tokenHash, { principal, until: Math.min(now + PRINCIPAL_CACHE_TTL_MS, expires), generation });
  return principal;
}
