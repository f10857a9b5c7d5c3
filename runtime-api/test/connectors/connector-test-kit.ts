import type { Effect } from '@baton/engine';
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { sql } from 'kysely';
import { expect } from 'vitest';
import type { HostResolver } from '../../src/connectors/connector-type.js';
import { writeOutbox } from '../../src/execution/effect-rows.js';
import type { TestContext } from '../harness/for-each-database.js';

type Json = Record<string, any>;

/** A fresh Standard Webhooks secret. */
export function signingSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** A signed POST /api/hooks/:key with no token, the way a sender (a CRM, an HR system) makes it. */
export function sendSignedHook(ctx: TestContext, secret: string, key: string, id: string, payload: Json) {
  const body = JSON.stringify(payload);
  const ts = Math.floor(Date.now() / 1000);
  return ctx.call({
    method: 'POST',
    url: `/api/hooks/${key}`,
    token: null,
    payload: body,
    headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': new Webhook(secret).sign(id, new Date(ts * 1000), body) },
  });
}

export async function putConnector(ctx: TestContext, key: string, body: Json): Promise<Json> {
  const res = await ctx.call({ method: 'PUT', url: `/api/connectors/${key}`, payload: body });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
}

export { publish } from '../harness/publish-definition.js';

/** Effects into the outbox, exactly as a command writes them. */
export async function enqueue(ctx: TestContext, effects: Effect[], instanceId: string | null = null): Promise<number> {
  return writeOutbox(ctx.database.db, instanceId, effects);
}

/** Runs the real outbox worker until nothing is due (rows waiting out a backoff are not due). */
export async function drain(ctx: TestContext) {
  return ctx.app.baton.workers.drain();
}

/** Time passes: every pending row's backoff is over. */
export async function makeDue(ctx: TestContext): Promise<void> {
  await sql`update outbox set next_attempt_at = now() where status = 'pending'`.execute(ctx.database.db);
}

export async function outboxRow(ctx: TestContext, key: string) {
  return ctx.database.db.selectFrom('outbox').selectAll().where('idempotency_key', '=', key).executeTakeFirstOrThrow();
}

export async function deliveryLog(ctx: TestContext, outboxId: string) {
  const rows = await sql<Json>`select * from outbox_deliveries where outbox_id = ${outboxId} order by id`.execute(ctx.database.db);
  return rows.rows;
}

/** Test DNS: names map to addresses; unknown names fail like getaddrinfo ENOTFOUND. */
export function testResolver(table: Record<string, string[]>): HostResolver {
  return async (host) => {
    const found = table[host];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

export const LOOPBACK = ['127.0.0.1'];
