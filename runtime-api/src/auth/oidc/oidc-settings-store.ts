import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { SecretBox } from '../../secrets/secret-box.js';
import { settingsFromBody, type OidcSettings, type OidcSettingsBodyValue } from './oidc-settings.js';
import './oidc-tables.js';

const ROW_ID = 'default';
/** Associated data of the sealed client secret: the ciphertext opens only in this row's column. */
export const SECRET_PLACE = 'oidc:default/clientSecret';

export interface EffectiveSettings {
  source: 'env' | 'database' | 'none';
  settings: OidcSettings | null;
}

/** The settings in force: the environment's (BATON_OIDC_*) when set, else the admin route's, else none. */
export async function effectiveSettings(db: Kysely<Database>, box: SecretBox, fromEnv: OidcSettings | null | undefined): Promise<EffectiveSettings> {
  if (fromEnv) return { source: 'env', settings: fromEnv };
  const row = await db.selectFrom('oidc_settings').select(['settings', 'client_secret']).where('id', '=', ROW_ID).executeTakeFirst();
  if (!row) return { source: 'none', settings: null };
  const body = row.settings as unknown as OidcSettingsBodyValue;
  return { source: 'database', settings: settingsFromBody(body, row.client_secret ? box.open(row.client_secret, SECRET_PLACE) : null) };
}

/** The stored sealed secret (to keep it when a PUT omits clientSecret). */
export async function storedSecret(db: Kysely<Database>): Promise<string | null> {
  const row = await db.selectFrom('oidc_settings').select('client_secret').where('id', '=', ROW_ID).executeTakeFirst();
  return row?.client_secret ?? null;
}

export async function saveSettings(trx: Kysely<Database>, settings: OidcSettings, sealedSecret: string | null, actor: string): Promise<void> {
  const { clientSecret: _omitted, ...plain } = settings;
  const json = JSON.stringify(plain);
  await trx
    .insertInto('oidc_settings')
    .values({ id: ROW_ID, settings: json, client_secret: sealedSecret, updated_by: actor })
    .onConflict((oc) => oc.column('id').doUpdateSet({ settings: json, client_secret: sealedSecret, updated_by: actor, updated_at: new Date() }))
    .execute();
}

export async function deleteSettings(trx: Kysely<Database>): Promise<boolean> {
  const result = await trx.deleteFrom('oidc_settings').where('id', '=', ROW_ID).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
