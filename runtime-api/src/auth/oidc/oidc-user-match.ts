import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { appendAudit } from '../../audit/append-audit.js';
import type { Database } from '../../db/database.js';
import { upsertUsers } from '../../directory/directory-store.js';
import { ApiError } from '../../errors/api-error.js';
import type { OidcSettings } from './oidc-settings.js';
import './oidc-errors.js';

type Claims = Record<string, unknown>;

function claimValue(claims: Claims, name: string): string | null {
  const value = claims[name];
  if (typeof value === 'string' && value.trim() !== '' && value.length <= 320) return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** Active directory users whose `field` equals `value` (at most two: one is a match, two are ambiguous). */
async function candidates(db: Kysely<Database>, field: OidcSettings['userField'], value: string): Promise<string[]> {
  const lowered = value.toLowerCase();
  let query = db.selectFrom('directory_users as u').select('u.id').where('u.active', '=', true).limit(2);
  if (field === 'id') query = query.where('u.id', '=', value);
  else if (field === 'email') query = query.where(sql<string>`lower(u.email)`, '=', lowered);
  else if (field === 'username') query = query.innerJoin('accounts as a', 'a.user_id', 'u.id').where(sql<string>`lower(a.username)`, '=', lowered);
  else query = query.where(sql<string>`u.attributes->>${field.slice('attributes.'.length)}`, '=', value);
  return (await query.execute()).map((r) => r.id);
}

/**
 * The directory user an ID token's claims name, by the operator's mapping (claim → user field). With
 * auto-provision on, an unknown person becomes a directory user without roles; off (the default), they are
 * refused. A claim of `email` counts only when the provider does not say it is unverified.
 */
export async function matchDirectoryUser(trx: Kysely<Database>, settings: OidcSettings, claims: Claims): Promise<string> {
  const value = claimValue(claims, settings.claim);
  if (value === null) throw new ApiError('BATON_E_OIDC_CLAIM_MISSING', { claim: settings.claim }, [], `/id_token/${settings.claim}`);
  if (settings.claim === 'email' && (claims.email_verified === false || claims.email_verified === 'false')) {
    throw new ApiError('BATON_E_OIDC_EMAIL_UNVERIFIED', {}, [], '/id_token/email_verified');
  }
  const found = await candidates(trx, settings.userField, value);
  if (found.length > 1) throw new ApiError('BATON_E_OIDC_USER_AMBIGUOUS', { field: settings.userField, value }, [], `/id_token/${settings.claim}`);
  if (found.length === 1) return found[0]!;
  if (!settings.autoProvision || settings.userField === 'username') {
    throw new ApiError('BATON_E_OIDC_USER_UNKNOWN', { field: settings.userField, value }, [], `/id_token/${settings.claim}`);
  }
  return provision(trx, settings, claims, value);
}

async function provision(trx: Kysely<Database>, settings: OidcSettings, claims: Claims, value: string): Promise<string> {
  const subject = `${String(claims.iss)}|${String(claims.sub)}`;
  const id = settings.userField === 'id' ? value : `oidc-${createHash('sha256').update(subject).digest('hex').slice(0, 20)}`;
  if (!/^[^\s/]{1,128}$/.test(id)) throw new ApiError('BATON_E_OIDC_USER_UNKNOWN', { field: settings.userField, value }, [], `/id_token/${settings.claim}`);
  // An existing (deactivated) person is never revived or overwritten by a sign-in.
  const taken = await trx.selectFrom('directory_users').select('id').where('id', '=', id).executeTakeFirst();
  if (taken) throw new ApiError('BATON_E_OIDC_USER_UNKNOWN', { field: settings.userField, value }, [], `/id_token/${settings.claim}`);
  const email = claimValue(claims, 'email');
  const attributes: Record<string, unknown> = { provisionedBy: 'oidc', oidcIssuer: String(claims.iss), oidcSubject: String(claims.sub) };
  if (settings.userField.startsWith('attributes.')) attributes[settings.userField.slice('attributes.'.length)] = value;
  const name = (claimValue(claims, 'name') ?? claimValue(claims, 'preferred_username') ?? value).slice(0, 200);
  await upsertUsers(trx, [
    {
      id,
      name,
      roles: [],
      attributes,
      ...(settings.userField === 'email' ? { email: value } : email && /^[^\s@]+@[^\s@]+$/.test(email) ? { email } : {}),
    },
  ]);
  await appendAudit(trx, { actor: id, action: 'directory.user-provisioned', subjectKind: 'user', subjectId: id, data: { method: 'oidc', issuer: String(claims.iss) } });
  return id;
}
