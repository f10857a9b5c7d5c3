import { sql, type Kysely } from 'kysely';
import { appendAudit } from '../audit/append-audit.js';
import type { Database } from '../db/database.js';
import { generateToken, hashToken, insertToken } from './api-tokens.js';

export const BOOTSTRAP_TOKEN_ID = 'bootstrap';
export const BOOTSTRAP_USER_ID = 'bootstrap-admin';

export type BootstrapOutcome = 'configured' | 'generated' | 'existing';

/**
 * Makes sure an admin can log in on a fresh install. BATON_BOOTSTRAP_TOKEN, when set, is that admin token
 * (a changed value replaces the old one). When it is unset and no bootstrap token exists yet, one is
 * generated and handed to `announce` exactly once; only its hash is stored, so it cannot be shown again.
 */
export async function ensureBootstrapToken(
  db: Kysely<Database>,
  configured: string | undefined,
  announce: (token: string) => void,
): Promise<BootstrapOutcome> {
  let generated: string | undefined;
  const outcome = await db.transaction().execute(async (trx) => {
    // Processes starting together on a fresh database find no row to lock FOR UPDATE and would both
    // insert; this lock makes the second one wait and then see the first one's token.
    await sql`select pg_advisory_xact_lock(hashtext('baton.bootstrap-token'))`.execute(trx);
    const existing = await trx
      .selectFrom('api_tokens')
      .select(['token_hash'])
      .where('id', '=', BOOTSTRAP_TOKEN_ID)
      .forUpdate()
      .executeTakeFirst();
    if (configured) {
      if (existing?.token_hash === hashToken(configured)) return 'existing' as const;
      if (existing) await trx.deleteFrom('api_tokens').where('id', '=', BOOTSTRAP_TOKEN_ID).execute();
      await insertToken(trx, { id: BOOTSTRAP_TOKEN_ID, token: configured, userId: BOOTSTRAP_USER_ID, roles: ['admin'], label: 'BATON_BOOTSTRAP_TOKEN', createdBy: 'system' });
      await appendAudit(trx, { actor: 'system', action: 'token.bootstrap', subjectKind: 'token', subjectId: BOOTSTRAP_TOKEN_ID, data: { source: 'environment' } });
      return 'configured' as const;
    }
    if (existing) return 'existing' as const;
    generated = generateToken();
    await insertToken(trx, { id: BOOTSTRAP_TOKEN_ID, token: generated, userId: BOOTSTRAP_USER_ID, roles: ['admin'], label: 'generated at first start', createdBy: 'system' });
    await appendAudit(trx, { actor: 'system', action: 'token.bootstrap', subjectKind: 'token', subjectId: BOOTSTRAP_TOKEN_ID, data: { source: 'generated' } });
    return 'generated' as const;
  });
  // Announced only after the commit: a token printed for a rolled-back insert would never work.
  if (generated) announce(generated);
  return outcome;
}
