import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** A local account (migration 0011): a directory user who may sign in with a password. */
export interface AccountsTable {
  user_id: string;
  username: string;
  /** "scrypt$<log2 N>$<r>$<p>$<salt b64url>$<hash b64url>": never leaves the server. */
  password_hash: string;
  failed_count: Generated<number>;
  locked_until: Date | null;
  password_changed_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

// Joins the runtime's Database type here, beside its migration, rather than in db/database.ts.
declare module '../db/database.js' {
  interface Database {
    accounts: AccountsTable;
  }
}
