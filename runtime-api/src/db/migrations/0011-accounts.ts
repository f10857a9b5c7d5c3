import { sql, type Kysely } from 'kysely';

/**
 * Local accounts (sign-in with a password). Sessions are rows of api_tokens with an expiry and the label
 * "session", so every route keeps one authentication path. The password hash is a self-describing scrypt
 * string (see src/accounts/password-hash.ts); failed_count and locked_until make a lockout survive a restart
 * and hold across processes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const now = sql`now()`;
  await db.schema
    .createTable('accounts')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('failed_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('password_changed_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  // Usernames compare case-insensitively ("Li.Lei" is "li.lei").
  await sql`create unique index accounts_username_idx on accounts (lower(username))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('accounts').ifExists().execute();
}
