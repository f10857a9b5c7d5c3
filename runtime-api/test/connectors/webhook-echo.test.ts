import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from '../harness/for-each-database.js';
import { WebhookReceiver } from '../stand-ins/webhook-receiver-stand-in.js';
import { customerForm, directory, exitFlow, exitForm } from '../api/fixtures/exit-flow.js';
import { drain, LOOPBACK, publish, putConnector, sendSignedHook, signingSecret } from './connector-test-kit.js';

type Json = Record<string, any>;

// Two systems syncing both ways: a CRM that posts its customers to Baton (/api/hooks/crm-sync) and receives
// Baton's record events at its own URL, and a warehouse that only receives. What the CRM just sent must not
// come back to the CRM (it would write it again and send it back: an echo without end), while the warehouse
// and any change made inside Baton still go out to both.
forEachDatabase('webhooks: an inbound call\'s events are not echoed back to the connector that sent it', (ctx) => {
  const secret = signingSecret();
  let crm: WebhookReceiver;
  let warehouse: WebhookReceiver;

  /** Outbox keys of event deliveries queued for a connector. */
  const queuedFor = async (connector: string) =>
    (await ctx().database.db.selectFrom('outbox').select('idempotency_key').where('idempotency_key', 'like', `event:${connector}:%`).orderBy('idempotency_key').execute()).map((r) => r.idempotency_key);

  const sendHook = (key: string, id: string, payload: Json) => sendSignedHook(ctx(), secret, key, id, payload);

  beforeAll(async () => {
    [crm, warehouse] = await Promise.all([WebhookReceiver.start(secret), WebhookReceiver.start(secret)]);
    expect((await ctx().call({ method: 'POST', url: '/api/directory/import', payload: directory })).statusCode).toBe(200);
    for (const def of [exitForm, exitFlow, customerForm]) await publish(ctx(), def);
    // Both directions and no events filter: every event would go to the CRM.
    await putConnector(ctx(), 'crm-sync', {
      type: 'webhook',
      config: {
        direction: 'both', baseUrl: crm.url, allowHosts: LOOPBACK,
        inbound: { action: 'upsert-record', form: 'customer', idField: 'id', actAs: 'hr1', map: { name: { var: 'name' }, ownerId: { var: 'owner' } } },
      },
      secrets: { signingSecret: secret },
    });
    await putConnector(ctx(), 'warehouse-feed', { type: 'webhook', config: { baseUrl: warehouse.url, allowHosts: LOOPBACK }, secrets: { signingSecret: secret } });
  });
  afterAll(async () => {
    await Promise.all([crm?.close(), warehouse?.close()]);
  });

  it('delivers a record the CRM created to the warehouse, and nothing back to the CRM', async () => {
    const created = await sendHook('crm-sync', 'crm-msg-1', { id: 'cust-1', name: 'Globex', owner: 'emp' });
    expect(created.statusCode, created.body).toBe(201);
    expect(await queuedFor('crm-sync')).toEqual([]);
    expect(await queuedFor('warehouse-feed')).toEqual(['event:warehouse-feed:record:cust-1#1:record.created']);

    await drain(ctx());
    expect(crm.requests).toHaveLength(0);
    expect(warehouse.applied.map((a) => a.event.type)).toEqual(['dev.baton.record.created']);
    expect(warehouse.applied[0]!.event).toMatchObject({ subject: 'cust-1', data: { recordId: 'cust-1', data: { name: 'Globex' } } });
    // The connector's own log shows the call it received, and no event it sent.
    const log = (await ctx().call({ method: 'GET', url: '/api/connectors/crm-sync/deliveries' })).json().items as Json[];
    expect(log.map((d) => d.action)).toEqual(['receive']);
  });

  it('does the same for an update the CRM sends', async () => {
    const updated = await sendHook('crm-sync', 'crm-msg-2', { id: 'cust-1', name: 'Globex Ltd', owner: 'emp' });
    expect(updated.json()).toEqual({ status: 'updated', recordId: 'cust-1' });
    await drain(ctx());
    expect(crm.requests).toHaveLength(0);
    expect(warehouse.applied.map((a) => a.id)).toContain('event:warehouse-feed:record:cust-1#2:record.updated');
  });

  it('still sends the CRM a change made inside Baton to the record it created', async () => {
    const patched = await ctx().call({ method: 'PATCH', url: '/api/records/customer/cust-1', payload: { version: 2, data: { ownerId: 'mgr' } } });
    expect(patched.statusCode, patched.body).toBe(200);
    await drain(ctx());
    expect(crm.applied.map((a) => a.id)).toEqual(['event:crm-sync:record:cust-1#3:record.updated']);
    expect(crm.applied[0]!.event).toMatchObject({ type: 'dev.baton.record.updated', data: { data: { name: 'Globex Ltd', ownerId: 'mgr' } } });
    expect(warehouse.applied.map((a) => a.id)).toContain('event:warehouse-feed:record:cust-1#3:record.updated');
    expect(crm.rejectedSignatures).toHaveLength(0);
    // The connector's log says which event about what it delivered.
    const log = (await ctx().call({ method: 'GET', url: '/api/connectors/crm-sync/deliveries' })).json().items as Json[];
    expect(log.map((d) => [d.action, d.subject])).toEqual([['deliverEvent', 'record.updated cust-1'], ['receive', 'cust-1'], ['receive', 'cust-1']]);
  });

  it('does not echo the flow events of a flow an incoming call started back to its connector', async () => {
    await putConnector(ctx(), 'hr-sync', {
      type: 'webhook',
      config: {
        direction: 'both', baseUrl: crm.url, allowHosts: LOOPBACK, events: ['flow.*'],
        inbound: { action: 'start-flow', flow: 'exit', map: { data: { employeeId: { var: 'employee' }, lastWorkingDay: { var: 'lastDay' } } } },
      },
      secrets: { signingSecret: secret },
    });
    const started = await sendHook('hr-sync', 'hr-msg-1', { employee: 'emp', lastDay: '2025-08-29' });
    expect(started.statusCode, started.body).toBe(201);
    const instanceId = started.json().instanceId as string;
    await drain(ctx());
    expect(await queuedFor('hr-sync')).toEqual([]);
    // The other connectors (no filter) still hear that the flow started.
    expect(warehouse.applied.map((a) => a.id)).toContain(`event:warehouse-feed:${instanceId}#1`);
    expect(crm.applied.map((a) => a.id)).toContain(`event:crm-sync:${instanceId}#1`);
    expect(crm.applied.some((a) => a.id.startsWith('event:hr-sync:'))).toBe(false);

    // A later step of that flow, taken by a person, is not the call's echo: it reaches hr-sync again.
    const cancelled = await ctx().call({ method: 'POST', url: `/api/instances/${instanceId}/cancel`, payload: { reason: 'withdrawn' } });
    expect(cancelled.statusCode, cancelled.body).toBeLessThan(300);
    await drain(ctx());
    expect(crm.applied.filter((a) => a.id.startsWith('event:hr-sync:')).map((a) => a.event.type)).toContain('dev.baton.flow.cancelled');
  });
});
