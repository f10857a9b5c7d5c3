import { CompiledQuery, Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { hot, isStalePlan, nameHotStatements } from '../execution/prepared-statements.js';
import { commitAfter } from './deferred-transaction.js';
import { sendPipelined } from './pipelined-batch.js';

const url = process.env.DATABASE_URL;

type Db = Record<string, never>;

/** What each call of the client's `query` was: a text, or a pipelined batch's texts joined by "; ". */
function recordCalls(calls: string[]): () => void {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as { text?: string; pipelinedTexts?: string[] } | string;
    calls.push(typeof first === 'string' ? first : first.pipelinedTexts ? first.pipelinedTexts.join('; ') : String(first.text));
    return original.apply(this, args);
  };
  return () => {
    proto.query = original;
  };
}

/**
 * Real PostgreSQL, a one-connection pool set up as open-database.ts sets up its clients, Kysely on top: what
 * the pipeline sends, and that every failure leaves a transaction Kysely can roll back and a usable pool.
 */
describe.skipIf(!url)('pipelined statements on PostgreSQL', () => {
  const withDb = async (work: (db: Kysely<Db>, pool: pg.Pool) => Promise<void>) => {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    pool.on('connect', (client) => {
      client.on('error', () => {});
      nameHotStatements(client);
    });
    pool.on('error', () => {});
    const db = new Kysely<Db>({ dialect: new PostgresDialect({ pool }) });
    const table = `pipe_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    await sql.raw(`create table ${table} (id int primary key, v text, u int unique deferrable initially deferred)`).execute(db);
    try {
      await work(db, pool);
    } finally {
      await sql.raw(`drop table if exists ${table}`).execute(db).catch(() => {});
      await db.destroy();
    }
  };
  // Each test's own table (the database is shared): the texts are fixed per test run.
  let t = '';
  const tableOf = async (db: Kysely<Db>) => {
    const { rows } = await sql<{ name: string }>`select tablename as name from pg_tables where tablename like ${`pipe_${process.pid}_%`} order by tablename desc limit 1`.execute(db);
    t = rows[0]!.name;
    return t;
  };
  const run = (trx: Transaction<Db> | Kysely<Db>, text: string, params: unknown[] = []) => trx.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, params));

  it('sends begin with the first statement and commit with the marked last one: two round trips for three statements', async () => {
    await withDb(async (db) => {
      const table = await tableOf(db);
      const insert = hot(`insert into ${table} (id, v) values ($1, $2) returning v`);
      const calls: string[] = [];
      const restore = recordCalls(calls);
      try {
        const rows = await db.transaction().execute(async (trx) => {
          const first = await run(trx, insert, [1, 'a']);
          const last = await run(trx, commitAfter(insert), [2, 'b']);
          return [first.rows, last.rows];
        });
        expect(rows).toEqual([[{ v: 'a' }], [{ v: 'b' }]]);
      } finally {
        restore();
      }
      expect(calls).toEqual([`begin; ${insert}`, `${insert}; commit`]);
      expect((await run(db, `select id, v from ${table} order by id`)).rows).toEqual([{ id: 1, v: 'a' }, { id: 2, v: 'b' }]);
      // Parsed once on this connection, begin and commit included: a second transaction parses nothing.
      const again = await db.transaction().execute(async (trx) => (await run(trx, commitAfter(insert), [3, 'c'])).rows);
      expect(again).toEqual([{ v: 'c' }]);
      const prepared = await run(db, `select statement from pg_prepared_statements order by statement`);
      expect(prepared.rows.map((r) => r.statement)).toEqual(['begin', 'commit', insert]);
    });
  });

  it('answers with the kept statement of a batch, in order, and the rows of no other', async () => {
    await withDb(async (db, pool) => {
      const table = await tableOf(db);
      const client = await pool.connect();
      try {
        const query = pg.Client.prototype.query as never;
        const statements = [
          { text: `insert into ${table} (id, v) values ($1, $2)`, values: [1, 'one'] },
          { text: `select v from ${table} where id = $1`, values: [1] },
          { text: `update ${table} set v = $1 where id = $2 returning v`, values: ['uno', 1] },
        ];
        expect((await sendPipelined(client, query, statements, 1)).rows).toEqual([{ v: 'one' }]);
        const after = await sendPipelined(client, query, [{ text: `select v from ${table}`, values: [] }, { text: `select count(*)::int as n from ${table}`, values: [] }], 1);
        expect(after.rows).toEqual([{ n: 1 }]);
        expect((await client.query(`select v from ${table}`)).rows).toEqual([{ v: 'uno' }]);
      } finally {
        client.release();
      }
    });
  });

  it('fails the first statement with its own error code; Kysely rolls back and the connection goes on', async () => {
    await withDb(async (db) => {
      const table = await tableOf(db);
      const insert = hot(`insert into ${table} (id, v) values ($1, $2)`);
      await run(db, insert, [1, 'kept']);
      const failed = await db.transaction().execute(async (trx) => {
        await run(trx, insert, [1, 'duplicate']);
        await run(trx, commitAfter(insert), [2, 'never']);
      }).catch((err: unknown) => err);
      expect((failed as { code?: string }).code).toBe('23505');
      expect((await run(db, `select id, v from ${table} order by id`)).rows).toEqual([{ id: 1, v: 'kept' }]);
      // The same statements work on the same connection afterwards.
      await db.transaction().execute(async (trx) => {
        await run(trx, commitAfter(insert), [3, 'after']);
      });
      expect((await run(db, `select count(*)::int as n from ${table}`)).rows).toEqual([{ n: 2 }]);
    });
  });

  it('fails the marked statement with the commit\'s own error (a deferred unique violation); nothing is committed', async () => {
    await withDb(async (db) => {
      const table = await tableOf(db);
      const insert = hot(`insert into ${table} (id, v, u) values ($1, $2, $3)`);
      const failed = await db.transaction().execute(async (trx) => {
        await run(trx, insert, [1, 'a', 7]);
        await run(trx, commitAfter(insert), [2, 'b', 7]);
      }).catch((err: unknown) => err);
      expect((failed as { code?: string }).code).toBe('23505');
      expect((await run(db, `select count(*)::int as n from ${table}`)).rows).toEqual([{ n: 0 }]);
      await db.transaction().execute(async (trx) => {
        await run(trx, insert, [1, 'a', 7]);
        await run(trx, commitAfter(insert), [2, 'b', 8]);
      });
      expect((await run(db, `select count(*)::int as n from ${table}`)).rows).toEqual([{ n: 2 }]);
    });
  });

  it('fails a serialization conflict at the pipelined commit with 40001', async () => {
    await withDb(async (db, pool) => {
      const table = await tableOf(db);
      await run(db, `insert into ${table} (id, v) values (1, 'x')`);
      const other = new pg.Client({ connectionString: url });
      await other.connect();
      try {
        const update = hot(`update ${table} set v = $1 where id = 1`);
        const calls: string[] = [];
        const restore = recordCalls(calls);
        const failed = await db.transaction().setIsolationLevel('serializable').execute(async (trx) => {
          await run(trx, `select v from ${table} where id = $1`, [1]);
          // Another transaction changes what this one read, then this one writes it.
          await other.query(`update ${table} set v = 'other' where id = 1`);
          await run(trx, commitAfter(update), ['mine']);
        }).catch((err: unknown) => err).finally(restore);
        expect((failed as { code?: string }).code).toBe('40001');
        // The isolation level's "start transaction" goes alone; the marked statement still carries the commit.
        expect(calls.filter((c) => !c.includes("'other'")).slice(0, 3)).toEqual(['start transaction isolation level serializable', `select v from ${table} where id = $1`, `${update}; commit`]);
      } finally {
        await other.end();
      }
      expect((await run(db, `select v from ${table}`)).rows).toEqual([{ v: 'other' }]);
      expect(pool.totalCount).toBe(1);
    });
  });

  it('recovers from a stale plan (0A000) met in a pipelined first statement: prepared afresh on the retry', async () => {
    await withDb(async (db) => {
      const table = await tableOf(db);
      await run(db, `insert into ${table} (id, v) values (1, 'a')`);
      const star = hot(`select * from ${table} where id = $1`);
      const read = () => db.transaction().execute(async (trx) => (await run(trx, star, [1])).rows);
      expect(await read()).toEqual([{ id: 1, v: 'a', u: null }]);
      await run(db, `alter table ${table} add column added text default 'x'`);
      expect(isStalePlan(await read().catch((err: unknown) => err))).toBe(true);
      expect(await read()).toEqual([{ id: 1, v: 'a', u: null, added: 'x' }]);
    });
  });

  it('forgets a statement whose Parse failed in a batch, so it is parsed again once it can be', async () => {
    await withDb(async (db) => {
      const table = await tableOf(db);
      const missing = `${table}_later`;
      const read = hot(`select count(*)::int as n from ${missing} where $1::int > 0`);
      const attempt = () => db.transaction().execute(async (trx) => (await run(trx, read, [1])).rows);
      expect(((await attempt().catch((err: unknown) => err)) as { code?: string }).code).toBe('42P01');
      await run(db, `create table ${missing} (id int)`);
      try {
        expect(await attempt()).toEqual([{ n: 0 }]);
      } finally {
        await run(db, `drop table ${missing}`);
      }
    });
  });

  it('refuses a statement after the commit went with the last one', async () => {
    await withDb(async (db) => {
      const table = await tableOf(db);
      const insert = hot(`insert into ${table} (id, v) values ($1, $2)`);
      const failed = await db.transaction().execute(async (trx) => {
        await run(trx, commitAfter(insert), [1, 'a']);
        await run(trx, insert, [2, 'b']);
      }).catch((err: unknown) => err);
      expect(String(failed)).toMatch(/after its transaction committed/);
      // The marked statement committed; the next transaction starts clean.
      await db.transaction().execute(async (trx) => {
        await run(trx, commitAfter(insert), [3, 'c']);
      });
      expect((await run(db, `select id from ${table} order by id`)).rows).toEqual([{ id: 1 }, { id: 3 }]);
    });
  });

  it('rejects the batch when the connection drops in its middle; the pool replaces the connection', async () => {
    await withDb(async (db) => {
      const table = await tableOf(db);
      const insert = hot(`insert into ${table} (id, v) values ($1, $2)`);
      const failed = await db.transaction().execute(async (trx) => {
        await run(trx, insert, [1, 'a']);
        // The backend ends itself between the statement and the commit sent with it.
        await run(trx, commitAfter(`select pg_terminate_backend(pg_backend_pid()) where $1::int > 0`), [1]);
      }).catch((err: unknown) => err);
      expect(failed).toBeInstanceOf(Error);
      expect((await run(db, `select count(*)::int as n from ${table}`)).rows).toEqual([{ n: 0 }]);
      await db.transaction().execute(async (trx) => {
        await run(trx, commitAfter(insert), [2, 'b']);
      });
      expect((await run(db, `select id from ${table}`)).rows).toEqual([{ id: 2 }]);
    });
  });

  it('sends nothing for a transaction that ran no statement; a due begin rides with a parameterless statement, not with several', async () => {
    await withDb(async (db) => {
      const table = await tableOf(db);
      const calls: string[] = [];
      const restore = recordCalls(calls);
      try {
        await db.transaction().execute(async () => {});
        await db.transaction().execute(async (trx) => {
          await run(trx, `insert into ${table} (id, v) values (1, 'plain')`);
        });
        await db.transaction().execute(async (trx) => {
          await run(trx, `insert into ${table} (id, v) values (2, 'two'); insert into ${table} (id, v) values (3, 'three')`);
        });
      } finally {
        restore();
      }
      expect(calls).toEqual([
        `begin; insert into ${table} (id, v) values (1, 'plain')`,
        'commit',
        'begin',
        `insert into ${table} (id, v) values (2, 'two'); insert into ${table} (id, v) values (3, 'three')`,
        'commit',
      ]);
      expect((await run(db, `select v from ${table} order by id`)).rows).toEqual([{ v: 'plain' }, { v: 'two' }, { v: 'three' }]);
    });
  });
});
