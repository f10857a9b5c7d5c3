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
 * The principal behind a token, or null when it is unknown, expired, revoked, or its directory user has
 * been deactivated. Roles are the token's own plus the user's current directory roles, so a change in the
 * directory applies at once.
 */
export async function principalForToken(db: Kysely<Database>, token: string): Promise<Principal | null> {
  const row = await db
    .selectFrom('api_tokens as t')
    .leftJoin('directory_users as u', 'u.id', 't.user_id')
    .select(['t.id', 't.user_id', 't.roles', 'u.roles as user_roles', 'u.active as user_active'])
    .where('t.token_hash', '=', hashToken(token))
    .where('t.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', sql<Date>`now()`)]))
    .executeTakeFirst();
  if (!row || row.user_active === false) return null;
  const roles = new Set<string>([...row.roles, ...(row.user_roles ?? [])]);
  return { userId: row.user_id, roles: [...roles].sort(), tokenId: row.id };
}
