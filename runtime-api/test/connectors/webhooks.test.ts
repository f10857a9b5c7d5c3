import { sql } from 'kysely';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { publishDomainEvents, recordEventIds } from '../../src/connectors/webhooks/publish-domain-events.js';
import { forEachDatabase } from '../harness/for-each-database.js';
import { WebhookReceiver } from '../stand-ins/webhook-receiver-stand-in.js';
import { customerForm, directory, exitFlow, exitForm } from '../api/fixtures/exit-flow.js';
import { deliveryLog, drain, LOOPBACK, makeDue, outboxRow, publish, putConnector, sendSignedHook, signingSecret } from './connector-test-kit.js';

type Json = Record<string, any>;
const at = '2025-07-01T08:00:00.000Z';
const cancelled = (id: string) => [{ id, event: { type: 'flow.cancelled', at } }];
const recordEvent = (recordId: string, type: string, version = 1) => recordEventIds(recordId, version, [{ type, at, recordId, formKey: 'customer', data: { name: 'Acme' } }]);

forEachDatabase('webhooks out (signed CloudEvents through the outbox) and in (verified, mapped)', (ctx) => {
  const secret = signingSecret();
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start(secret);
    await putConnector(ctx(), 'hr-feed', { type: 'webhook', config: { baseUrl: receiver.url, allowHosts: LOOPBACK, events: ['record.*', 'flow.completed'] }, secrets: { signingSecret: secret } });
  });
  afterAll(() => receiver.close());

  it('delivers after the receiver was down for a while, with the same webhook-id on every try and Retry-After honoured', async () => {
    receiver.mode = { kind: 'down', status: 503, retryAfter: '120' };
    const queued = await ctx().database.db.transaction().execute((trx) => publishDomainEvents(trx, recordEvent('c-1', 'record.created')));
    expect(queued).toBe(1);
    const key = 'event:hr-feed:record:c-1#1:record.created';

    const first = await drain(ctx());
    expect(first.deliveries).toMatchObject({ retry: 1, delivered: 0 });
    let row = await outboxRow(ctx(), key);
    expect(row.status).toBe('pending');
    // The peer asked for 120 s: the next try is not earlier (the worker's backoff is shorter here).
    expect(row.next_attempt_at.getTime() - Date.now()).toBeGreaterThan(110_000);
    expect(row.last_error).toContain('HTTP 503');

    receiver.mode = { kind: 'reset' };
    await makeDue(ctx());
    expect((await drain(ctx())).deliveries.retry).toBe(1);

    receiver.mode = { kind: 'up' };
    await makeDue(ctx());
    expect((await drain(ctx())).deliveries.delivered).toBe(1);
    row = await outboxRow(ctx(), key);
    expect(row.status).toBe('delivered');

    const tries = receiver.requests.filter((r) => r.headers['webhook-id'] === key);
    expect(tries).toHaveLength(3);
    expect(new Set(tries.map((r) => r.headers['idempotency-key']))).toEqual(new Set([key]));
    expect(receiver.rejectedSignatures).toHaveLength(0);
    const event = receiver.applied.find((a) => a.id === key)!.event;
    expect(event).toMatchObject({ specversion: '1.0', id: key, type: 'dev.baton.record.created', subject: 'c-1', time: at, data: { recordId: 'c-1', data: { name: 'Acme' } } });
    expect(tries[2]!.headers['content-type']).toContain('application/cloudevents+json');
    const log = await deliveryLog(ctx(), row.id);
    expect(log.map((l) => l.status)).toEqual(['retry', 'retry', 'delivered']);
    expect(JSON.stringify(log)).not.toContain(secret);
  });

  it('causes no second effect at a receiver that dedupes by webhook-id when a delivery is repeated', async () => {
    const key = 'event:hr-feed:record:c-1#1:record.created';
    await sql`update outbox set status = 'pending', next_attempt_at = now(), delivered_at = null where idempotency_key = ${key}`.execute(ctx().database.db);
    expect((await drain(ctx())).deliveries.delivered).toBe(1);
    expect(receiver.requests.filter((r) => r.headers['webhook-id'] === key)).toHaveLength(4);
    expect(receiver.applied.filter((a) => a.id === key)).toHaveLength(1);
    // The same command replayed queues nothing new.
    expect(await ctx().database.db.transaction().execute((trx) => publishDomainEvents(trx, recordEvent('c-1', 'record.created')))).toBe(0);
  });

  it('sends only the events a subscription filters for', async () => {
    const events = [
      ...recordEvent('c-2', 'record.updated', 2),
      { id: 'x#1', event: { type: 'task.created', at } },
      { id: 'x#2', event: { type: 'flow.completed', at } },
      { id: 'x#3', event: { type: 'flow.started', at } },
    ];
    expect(await ctx().database.db.transaction().execute((trx) => publishDomainEvents(trx, events))).toBe(2);
    await drain(ctx());
    // Deliveries run in parallel lanes, so arrival order is not part of the contract (each carries its time).
    expect(receiver.applied.map((a) => a.event.type).sort()).toEqual(['dev.baton.flow.completed', 'dev.baton.record.created', 'dev.baton.record.updated']);
  });

  it('dead-letters a 410 and disables the endpoint until it is saved again; a redirect is not followed; a 4xx is not retried', async () => {
    const gone = await WebhookReceiver.start(secret);
    try {
      await putConnector(ctx(), 'old-feed', { type: 'webhook', config: { baseUrl: gone.url, allowHosts: LOOPBACK, events: ['flow.cancelled'] }, secrets: { signingSecret: secret } });
      gone.mode = { kind: 'gone' };
      await ctx().database.db.transaction().execute((trx) => publishDomainEvents(trx, cancelled('g3')));
      expect((await drain(ctx())).deliveries.dead).toBe(1);
      const view = (await ctx().call({ method: 'GET', url: '/api/connectors/old-feed' })).json();
      expect(view).toMatchObject({ enabled: false, disabledReason: 'the receiver answered 410 Gone', lastDelivery: { status: 'dead' } });
      expect(view.lastDelivery.error).toContain('410');
      // Disabled: new events are not even queued for it.
      expect(await ctx().database.db.transaction().execute((trx) => publishDomainEvents(trx, cancelled('g4')))).toBe(0);
      gone.mode = { kind: 'up' };
      expect((await putConnector(ctx(), 'old-feed', { type: 'webhook' })).enabled).toBe(true);

      gone.mode = { kind: 'redirect', location: 'http://169.254.169.254/latest/meta-data/' };
      const before = gone.requests.length;
      await ctx().database.db.transaction().execute((trx) => publishDomainEvents(trx, cancelled('g5')));
      expect((await drain(ctx())).deliveries.dead).toBe(1);
      expect(gone.requests.length - before).toBe(1);
      const redirected = await outboxRow(ctx(), 'event:old-feed:g5');
      expect(redirected.last_error).toContain('BATON_E_PEER_REDIRECT');

      gone.mode = { kind: 'down', status: 422 };
      await ctx().database.db.transaction().execute((trx) => publishDomainEvents(trx, cancelled('g6')));
      expect((await drain(ctx())).deliveries.dead).toBe(1);
      expect((await outboxRow(ctx(), 'event:old-feed:g6')).last_error).toMatch(/refused the request with 422.*maintenance/);
    } finally {
      await gone.close();
    }
  });

  it('follows the connector\'s own retry schedule: its first delay as a floor, its attempt cap as the dead letter', async () => {
    const flaky = await WebhookReceiver.start(secret);
    try {
      await putConnector(ctx(), 'flaky-feed', { type: 'webhook', config: { baseUrl: flaky.url, allowHosts: LOOPBACK, events: ['flow.rejected'], retry: { maxAttempts: 2, initialDelayMs: 90_000, maxDelayMs: 600_000 } }, secrets: { signingSecret: secret } });
      flaky.mode = { kind: 'down', status: 500 };
      await ctx().database.db.transaction().execute((trx) => publishDomainEvents(trx, [{ id: 'f1', event: { type: 'flow.rejected', at } }]));
      await drain(ctx());
      const first = await outboxRow(ctx(), 'event:flaky-feed:f1');
      expect(first.status).toBe('pending');
      expect(first.next_attempt_at.getTime() - Date.now()).toBeGreaterThan(85_000);
      await makeDue(ctx());
      await drain(ctx());
      const second = await outboxRow(ctx(), 'event:flaky-feed:f1');
      expect(second.status).toBe('dead');
      expect(second.last_error).toContain('gave up after 2 attempts');
      expect(flaky.requests).toHaveLength(2);
    } finally {
      await flaky.close();
    }
  });

  it('accepts a signed incoming webhook and starts a flow from the mapped payload', async () => {
    expect((await ctx().call({ method: 'POST', url: '/api/directory/import', payload: directory })).statusCode).toBe(200);
    for (const def of [exitForm, exitFlow, customerForm]) await publish(ctx(), def);
    await putConnector(ctx(), 'hr-in', {
      type: 'webhook',
      config: {
        direction: 'in',
        inbound: {
          action: 'start-flow',
          flow: 'exit',
          match: { '==': [{ var: 'event' }, 'resignation.submitted'] },
          map: { data: { employeeId: { var: 'employee.id' }, lastWorkingDay: { var: 'lastDay' }, reason: { cat: ['HR system: ', { var: 'reason' }] } }, businessKey: { var: 'employee.id' } },
        },
      },
      secrets: { signingSecret: secret },
    });
    const res = await sendHook('hr-in', 'msg-1', { event: 'resignation.submitted', employee: { id: 'emp' }, lastDay: '2025-08-29', reason: 'relocation' });
    expect(res.statusCode, res.body).toBe(201);
    const instance = await ctx().database.db.selectFrom('instances').selectAll().where('id', '=', res.json().instanceId).executeTakeFirstOrThrow();
    expect(instance).toMatchObject({ flow_key: 'exit', business_key: 'emp', started_by: 'hook:hr-in', subject_id: 'emp' });
    expect(instance.data).toMatchObject({ employeeId: 'emp', lastWorkingDay: '2025-08-29', reason: 'HR system: relocation' });
    const ignored = await sendHook('hr-in', 'msg-2', { event: 'resignation.withdrawn' });
    expect(ignored.statusCode).toBe(202);
    expect(ignored.json()).toEqual({ status: 'ignored' });
    const invalid = await sendHook('hr-in', 'msg-3', { event: 'resignation.submitted', employee: { id: 'outsider' } });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().error.code).toBe('BATON_E_DATA_INVALID');
  });

  it('upserts a record by the id the payload names', async () => {
    await putConnector(ctx(), 'crm-in', {
      type: 'webhook',
      config: { direction: 'in', inbound: { action: 'upsert-record', form: 'customer', idField: 'customer.id', actAs: 'hr1', map: { name: { var: 'customer.name' }, ownerId: { var: 'customer.owner' } } } },
      secrets: { signingSecret: secret },
    });
    const created = await sendHook('crm-in', 'c-msg-1', { customer: { id: 'cust-9', name: 'Globex', owner: 'emp' } });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toEqual({ status: 'created', recordId: 'cust-9' });
    const updated = await sendHook('crm-in', 'c-msg-2', { customer: { id: 'cust-9', name: 'Globex Ltd', owner: 'mgr' } });
    expect(updated.json()).toEqual({ status: 'updated', recordId: 'cust-9' });
    const record = await ctx().database.db.selectFrom('records').selectAll().where('id', '=', 'cust-9').executeTakeFirstOrThrow();
    expect(record).toMatchObject({ version: 2, updated_by: 'hook:crm-in', data: { name: 'Globex Ltd', ownerId: 'mgr' } });
    // The same payload again changes nothing: answered as updated, nothing written (version, audit, events).
    const auditCount = async () => (await ctx().database.db.selectFrom('audit_log').select('id').where('subject_id', '=', 'customer/cust-9').execute()).length;
    const audited = await auditCount();
    const same = await sendHook('crm-in', 'c-msg-3', { customer: { id: 'cust-9', name: 'Globex Ltd', owner: 'mgr' } });
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json()).toEqual({ status: 'updated', recordId: 'cust-9' });
    expect((await ctx().database.db.selectFrom('records').select('version').where('id', '=', 'cust-9').executeTakeFirstOrThrow()).version).toBe(2);
    expect(await auditCount()).toBe(audited);
    // The record's events reach the outgoing subscription (record.*) through the outbox.
    await drain(ctx());
    expect(receiver.applied.map((a) => a.id)).toEqual(expect.arrayContaining(['event:hr-feed:record:cust-9#1:record.created', 'event:hr-feed:record:cust-9#2:record.updated']));
  });

  it('delivers flow events of the command pipeline to a subscription filtering for them', async () => {
    await putConnector(ctx(), 'flow-feed', { type: 'webhook', config: { baseUrl: receiver.url, allowHosts: LOOPBACK, events: ['flow.started'] }, secrets: { signingSecret: secret } });
    const started = await ctx().call({ method: 'POST', url: '/api/flows/exit/instances', payload: { data: { employeeId: 'mgr', lastWorkingDay: '2025-09-30' } } });
    expect(started.statusCode, started.body).toBe(201);
    await drain(ctx());
    const ids = receiver.applied.map((a) => a.id).filter((id) => id.startsWith('event:flow-feed:'));
    expect(ids).toEqual([`event:flow-feed:${started.json().id}#1`]);
  });

  it('refuses a tampered body, a wrong secret, a skewed timestamp, a replayed id, missing headers and unknown hooks', async () => {
    const body = JSON.stringify({ customer: { id: 'cust-10', name: 'Initech', owner: 'emp' } });
    const now = Math.floor(Date.now() / 1000);
    const signed = (id: string, ts: number, text: string, key = secret) => ({ 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': new Webhook(key).sign(id, new Date(ts * 1000), text), 'content-type': 'application/json' });
    const post = (headers: Json, payload: string, key = 'crm-in') => ctx().call({ method: 'POST', url: `/api/hooks/${key}`, headers, payload, token: null });

    const tampered = await post(signed('t-1', now, body), body.replace('Initech', 'Evil Corp'));
    expect(tampered.statusCode).toBe(401);
    expect(tampered.json().error.code).toBe('BATON_E_HOOK_SIGNATURE_INVALID');
    expect((await post(signed('t-2', now, body, signingSecret()), body)).statusCode).toBe(401);
    const old = await post(signed('t-3', now - 301, body), body);
    expect(old.statusCode).toBe(401);
    expect(old.json().error.code).toBe('BATON_E_HOOK_TIMESTAMP_SKEW');
    expect((await post(signed('t-4', now + 400, body), body)).json().error.code).toBe('BATON_E_HOOK_TIMESTAMP_SKEW');
    expect((await post({ 'content-type': 'application/json' }, body)).json().error.code).toBe('BATON_E_HOOK_HEADERS');

    const fresh = signed('t-5', now, body);
    expect((await post(fresh, body)).statusCode).toBe(201);
    const replay = await post(fresh, body);
    expect(replay.statusCode).toBe(409);
    expect(replay.json().error.code).toBe('BATON_E_HOOK_REPLAYED');
    // Re-signed with a fresh timestamp, the same id is still a replay.
    expect((await post(signed('t-5', now + 1, body), body)).statusCode).toBe(409);

    for (const key of ['nope', 'hr-feed']) {
      const res = await post(signed('t-6', now, body), body, key);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('BATON_E_HOOK_NOT_FOUND');
    }
    const records = await ctx().database.db.selectFrom('records').select('id').where('id', '=', 'cust-10').execute();
    expect(records).toHaveLength(1);
  });

  function sendHook(key: string, id: string, payload: Json) {
    return sendSignedHook(ctx(), secret, key, id, payload);
  }
});
