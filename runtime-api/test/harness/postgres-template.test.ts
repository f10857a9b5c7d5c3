import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseUrl, dropStaleTemplates, holdTemplate } from './postgres-template.js';

const url = process.env.DATABASE_URL;

async function admin<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}
const existing = async (names: string[]) =>
  (await admin<{ datname: string }>('select datname from pg_database where datname = any($1)', [names])).map((r) => r.datname).sort();

// Keys of this test only (hex, as migration keys are), so the run's own template is never touched.
const current = 'c0ffee0000000001';
const stale = 'dead000000000002';
const held = 'beef000000000003';
const names = [`baton_tpl_${current}`, `baton_tpl_${stale}`, `baton_tpl_${stale}_0badf00d`, `baton_tpl_${held}`];

// The PostgreSQL test templates (one per migrations key) piled up across runs: a run drops the ones of other
// keys, except those another run holds right now.
describe.skipIf(!url)('stale PostgreSQL test templates', () => {
  afterAll(async () => {
    for (const name of names) await admin(`drop database if exists ${name} with (force)`);
  });

  it('drops the templates of other keys and their half-built copies, keeps the current one and one another run holds', async () => {
    for (const name of names) await admin(`create database ${name}`);
    const release = await holdTemplate(url!, held);
    try {
      // Real stale templates of other keys may go too; only this test's names are checked.
      const dropped = (await dropStaleTemplates(url!, current)).filter((name) => names.includes(name));
      expect(dropped.sort()).toEqual([`baton_tpl_${stale}`, `baton_tpl_${stale}_0badf00d`]);
      expect(await existing(names)).toEqual([`baton_tpl_${held}`, `baton_tpl_${current}`].sort());
    } finally {
      await release();
    }
    // Released: the next run's clean-up may drop it.
    expect(await dropStaleTemplates(url!, current)).toContain(`baton_tpl_${held}`);
    expect(await existing(names)).toEqual([`baton_tpl_${current}`]);
  });

  it('skips a template something is connected to instead of forcing it', async () => {
    await admin(`create database baton_tpl_${stale}`);
    const client = new pg.Client({ connectionString: databaseUrl(url!, `baton_tpl_${stale}`) });
    await client.connect();
    try {
      expect(await dropStaleTemplates(url!, current)).not.toContain(`baton_tpl_${stale}`);
    } finally {
      await client.end();
    }
    expect(await existing([`baton_tpl_${stale}`])).toEqual([`baton_tpl_${stale}`]);
  });
});
