import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { expect, it, vi } from 'vitest';
import { forEachDatabase, type TestContext } from '../../test/harness/for-each-database.js';
import { AuditChainer } from '../audit/audit-chainer.js';
import { runCommand } from '../commands/run-command.js';
import { createConnectorRuntime } from '../connectors/connector-runtime.js';
import { errorHandlerPlugin } from '../errors/error-handler-plugin.js';
import { loadSecretBox } from '../secrets/master-key.js';
import { OutboxHandlers } from '../workers/outbox-handler.js';
import { Workers } from '../workers/workers.js';
import { idempotencyPlugin } from './idempotency-plugin.js';
import { sweepIdempotencyBatch, sweepIdempotencyKeys } from './idempotency-retention.js';
import '../app/fastify-augment.js';

const HOUR = 3600_000;

/** A key row as an old request would have left it (created_at and the lease set directly: no sleeps). */
async function insertKey(ctx: TestContext, key: string, row: { state: 'completed' | 'in_flight'; ageHours: number; leaseHours?: number }) {
  const created = new Date(Date.now() - row.ageHours * HOUR);
  const lockedUntil = new Date(Date.now() + (row.leaseHours ?? -row.ageHours) * HOUR);
  await ctx.database.db
    .insertInto('idempotency_keys')
    .values({
      principal: 'sweeper',
      key,
      request_hash: 'h',
      state: row.state,
      response_status: row.state === 'completed' ? 201 : null,
      response_body: row.state === 'completed' ? JSON.stringify({ pad: 'x'.repeat(2048) }) : null,
      locked_until: lockedUntil,
      created_at: created,
    })
    .execute();
}

async function keysOf(ctx: TestContext, principal = 'sweeper'): Promise<string[]> {
  const rows = await ctx.database.db.selectFrom('idempotency_keys').select('key').where('principal', '=', principal).orderBy('key').execute();
  return rows.map((r) => r.key);
}

async function clear(ctx: TestContext): Promise<void> {
  await ctx.database.db.deleteFrom('idempotency_keys').where('principal', '=', 'sweeper').execute();
}

/** A tiny app whose one keyed command appends to a scratch table, so a test sees whether it really ran. */
async function scratchApp(ctx: TestContext) {
  const { db } = ctx.database;
  await sql`create table if not exists retention_scratch (id serial primary key, note text not null)`.execute(db);
  const app: FastifyInstance = Fastify({ logger: false });
  const outboxHandlers = new OutboxHandlers();
  const workers = new Workers({ database: ctx.database, config: ctx.config, handlers: outboxHandlers, log: app.log });
  const audit = new AuditChainer({ db, settings: ctx.config.audit, dataDir: ctx.config.dataDir, log: app.log });
  app.decorate('baton', { database: ctx.database, config: ctx.config, secrets: loadSecretBox(ctx.config, ctx.config.dataDir), outboxHandlers, workers, audit, connectors: createConnectorRuntime() });
  await app.register(errorHandlerPlugin);
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    request.principal = { userId: 'retention-user', roles: [], tokenId: 't' };
  });
  await app.register(idempotencyPlugin, {});
  app.post<{ Body: { note: string } }>('/notes', async (request, reply) =>
    runCommand(request, reply, async (trx) => {
      const row = await trx.insertInto('retention_scratch' as never).values({ note: request.body.note } as never).returning('id' as never).executeTakeFirstOrThrow();
      return { status: 201, body: { id: (row as { id: number }).id } };
    }),
  );
  return {
    post: (note: string, key: string) => app.inject({ method: 'POST', url: '/notes', payload: { note }, headers: { 'idempotency-key': key } }),
    close: () => app.close(),
  };
}

forEachDatabase('idempotency key retention', (ctx) => {
  it('sweeps completed keys and abandoned claims older than the window; keeps recent keys and live claims', async () => {
    const c = ctx();
    await clear(c);
    await insertKey(c, 'old-completed', { state: 'completed', ageHours: 25 });
    await insertKey(c, 'recent-completed', { state: 'completed', ageHours: 23 });
    // An upload's claim from before the window whose lease ran out: its process died.
    await insertKey(c, 'old-abandoned', { state: 'in_flight', ageHours: 30, leaseHours: -29 });
    // Created before the window but its lease still holds (taken over lately): live, never deleted.
    await insertKey(c, 'old-live', { state: 'in_flight', ageHours: 30, leaseHours: 0.01 });
    // Lease over, but within the window: left to the claim's own takeover rules.
    await insertKey(c, 'recent-abandoned', { state: 'in_flight', ageHours: 1, leaseHours: -0.5 });
    expect(await sweepIdempotencyKeys(c.database.db, { retentionHours: 24 })).toBe(2);
    expect(await keysOf(c)).toEqual(['old-live', 'recent-abandoned', 'recent-completed']);
    // A second sweep (another process, or the next minute) finds nothing more.
    expect(await sweepIdempotencyKeys(c.database.db, { retentionHours: 24 })).toBe(0);
    // A window given in fractional hours.
    expect(await sweepIdempotencyKeys(c.database.db, { retentionHours: 0.5 })).toBe(2);
    expect(await keysOf(c)).toEqual(['old-live']);
  });

  it('deletes in bounded batches, oldest first, and stops between batches when asked', async () => {
    const c = ctx();
    await clear(c);
    for (let i = 0; i < 25; i += 1) await insertKey(c, `batch-${String(i).padStart(2, '0')}`, { state: 'completed', ageHours: 48 + i });
    expect(await sweepIdempotencyBatch(c.database.db, { retentionHours: 24, batchSize: 10 })).toBe(10);
    // The 10 oldest (largest age) went first.
    expect(await keysOf(c)).toEqual(Array.from({ length: 15 }, (_, i) => `batch-${String(i).padStart(2, '0')}`));
    let batches = 0;
    const stopped = await sweepIdempotencyKeys(c.database.db, { retentionHours: 24, batchSize: 5, shouldStop: () => batches++ >= 1 });
    expect(stopped).toBe(5);
    expect(await sweepIdempotencyKeys(c.database.db, { retentionHours: 24, batchSize: 4 })).toBe(10);
    expect(await keysOf(c)).toEqual([]);
  });

  it('replays within the window; after the sweep the same key is a new request', async () => {
    const c = ctx();
    const s = await scratchApp(c);
    try {
      const first = await s.post('hello', 'retained-1');
      expect(first.statusCode).toBe(201);
      // A sweep now (the row is seconds old) keeps it: the retry replays.
      await sweepIdempotencyKeys(c.database.db, { retentionHours: 24 });
      const replay = await s.post('hello', 'retained-1');
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.json()).toEqual(first.json());
      // 25 hours later (an injected clock): swept.
      const later = new Date(Date.now() + 25 * HOUR);
      expect(await sweepIdempotencyKeys(c.database.db, { retentionHours: 24, now: later })).toBeGreaterThanOrEqual(1);
      expect(await keysOf(c, 'retention-user')).toEqual([]);
      const anew = await s.post('hello', 'retained-1');
      expect(anew.statusCode).toBe(201);
      expect(anew.headers['idempotent-replayed']).toBeUndefined();
      expect(anew.json().id).not.toBe(first.json().id);
      // And that answer is stored again for the next window.
      expect((await s.post('hello', 'retained-1')).json()).toEqual(anew.json());
    } finally {
      await s.close();
    }
  });

  it('is swept by the workers as they start, and stops with them', async () => {
    const c = ctx();
    await clear(c);
    await insertKey(c, 'worker-old', { state: 'completed', ageHours: 25 });
    await insertKey(c, 'worker-recent', { state: 'completed', ageHours: 1 });
    const log = Fastify({ logger: false }).log;
    const workers = new Workers({ database: c.database, config: c.config, handlers: new OutboxHandlers(), log });
    workers.start();
    try {
      await vi.waitFor(async () => expect(await keysOf(c)).toEqual(['worker-recent']), { timeout: 5000, interval: 20 });
    } finally {
      await workers.stop();
    }
    expect(workers.running).toBe(false);
  });
});
