import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/append-audit.js';
import { insertToken } from '../auth/api-tokens.js';
import type { Database } from '../db/database.js';

/** How long a session token from sign-in lives; signing in again gives a new one. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export const SESSION_LABEL = 'session';

export interface SessionUser {
  id: string;
  name: string;
  roles: string[];
  locale: 'en' | 'zh-CN' | null;
  departmentId: string | null;
  email: string | null;
}

export interface SessionBody {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

function localeOf(attributes: Record<string, unknown> | null | undefined): SessionUser['locale'] {
  const value = typeof attributes?.locale === 'string' ? attributes.locale.toLowerCase() : '';
  if (value.startsWith('zh')) return 'zh-CN';
  if (value.startsWith('en')) return 'en';
  return null;
}

/** The directory user behind a session (null when unknown or deactivated). */
export async function sessionUser(db: Kysely<Database>, userId: string, extraRoles: readonly string[] = []): Promise<SessionUser | null> {
  const row = await db
    .selectFrom('directory_users')
    .select(['id', 'name', 'roles', 'attributes', 'department_id', 'email', 'active'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!row || !row.active) return null;
  const roles = [...new Set([...row.roles, ...extraRoles])].sort();
  return { id: row.id, name: row.name, roles, locale: localeOf(row.attributes), departmentId: row.department_id, email: row.email };
}

/** Mints a session token for `user` and audits the sign-in (`method`: password, demo or oidc), in `trx`. */
export async function openSession(trx: Kysely<Database>, user: SessionUser, method: 'password' | 'demo' | 'oidc', ip: string): Promise<SessionBody> {
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  const issued = await insertToken(trx, { userId: user.id, roles: [], label: SESSION_LABEL, expiresAt, createdBy: user.id });
  await appendAudit(trx, { actor: user.id, action: 'auth.login', subjectKind: 'token', subjectId: issued.id, data: { method, ip } });
  return { token: issued.token, expiresAt: expiresAt.toISOString(), user };
}
