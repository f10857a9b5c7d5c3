import { publishDomainEvents } from '../../src/connectors/webhooks/publish-domain-events.js';
import { beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from '../harness/for-each-database.js';
import { WebhookReceiver } from '../stand-ins/webhook-receiver-stand-in.js';
import { drain, LOOPBACK, putConnector, signingSecret } from './connector-test-kit.js';

type Json = Record<string, any>;

// An auditor checks what Baton sent to other systems: which connectors exist, whether they work, and every
// delivery with its proof. They see no connector's settings or secrets, and change, test or replay nothing.
forEachDatabase('connectors as an auditor sees them: list and deliveries, never settings, secrets or actions', (ctx) => {
  const secret = signingSecret();
  let auditor = '';

  beforeAll(async () => {
    const receiver = await WebhookReceiver.start(secret);
    try {
      await putConnector(ctx(), 'audit-feed', { type: 'webhook', config: { baseUrl: `${receiver.url}?tenant=acme-private`, allowHosts: LOOPBACK, events: ['flow.cancelled'] }, secrets: { signingSecret: secret } });
      receiver.mode = { kind: 'down', status: 422 };
      await ctx().database.db.transaction().execute((trx) => publishDomainEvents(trx, [{ id: 'a1', event: { type: 'flow.cancelled', at: '2026-01-01T00:00:00.000Z' } }]));
      expect((await drain(ctx())).deliveries.dead).toBe(1);
    } finally {
      await receiver.close();
    }
    auditor = await ctx().tokenFor('aud-1', ['auditor']);
  });

  const asAuditor = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: Json) => ctx().call({ method, url, token: auditor, ...(payload ? { payload } : {}) });

  it('lists the connectors with their health and types, without config or secrets', async () => {
    const list = await asAuditor('GET', '/api/connectors');
    expect(list.statusCode, list.body).toBe(200);
    const row = (list.json().items as Json[]).find((i) => i.key === 'audit-feed');
    expect(row).toMatchObject({ type: 'webhook', configured: true, enabled: true, lastDelivery: { action: 'deliverEvent', status: 'dead' } });
    expect(Object.keys(row!).sort()).toEqual(['configured', 'disabledReason', 'enabled', 'key', 'lastDelivery', 'type']);
    expect(list.body).not.toContain('acme-private');
    expect(list.body).not.toContain(secret.slice(6, 20));
    const types = await asAuditor('GET', '/api/connector-types');
    expect(types.statusCode).toBe(200);
    expect((types.json().items as Json[]).map((t) => t.type)).toContain('webhook');
  });

  it('reads a connector\'s deliveries, dead letters included', async () => {
    const res = await asAuditor('GET', '/api/connectors/audit-feed/deliveries');
    expect(res.statusCode, res.body).toBe(200);
    const [dead] = res.json().items as Json[];
    expect(dead).toMatchObject({ action: 'deliverEvent', status: 'dead', idempotencyKey: 'event:audit-feed:a1' });
    expect(dead!.error).toContain('422');
    expect(res.body).not.toContain(secret.slice(6, 20));
  });

  it('is refused the settings, saving, testing, the outbox and replays', async () => {
    const refused = [
      await asAuditor('GET', '/api/connectors/audit-feed'),
      await asAuditor('PUT', '/api/connectors/audit-feed', { type: 'webhook', enabled: false }),
      await asAuditor('POST', '/api/connectors/audit-feed/test'),
      await asAuditor('GET', '/api/outbox?status=dead'),
    ];
    const deadRow = await ctx().database.db.selectFrom('outbox').select('id').where('idempotency_key', '=', 'event:audit-feed:a1').executeTakeFirstOrThrow();
    refused.push(await asAuditor('POST', `/api/outbox/${deadRow.id}/replay`, { comment: 'auditor tries' }));
    expect(refused.map((r) => r.statusCode)).toEqual([403, 403, 403, 403, 403]);
    for (const r of refused) expect(r.body).not.toContain('acme-private');
    // Nothing changed: the connector is still on, its dead letter still dead.
    const row = await ctx().database.db.selectFrom('outbox').select('status').where('id', '=', deadRow.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('dead');
    expect((await ctx().call({ method: 'GET', url: '/api/connectors/audit-feed' })).json().enabled).toBe(true);
  });

  it('keeps the list from people with neither role', async () => {
    const hr = await ctx().tokenFor('hr-1', ['hr']);
    expect((await ctx().call({ method: 'GET', url: '/api/connectors', token: hr })).statusCode).toBe(403);
    expect((await ctx().call({ method: 'GET', url: '/api/connectors/audit-feed/deliveries', token: hr })).statusCode).toBe(403);
  });
});
