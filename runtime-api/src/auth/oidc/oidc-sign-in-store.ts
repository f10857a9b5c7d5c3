import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { ApiError } from '../../errors/api-error.js';
import type { SecretBox } from '../../secrets/secret-box.js';
import './oidc-errors.js';
import './oidc-tables.js';

/** How long a started sign-in may take at the provider, and how long the designer has to collect it. */
export const SIGN_IN_TTL_MS = 10 * 60 * 1000;
export const HANDOFF_TTL_MS = 2 * 60 * 1000;

/** The cookie that ties a sign-in to the browser that started it (login CSRF: someone else's callback fails). */
export const BROWSER_COOKIE = 'baton_oidc';
export const COOKIE_PATH = '/api/auth/oidc';

export interface SignInChecks {
  nonce: string;
  codeVerifier: string;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const place = (id: string) => `oidc-sign-in:${id}`;

export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The value of one cookie from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=') || null;
  }
  return null;
}

export function browserCookie(value: string, secure: boolean, maxAgeSeconds: number): string {
  return `${BROWSER_COOKIE}=${value}; Path=${COOKIE_PATH}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/** Records a started sign-in; only hashes of the state and browser value are kept, the checks sealed. */
export async function saveSignIn(
  db: Kysely<Database>,
  box: SecretBox,
  input: { state: string; browser: string; checks: SignInChecks; returnTo: string },
): Promise<void> {
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    // Abandoned sign-ins go as new ones start: the table stays small without a sweeper.
    await trx.deleteFrom('oidc_sign_ins').where('expires_at', '<', sql<Date>`now()`).execute();
    await trx
      .insertInto('oidc_sign_ins')
      .values({
        id,
        state_hash: sha256(input.state),
        browser_hash: sha256(input.browser),
        sealed_checks: box.seal(JSON.stringify(input.checks), place(id)),
        return_to: input.returnTo,
        expires_at: new Date(Date.now() + SIGN_IN_TTL_MS),
      })
      .execute();
  });
}

/**
 * One step of a sign-in, taken once: the row its one-time secret (state or hand-off) names moves from `from`
 * to `to`, only if this browser started it and it has not expired.
 */
function advanceOnce(
  db: Kysely<Database>,
  from: string,
  to: string,
  secret: { column: 'state_hash' | 'handoff_hash'; value: string },
  browser: string | null,
) {
  return db
    .updateTable('oidc_sign_ins')
    .set({ status: to })
    .where(secret.column, '=', sha256(secret.value))
    .where('browser_hash', '=', sha256(browser ?? ''))
    .where('status', '=', from)
    .where('expires_at', '>', sql<Date>`now()`);
}

/**
 * Claims the sign-in a callback's state names, once: it must be pending, unexpired and started by this
 * browser. Claimed rows cannot be claimed again, whatever the callback's outcome.
 */
export async function claimSignIn(
  db: Kysely<Database>,
  box: SecretBox,
  state: string,
  browser: string | null,
  /** Named in the refusal ("start again with Sign in with <provider>"). */
  provider: string,
): Promise<{ id: string; checks: SignInChecks; returnTo: string }> {
  const row = await advanceOnce(db, 'pending', 'callback', { column: 'state_hash', value: state }, browser)
    .returning(['id', 'sealed_checks', 'return_to'])
    .executeTakeFirst();
  if (!row || browser === null) throw new ApiError('BATON_E_OIDC_STATE_INVALID', { provider }, [], '/query/state');
  return { id: row.id, checks: JSON.parse(box.open(row.sealed_checks, place(row.id))) as SignInChecks, returnTo: row.return_to };
}

/** The callback passed: the user is known; answers the one-time hand-off code the designer exchanges. */
export async function completeSignIn(trx: Kysely<Database>, id: string, userId: string): Promise<string> {
  const handoff = randomSecret();
  await trx
    .updateTable('oidc_sign_ins')
    .set({ status: 'authenticated', user_id: userId, handoff_hash: sha256(handoff), expires_at: new Date(Date.now() + HANDOFF_TTL_MS) })
    .where('id', '=', id)
    .execute();
  return handoff;
}

/** Takes the hand-off once, from the browser that started the sign-in: the user id and where to go next. */
export async function takeHandoff(trx: Kysely<Database>, handoff: string, browser: string | null): Promise<{ userId: string; returnTo: string }> {
  const row = await advanceOnce(trx, 'authenticated', 'done', { column: 'handoff_hash', value: handoff }, browser)
    .returning(['user_id', 'return_to'])
    .executeTakeFirst();
  if (!row || !row.user_id || browser === null) throw new ApiError('BATON_E_OIDC_HANDOFF_INVALID', {}, [], '/handoff');
  return { userId: row.user_id, returnTo: row.return_to };
}
