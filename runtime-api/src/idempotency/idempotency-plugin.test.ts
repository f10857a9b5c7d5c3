import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { forEachDatabase } from '../../test/harness/for-each-database.js';
import { runCommand } from '../commands/run-command.js';
import { errorHandlerPlugin } from '../errors/error-handler-plugin.js';
import { ApiError } from '../errors/api-error.js';
import { idempotencyPlugin } from './idempotency-plugin.js';
import { loadSecretBox } from '../secrets/master-key.js';
import { OutboxHandlers } from '../workers/outbox-handler.js';
import { Workers } from '../workers/workers.js';
import { AuditChainer } from '../audit/audit-chainer.js';
import { createConnectorRuntime } from '../connectors/connector-runtime.js';
import '../app/fastify-augment.js';

/**
 * The plugin on its own: a tiny app whose one command appends to a scratch table, so a test can count
 * how often the command really ran. `gate` holds a request in flight until the test releases it.
 */
async function scratchApp(ctx: ReturnType<Parameters<Parameters<typeof forEachDatabase>[1]>[0]>) {
  const { db } = ctx.database;
  await sql`create table if not exists scratch (id serial primary key, note text not null)`.execute(db);
  let release: () => void = () => {};
  let gate: Promise<void> = Promise.resolve();
  const app: FastifyInstance = Fastify({ logger: false });
  const outboxHandlers = new OutboxHandlers();
  const workers = new Workers({ database: ctx.database, config: ctx.config, handlers: outboxHandlers, log: app.log });
  app.decorate('baton', { database: ctx.database, config: ctx.config, secrets: loadSecretBox(ctx.config, ctx.config.dataDir), outboxHandlers, workers, audit: new AuditChainer({ db: ctx.database.db, settings: ctx.config.audit, dataDir: ctx.config.dataDir, log: app.log }), connectors: createConnectorRuntime() });
  await app.register(errorHandlerPlugin);
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    request.principal = { userId: String(request.headers['x-user'] ?? 'u1'), roles: [], tokenId: 't' };
  });
  await app.register(idempotencyPlugin, { leaseSeconds: 60 });
  app.post<{ Body: { note: string } }>('/notes', async (request, reply) => {
    if (request.body.note === 'fail') throw new ApiError('BATON_E_CONFLICT');
    return runCommand(request, reply, async (trx) => {
      // Held inside the command: the key is checked in the command's transaction, so "in flight" is this.
      await gate;
      if (request.body.note === 'fail-inside') {
        await trx.insertInto('scratch' as never).values({ note: 'rolled back' } as never).execute();
        throw new ApiError('BATON_E_CONFLICT');
      }
      const row = await trx.insertInto('scratch' as never).values({ note: request.body.note } as never).returning('id' as never).executeTakeFirstOrThrow();
      return { status: 201, body: { id: (row as { id: number }).id, note: request.body.note } };
    });
  });
  const count = async () => Number((await sql<{ n: string }>`select count(*) as n from scratch`.execute(db)).rows[0]?.n);
  return {
    app,
    count,
    hold() {
      gate = new Promise((resolve) => (release = resolve));
    },
    release: () => release(),
    post: (note: string, key?: string, user = 'u1') =>
      app.inject({ method: 'POST', url: '/notes', payload: { note }, headers: { 'x-user': user, ...(key ? { 'idempotency-key': key } : {}) } }),
  };
}

forEachDatabase('idempotency plugin', (ctx) => {
  it('runs a command once per key and replays the stored response', async () => {
    const s = await scratchApp(ctx());
    const first = await s.post('hello', 'key-1');
    expect(first.statusCode).toBe(201);
    const replay = await s.post('hello', 'key-1');
    expect(replay.statusCode).toBe(201);
    expect(replay.json()).toEqual(first.json());
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(await s.count()).toBe(1);
    // Without a key every request runs; keys are per caller.
    await s.post('hello');
    await s.post('hello', 'key-1', 'u2');
    expect(await s.count()).toBe(3);
  });

  it('answers 422 when a key is reused for a different body', async () => {
    const s = await scratchApp(ctx());
    await s.post('a', 'key-2');
    const res = await s.post('b', 'key-2');
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'BATON_E_IDEMPOTENCY_KEY_REUSED', path: '/headers/idempotency-key' });
  });

  it('answers 409 while the first request with the key is in flight, then replays', async () => {
    const s = await scratchApp(ctx());
    const before = await s.count();
    s.hold();
    const first = s.post('slow', 'key-3');
    // Let the first request open its transaction, take the key's lock and wait at the gate.
    await new Promise((r) => setTimeout(r, 100));
    const second = s.post('slow', 'key-3');
    if (ctx().dialect === 'postgres') {
      const answer = await second;
      expect(answer.statusCode).toBe(409);
      expect(answer.json().error.code).toBe('BATON_E_IDEMPOTENCY_IN_FLIGHT');
      s.release();
    } else {
      // PGlite has one connection: the second request's transaction waits for the first to commit, then
      // finds its stored answer.
      await new Promise((r) => setTimeout(r, 50));
      s.release();
      const answer = await second;
      expect(answer.statusCode).toBe(201);
      expect(answer.headers['idempotent-replayed']).toBe('true');
    }
    expect((await first).statusCode).toBe(201);
    const replay = await s.post('slow', 'key-3');
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(await s.count()).toBe(before + 1);
  });

  it('stores the key with the answer in the command\'s transaction; a command that fails in it stores nothing', async () => {
    const s = await scratchApp(ctx());
    const before = await s.count();
    expect((await s.post('kept', 'key-6')).statusCode).toBe(201);
    const stored = await ctx().database.db.selectFrom('idempotency_keys').selectAll().where('key', '=', 'key-6').execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ state: 'completed', response_status: 201, response_body: { note: 'kept' } });
    expect((await s.post('fail-inside', 'key-7')).statusCode).toBe(409);
    expect(await ctx().database.db.selectFrom('idempotency_keys').selectAll().where('key', '=', 'key-7').execute()).toEqual([]);
    expect(await s.count()).toBe(before + 1);
    // The client's retry with the same key runs again (and fails again here, storing nothing).
    expect((await s.post('fail-inside', 'key-7')).statusCode).toBe(409);
  });

  it('frees the key when the command fails, so a retry runs', async () => {
    const s = await scratchApp(ctx());
    expect((await s.post('fail', 'key-4')).statusCode).toBe(409);
    const rows = await ctx().database.db.selectFrom('idempotency_keys').selectAll().where('key', '=', 'key-4').execute();
    expect(rows).toEqual([]);
  });

  it('rejects a malformed key with 400', async () => {
    const s = await scratchApp(ctx());
    const res = await s.post('x', 'bad key with spaces');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BATON_E_IDEMPOTENCY_KEY_INVALID');
  });

  it('commits exactly one command when the same key arrives many times at once', async () => {
    const s = await scratchApp(ctx());
    const before = await s.count();
    const results = await Promise.all(Array.from({ length: 20 }, () => s.post('burst', 'key-5')));
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.every((c) => c === 201 || c === 409)).toBe(true);
    expect(await s.count()).toBe(before + 1);
    const ids = new Set(results.filter((r) => r.statusCode === 201).map((r) => r.json().id));
    expect(ids.size).toBe(1);
  });
});
