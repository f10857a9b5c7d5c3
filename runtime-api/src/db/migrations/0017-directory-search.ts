import { sql, type Kysely } from 'kysely';

/**
 * The people search (GET /directory/users) pages by (name, id): with these indexes the first page of the
 * picker, everyone or one department, reads `limit` rows in order instead of sorting the whole directory
 * (20,000 people) on every keystroke.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index if not exists directory_users_name_id_idx on directory_users (name, id)`.execute(db);
  await sql`create index if not exists directory_users_department_name_idx on directory_users (department_id, name, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists directory_users_department_name_idx`.execute(db);
  await sql`drop index if exists directory_users_name_id_idx`.execute(db);
}
