import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { hot, isStalePlan, lastResultOf, nameHotStatements } from './prepared-statements.js';

const url = process.env.DATABASE_URL;

/**
 * Real PostgreSQL (a pool client checked out as Kysely uses one, a temporary table of its session): what
 * naming changes on the wire.
 */
describe.skipIf(!url)('hot statements on PostgreSQL', () => {
  const withClient = async (work: (client: pg.PoolClient) => Promise<void>) => {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    pool.on('connect', (client) => nameHotStatements(client));
    const client = await pool.connect();
    try {
      await work(client);
    } finally {
      client.release();
      await pool.end();
    }
  };

  it('prepares a registered text once per connection, and leaves other texts unnamed', async () => {
    await withClient(async (client) => {
      await client.query('create temp table hot_probe (id int primary key, v text)');
      await client.query('insert into hot_probe values (1, $1), (2, $2)', ['a', 'b']);
      const text = hot('select v from hot_probe where id = $1');
      expect((await client.query(text, [1])).rows).toEqual([{ v: 'a' }]);
      expect((await client.query(text, [2])).rows).toEqual([{ v: 'b' }]);
      const prepared = await client.query<{ statement: string }>('select statement from pg_prepared_statements');
      expect(prepared.rows.map((r) => r.statement)).toEqual([text]);
    });
  });

  it('recovers from a plan whose `*` a migration changed: one failure, then prepared afresh', async () => {
    await withClient(async (client) => {
      await client.query('create temp table hot_star (id int primary key)');
      await client.query('insert into hot_star values (1)');
      const text = hot('select * from hot_star where id = $1');
      expect((await client.query(text, [1])).rows).toEqual([{ id: 1 }]);
      await client.query("alter table hot_star add column added text default 'x'");
      const failed = await client.query(text, [1]).catch((err: unknown) => err);
      expect(isStalePlan(failed)).toBe(true);
      expect((await client.query(text, [1])).rows).toEqual([{ id: 1, added: 'x' }]);
    });
  });

  it('answers a registered multi-statement message with its last result', async () => {
    await withClient(async (client) => {
      const text = lastResultOf('select 1 as one; select 2 as two');
      const result = (await client.query(text)) as unknown as pg.QueryResult;
      expect(result.rows).toEqual([{ two: 2 }]);
    });
  });
});
