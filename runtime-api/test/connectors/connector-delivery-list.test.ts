import { beforeAll, expect, it } from 'vitest';
import { recordDelivery, type DeliveryRecord } from '../../src/connectors/connector-store.js';
import { forEachDatabase, type TestContext } from '../harness/for-each-database.js';
import { deliveryLog, drain, enqueue, LOOPBACK, outboxRow, putConnector, sendSignedHook, signingSecret } from './connector-test-kit.js';

type Json = Record<string, any>;

// The delivery log an admin or auditor pages through: filters by status, action and time, keyset pages that
// neither repeat nor drop a row when many share one timestamp, a capped total, and "skipped" as its own status.
const SAME_INSTANT = new Date('2026-03-02T09:00:00.000Z');

function row(key: string, i: number, over: Partial<DeliveryRecord> = {}): DeliveryRecord {
  return {
    connectorKey: key, outboxId: null, idempotencyKey: `k-${i}`, instanceId: null, action: 'deliverEvent', subject: null,
    attempt: 1, status: 'delivered', error: null, proof: null, durationMs: 5, at: SAME_INSTANT, ...over,
  };
}

forEachDatabase('connector delivery log: filters, keyset paging, totals, roles and skipped deliveries', (ctx) => {
  let auditor = '';
  const list = (query: string, token?: string) => ctx().call({ method: 'GET', url: `/api/connectors/log-feed/deliveries${query}`, ...(token ? { token } : {}) });

  async function pageThrough(c: TestContext, query: string, limit: number): Promise<{ ids: number[]; pages: Json[] }> {
    const ids: number[] = [];
    const pages: Json[] = [];
    let cursor: string | null = null;
    do {
      const sep = query === '' ? '?' : '&';
      const res = await c.call({ method: 'GET', url: `/api/connectors/log-feed/deliveries${query}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}` });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as Json;
      pages.push(body);
      ids.push(...(body.items as Json[]).map((d) => d.id as number));
      cursor = body.nextCursor as string | null;
    } while (cursor !== null && pages.length < 50);
    return { ids, pages };
  }

  beforeAll(async () => {
    const db = ctx().database.db;
    // 12 rows at one instant (7 delivered, 3 dead, 2 retry), then 3 receives a day later and 2 rows of another connector.
    for (let i = 0; i < 12; i++) {
      await recordDelivery(db, row('log-feed', i, i % 4 === 1 ? { status: 'dead', error: 'HTTP 422' } : i % 6 === 4 ? { status: 'retry', error: 'HTTP 503' } : {}));
    }
    for (let i = 12; i < 15; i++) await recordDelivery(db, row('log-feed', i, { action: 'receive', at: new Date('2026-03-03T10:00:00.000Z') }));
    for (let i = 15; i < 17; i++) await recordDelivery(db, row('other-feed', i));
    auditor = await ctx().tokenFor('aud-log', ['auditor']);
  });

  it('pages newest first with no duplicate and no gap, though twelve rows share one timestamp', async () => {
    const all = await list('?limit=200');
    expect(all.statusCode, all.body).toBe(200);
    const everything = (all.json().items as Json[]).map((d) => d.id as number);
    expect(everything).toHaveLength(15);
    expect([...everything].sort((a, b) => b - a)).toEqual(everything);
    expect(all.json()).toMatchObject({ nextCursor: null, total: { count: 15, exact: true } });
    for (const limit of [1, 4, 5]) {
      const { ids, pages } = await pageThrough(ctx(), '', limit);
      expect(ids).toEqual(everything);
      expect(pages[0]!.total).toEqual({ count: 15, exact: true });
      // The total is the first page's: later pages do not count again.
      for (const p of pages.slice(1)) expect(p.total).toBeNull();
      expect(pages.at(-1)!.nextCursor).toBeNull();
    }
  });

  it('filters by status (several at once), action and time range, and pages the filtered rows', async () => {
    const failed = await pageThrough(ctx(), '?status=dead&status=retry', 2);
    expect(failed.pages[0]!.total).toEqual({ count: 5, exact: true });
    expect(failed.ids).toHaveLength(5);
    const failedRows = (await list('?status=dead&status=retry')).json().items as Json[];
    expect(new Set(failedRows.map((d) => d.status))).toEqual(new Set(['dead', 'retry']));
    // One value needs no array syntax.
    expect((await list('?status=dead')).json().total).toEqual({ count: 3, exact: true });
    const receives = (await list('?action=receive')).json() as Json;
    expect(receives.items.map((d: Json) => d.action)).toEqual(['receive', 'receive', 'receive']);
    // from inclusive, to exclusive: exactly the instant the twelve share.
    const window = await pageThrough(ctx(), `?from=${SAME_INSTANT.toISOString()}&to=2026-03-02T09:00:00.001Z`, 5);
    expect(window.ids).toHaveLength(12);
    expect((await list('?from=2026-03-03T00:00:00.000Z')).json().total).toEqual({ count: 3, exact: true });
    expect((await list('?to=2026-03-02T00:00:00.000Z')).json()).toMatchObject({ items: [], nextCursor: null, total: { count: 0, exact: true } });
    expect((await list('?status=delivered&action=receive&from=2026-03-03T00:00:00%2B08:00')).json().total.count).toBe(3);
  });

  it('refuses bad parameters with a code and a path, never a 500', async () => {
    const cursor = await list('?cursor=not-a-cursor');
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json().error).toMatchObject({ code: 'BATON_E_CONNECTOR_CURSOR_INVALID', path: '/querystring/cursor' });
    const range = await ctx().call({ method: 'GET', url: '/api/connectors/log-feed/deliveries?from=2026-03-03T00:00:00Z&to=2026-03-02T00:00:00Z', headers: { 'accept-language': 'zh-CN' } });
    expect(range.statusCode).toBe(400);
    expect(range.json().error).toMatchObject({ code: 'BATON_E_CONNECTOR_DELIVERY_RANGE', path: '/querystring/to' });
    expect(range.json().error.message).toContain('日期范围为空');
    for (const query of ['?limit=201', '?limit=0', '?status=lost', '?from=yesterday', '?sort=asc', '?action=']) {
      const res = await list(query);
      expect(res.statusCode, `${query}: ${res.body}`).toBe(400);
      expect(res.json().error.code).toMatch(/^BATON_E_/);
    }
  });

  it('lets auditors read the log but change nothing; refuses employees and designers', async () => {
    const read = await list('?status=dead', auditor);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().total.count).toBe(3);
    const page = await list('?limit=2', auditor);
    expect((await list(`?limit=2&cursor=${page.json().nextCursor as string}`, auditor)).statusCode).toBe(200);
    expect((await ctx().call({ method: 'PUT', url: '/api/connectors/log-feed', token: auditor, payload: { type: 'webhook' } })).statusCode).toBe(403);
    const employee = await ctx().tokenFor('emp-log', []);
    const designer = await ctx().tokenFor('des-log', ['designer']);
    for (const token of [employee, designer]) {
      const refused = await list('', token);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('BATON_E_FORBIDDEN');
    }
  });

  it('records an event the subscription no longer wants as "skipped", with the reason, apart from deliveries', async () => {
    await putConnector(ctx(), 'skip-feed', { type: 'webhook', config: { baseUrl: 'http://127.0.0.1:9/hook', allowHosts: LOOPBACK, events: ['flow.cancelled'] }, secrets: { signingSecret: signingSecret() } });
    await enqueue(ctx(), [{ type: 'invoke', key: 'skip-1', connector: 'skip-feed', action: 'deliverEvent', params: { event: { type: 'record.updated', recordId: 'cust-9' } } }]);
    await drain(ctx());
    const res = await ctx().call({ method: 'GET', url: '/api/connectors/skip-feed/deliveries?status=skipped', token: auditor });
    expect(res.statusCode, res.body).toBe(200);
    const [skipped] = res.json().items as Json[];
    expect(skipped).toMatchObject({ status: 'skipped', action: 'deliverEvent', subject: 'record.updated cust-9', error: null, proof: { state: 'skipped' } });
    expect(skipped!.proof.reason).toContain('no longer among');
    expect((await ctx().call({ method: 'GET', url: '/api/connectors/skip-feed/deliveries?status=delivered' })).json().items).toEqual([]);
    // The list's last delivery says skipped, and the outbox log keeps the "skipped:" note the instance timeline reads.
    const summary = ((await ctx().call({ method: 'GET', url: '/api/connectors', token: auditor })).json().items as Json[]).find((c) => c.key === 'skip-feed');
    expect(summary!.lastDelivery.status).toBe('skipped');
    const outbox = await outboxRow(ctx(), 'skip-1');
    expect(outbox.status).toBe('delivered');
    expect(JSON.stringify(await deliveryLog(ctx(), outbox.id))).toContain('skipped: record.updated is no longer among');
  });

  it('records an incoming call its "match" condition leaves alone as "skipped", not delivered', async () => {
    const secret = signingSecret();
    await putConnector(ctx(), 'ignore-in', {
      type: 'webhook',
      config: { direction: 'in', inbound: { action: 'upsert-record', form: 'customer', actAs: 'hr1', match: { '==': [{ var: 'event' }, 'customer.changed'] }, map: { name: { var: 'name' } } } },
      secrets: { signingSecret: secret },
    });
    const res = await sendSignedHook(ctx(), secret, 'ignore-in', 'in-1', { event: 'customer.viewed', name: 'x' });
    expect(res.statusCode, res.body).toBe(202);
    const [row] = (await ctx().call({ method: 'GET', url: '/api/connectors/ignore-in/deliveries', token: auditor })).json().items as Json[];
    expect(row).toMatchObject({ action: 'receive', status: 'skipped', idempotencyKey: 'in-1', proof: { state: 'skipped', outcome: 'ignored' } });
    expect(row!.proof.reason).toContain('"match" condition');
  });
});
