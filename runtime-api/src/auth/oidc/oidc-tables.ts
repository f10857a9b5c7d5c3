import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** The operator's OIDC provider, set through the admin route (migration 0014); one row, id "default". */
export interface OidcSettingsTable {
  id: string;
  /** The settings without the client secret (see OidcSettings). */
  settings: ColumnType<Record<string, unknown>, string, string>;
  /** The client secret sealed with the secret box ("oidc:default/clientSecret"), or null for a public client. */
  client_secret: string | null;
  updated_by: string;
  updated_at: Timestamp;
}

/**
 * One sign-in in progress: created by /auth/oidc/start, completed by the callback, consumed by the session
 * exchange. Only hashes of the state, the browser binding and the hand-off code are kept; the nonce and
 * PKCE verifier are sealed.
 */
export interface OidcSignInsTable {
  id: string;
  state_hash: string;
  browser_hash: string;
  /** {"nonce","codeVerifier"} sealed with the secret box ("oidc-sign-in:<id>"). */
  sealed_checks: string;
  return_to: string;
  /** pending → authenticated (callback passed) → done (session issued); failed when the callback refused. */
  status: Generated<string>;
  user_id: string | null;
  handoff_hash: string | null;
  expires_at: Date;
  created_at: Timestamp;
}

// Joins the runtime's Database type here, beside its migration, rather than in db/database.ts.
declare module '../../db/database.js' {
  interface Database {
    oidc_settings: OidcSettingsTable;
    oidc_sign_ins: OidcSignInsTable;
  }
}
