import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../../runtime-api/src/connectors/webhooks/webhook-signature.js';
import { api } from './harness/api.js';
import { hasChromium, skipNotice } from './harness/browser-env.js';
import { startDemoPackRuntime } from './harness/demo-pack.js';
import { saveScreenshot, sessionPage } from './harness/pages.js';
import type { RunningRuntime } from './harness/runtime-server.js';

const available = hasChromium();
if (!available) console.log(skipNotice());

interface Json { [key: string]: unknown }
interface Delivery { action: string; status: string; idempotencyKey: string }

/** A loopback system that records what Baton posts to it and answers 204, or 422 while it refuses. */
async function startPeer() {
  const peer = { refuses: false, webhookIds: [] as string[], url: '', server: http.createServer() };
  peer.server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    peer.webhookIds.push(String(req.headers['webhook-id'] ?? ''));
    req.resume();
    req.on('end', () => res.writeHead(peer.refuses ? 422 : 204).end());
  });
  await new Promise<void>((resolve) => peer.server.listen(0, '127.0.0.1', resolve));
  peer.url = `http://127.0.0.1:${(peer.server.address() as AddressInfo).port}`;
  return peer;
}

// An auditor's way to connector deliveries, in real Chromium on the demo pack: the nav entry, an empty state
// while nothing is configured, then — with a CRM syncing both ways and a warehouse that only receives, on two
// real loopback servers — the list's health and dead letters and each connector's deliveries, read-only: no
// settings, secrets, test or replay, and no request the server refuses. The CRM's own call is not echoed back.
describe.skipIf(!available)('connectors as an auditor sees them, in Chromium', () => {
  let runtime: RunningRuntime;
  let browser: Browser;
  let crm: Awaited<ReturnType<typeof startPeer>>;
  let warehouse: Awaited<ReturnType<typeof startPeer>>;
  let auditorToken = '';
  const problems: string[] = [];
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const call = <T = Json>(method: string, route: string, body?: unknown) => api<T>(runtime.baseUrl, runtime.adminToken, method, route, body);
  const deliveriesOf = async (key: string) => (await call<{ items: Delivery[] }>('GET', `/connectors/${key}/deliveries`)).body.items;

  /** A page signed in as the auditor whose refused requests (403) count as problems: the page must not ask. */
  const auditorPage = async (locale = 'en-US'): Promise<Page> => {
    const page = await sessionPage(browser, auditorToken, 'conn-auditor', problems, { locale });
    page.on('response', (r) => {
      if (r.status() === 403) problems.push(`403 for the auditor: ${r.request().method()} ${r.url()}`);
    });
    return page;
  };

  beforeAll(async () => {
    [crm, warehouse] = await Promise.all([startPeer(), startPeer()]);
    ({ runtime, browser } = await startDemoPackRuntime());
    auditorToken = await runtime.tokenFor('conn-auditor', ['auditor']);
  });

  afterAll(async () => {
    await runtime?.stop();
    await Promise.all([crm, warehouse].map((p) => p && new Promise((resolve) => p.server.close(resolve))));
  });

  it('gives the auditor a nav entry and an empty state while nothing is configured, in English and Chinese', async () => {
    const page = await auditorPage();
    await page.goto(`${runtime.baseUrl}/inbox`);
    await page.getByRole('link', { name: 'Connectors' }).click();
    await page.waitForURL(/\/connectors$/);
    expect(await page.getByTestId('connectors-read-only').innerText()).toContain('as an auditor');
    expect(await page.getByTestId('connectors-empty').innerText()).toContain('No connector is configured');
    // The packs' connector slots are the builders' business (and their routes refuse auditors).
    expect(await page.getByTestId('connector-slots').count()).toBe(0);
    await page.context().close();

    const zh = await auditorPage('zh-CN');
    await zh.goto(`${runtime.baseUrl}/connectors`);
    await zh.getByRole('link', { name: '连接器' }).waitFor();
    expect(await zh.getByTestId('connectors-empty').innerText()).toContain('尚未配置任何连接器');
    expect(await zh.getByTestId('connectors-read-only').innerText()).toContain('审计人员');
    await zh.context().close();
    expect(problems).toEqual([]);
  });

  it('does not echo a record the CRM sent back to the CRM, while the warehouse receives it', async () => {
    const crmSync = await call('PUT', '/connectors/crm-sync', {
      type: 'webhook',
      config: {
        direction: 'both', baseUrl: `${crm.url}/baton-events?tenant=acme-private`, allowHosts: ['127.0.0.1'],
        inbound: { action: 'upsert-record', form: 'customer', idField: 'id', map: { name: { var: 'name' }, ownerId: { var: 'ownerId' } }, actAs: 'demo-hr-1' },
      },
      secrets: { signingSecret: secret },
    });
    expect(crmSync.status, JSON.stringify(crmSync.body)).toBe(201);
    const feed = await call('PUT', '/connectors/warehouse', { type: 'webhook', config: { baseUrl: `${warehouse.url}/in`, allowHosts: ['127.0.0.1'] }, secrets: { signingSecret: secret } });
    expect(feed.status, JSON.stringify(feed.body)).toBe(201);

    const body = JSON.stringify({ id: 'cust-sync-1', name: 'Synced Customer', ownerId: 'demo-sales-1' });
    const ts = Math.floor(Date.now() / 1000);
    const hook = await fetch(`${runtime.baseUrl}/api/hooks/crm-sync`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'webhook-id': 'crm-1', 'webhook-timestamp': String(ts), 'webhook-signature': signWebhook(secret, 'crm-1', ts, body) },
    });
    expect(hook.status, await hook.text()).toBe(201);
    await expect.poll(() => warehouse.webhookIds, { timeout: 20_000, interval: 250 }).toContain('event:warehouse:record:cust-sync-1#1:record.created');
    expect(crm.webhookIds).toEqual([]);
    expect((await deliveriesOf('crm-sync')).map((d) => d.action)).toEqual(['receive']);
  });

  it('shows the auditor health, dead letters and deliveries read-only, without settings or secrets', async () => {
    // A change made in Baton goes to both; the warehouse refuses it: a dead letter there.
    warehouse.refuses = true;
    const patched = await call('PATCH', '/records/customer/cust-sync-1', { version: 1, data: { name: 'Synced Customer Ltd' } });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    await expect.poll(async () => (await deliveriesOf('warehouse')).filter((d) => d.status === 'dead').length, { timeout: 20_000, interval: 250 }).toBe(1);
    await expect.poll(async () => (await deliveriesOf('crm-sync')).filter((d) => d.action === 'deliverEvent' && d.status === 'delivered').length, { timeout: 20_000, interval: 250 }).toBe(1);
    warehouse.refuses = false;

    const page = await auditorPage();
    await page.goto(`${runtime.baseUrl}/connectors`);
    const warehouseRow = page.getByTestId('connector-row-warehouse');
    await warehouseRow.waitFor();
    expect(await warehouseRow.getAttribute('data-health')).toBe('failing');
    await expect.poll(() => page.getByTestId('connector-dead-warehouse').innerText()).toBe('1 dead letter');
    expect(await page.getByTestId('connector-row-crm-sync').getAttribute('data-health')).toBe('ok');
    expect(await page.getByTestId('connector-dead-crm-sync').innerText()).toBe('—');
    expect(await page.getByTestId('connector-add').count()).toBe(0);

    await page.getByTestId('connector-open-warehouse').click();
    const panel = page.getByTestId('connector-audit-panel');
    await panel.getByRole('heading', { name: 'Connector warehouse' }).waitFor();
    const dead = panel.locator('tbody tr[data-status="dead"]');
    await dead.waitFor();
    expect(await dead.innerText()).toContain('422');
    expect(await dead.innerText()).toContain('record.updated cust-sync-1');
    expect(await panel.locator('tbody tr[data-status="delivered"]').count()).toBe(1);
    expect(await panel.locator('[data-testid^="replay-"]').count()).toBe(0);
    for (const absent of ['connector-save', 'connector-test', 'connector-secrets', 'connector-editor']) expect(await page.getByTestId(absent).count()).toBe(0);

    await panel.getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('connector-open-crm-sync').click();
    const crmPanel = page.getByTestId('connector-audit-panel');
    await crmPanel.getByRole('heading', { name: 'Connector crm-sync' }).waitFor();
    const receipt = crmPanel.locator('tbody tr').filter({ hasText: 'receive' });
    await receipt.waitFor();
    expect(await receipt.innerText()).toContain('cust-sync-1');
    // Only the change made in Baton went out to the CRM: its own record came in and was not sent back.
    expect(await crmPanel.locator('tbody tr').filter({ hasText: 'deliverEvent' }).innerText()).toContain('record.updated cust-sync-1');
    const text = await page.locator('main, body').first().innerText();
    expect(text).not.toContain('acme-private');
    expect(text).not.toContain(secret.slice(6, 20));
    await saveScreenshot(page, 'connectors-auditor');
    await page.context().close();
    expect(problems).toEqual([]);
  });

  it('gives a designer who is also an auditor the settings read-only with the deliveries, still without replay', async () => {
    const page = await sessionPage(browser, await runtime.tokenFor('conn-design-audit', ['designer', 'auditor']), 'conn-design-audit', problems);
    page.on('response', (r) => {
      if (r.status() === 403) problems.push(`403 for the designer-auditor: ${r.request().method()} ${r.url()}`);
    });
    await page.goto(`${runtime.baseUrl}/connectors`);
    await expect.poll(() => page.getByTestId('connector-dead-warehouse').innerText(), { timeout: 10_000 }).toBe('1 dead letter');
    expect(await page.getByTestId('connector-row-warehouse').innerText()).toContain('127.0.0.1:');
    await page.getByTestId('connector-open-warehouse').click();
    const editor = page.getByTestId('connector-editor');
    await editor.locator('tbody tr[data-status="dead"]').waitFor();
    expect(await editor.locator('fieldset.connector-config').getAttribute('disabled')).not.toBeNull();
    expect(await editor.locator('fieldset.connector-config input').first().isDisabled()).toBe(true);
    for (const absent of ['connector-save', 'connector-test', 'connector-secrets']) expect(await editor.getByTestId(absent).count()).toBe(0);
    expect(await editor.locator('[data-testid^="replay-"]').count()).toBe(0);
    await page.context().close();
    expect(problems).toEqual([]);
  });

  it('filters an auditor\'s delivery log by status and day, loads more, and exports the filtered rows as CSV', { timeout: 90_000 }, async () => {
    // An incoming-only hook whose "match" lets nothing through: 53 calls are logged as skipped, 2 without a
    // customer id are refused (dead); nothing else happens, so the log holds exactly these 55 rows.
    const intake = await call('PUT', '/connectors/intake', {
      type: 'webhook',
      config: { direction: 'in', inbound: { action: 'upsert-record', form: 'customer', idField: 'id', actAs: 'demo-hr-1', match: { '==': [{ var: 'event' }, 'customer.changed'] }, map: { name: { var: 'name' } } } },
      secrets: { signingSecret: secret },
    });
    expect(intake.status, JSON.stringify(intake.body)).toBe(201);
    const hook = (id: string, payload: Json) => {
      const body = JSON.stringify(payload);
      const ts = Math.floor(Date.now() / 1000);
      return fetch(`${runtime.baseUrl}/api/hooks/intake`, {
        method: 'POST', body,
        headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': signWebhook(secret, id, ts, body) },
      });
    };
    for (let i = 0; i < 53; i++) expect((await hook(`view-${i}`, { event: 'customer.viewed', name: `Viewer ${i}` })).status).toBe(202);
    for (const id of ['broken-1', 'broken-2']) expect((await hook(id, { event: 'customer.changed', name: '无编号客户' })).status).toBe(422);

    const page = await auditorPage();
    await page.goto(`${runtime.baseUrl}/connectors`);
    await page.getByTestId('connector-open-intake').click();
    const panel = page.getByTestId('connector-audit-panel');
    const rows = panel.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(50);
    expect(await panel.getByTestId('deliveries-count').innerText()).toBe('Showing 50 of 55');
    expect(await rows.first().getAttribute('data-status')).toBe('dead');
    expect(await panel.locator('tbody tr[data-status="skipped"]').first().innerText()).toContain('skipped (nothing sent)');
    await panel.getByTestId('deliveries-more').click();
    await expect.poll(() => rows.count()).toBe(55);
    expect(await panel.getByTestId('deliveries-more').count()).toBe(0);
    expect(await panel.getByTestId('deliveries-count').innerText()).toBe('Showing 55 of 55');

    // Dead letters only: the server filters, the count follows, the CSV holds exactly those rows.
    await panel.getByTestId('delivery-filter-status').selectOption('dead');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await panel.getByTestId('deliveries-count').innerText()).toBe('Showing 2 of 2');
    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('deliveries-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^deliveries-intake-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('Time,Event,About,Status,Attempt,Last error,Proof,Duration (ms),Process instance,Idempotency key');
    expect(lines.slice(1).map((l) => l.split(',').at(-1)).sort()).toEqual(['broken-1', 'broken-2']);
    for (const line of lines.slice(1)) expect(line).toContain('dead letter');
    expect(await panel.getByTestId('deliveries-exported').innerText()).toBe('Exported 2 deliveries.');

    // A day after today matches nothing: said in words, with a way back.
    await panel.getByTestId('delivery-filter-from').fill('2099-01-01');
    const none = panel.getByTestId('deliveries-no-match');
    await none.waitFor();
    expect(await none.innerText()).toContain('No deliveries match these filters');
    expect(await panel.getByTestId('deliveries-export').isDisabled()).toBe(true);
    await none.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => rows.count()).toBe(50);
    await saveScreenshot(page, 'connectors-deliveries-filtered');
    await page.context().close();

    // In Chinese: the skipped rows and the CSV headers, opened correctly by Excel thanks to the BOM.
    const zh = await auditorPage('zh-CN');
    await zh.goto(`${runtime.baseUrl}/connectors`);
    await zh.getByTestId('connector-open-intake').click();
    const zhPanel = zh.getByTestId('connector-audit-panel');
    await zhPanel.getByTestId('delivery-filter-status').selectOption('skipped');
    await expect.poll(() => zhPanel.getByTestId('deliveries-count').innerText()).toBe('显示 50 条，共 53 条');
    expect(await zhPanel.locator('tbody tr').first().innerText()).toContain('已跳过（未发送）');
    const [zhDownload] = await Promise.all([zh.waitForEvent('download'), zhPanel.getByTestId('deliveries-export').click()]);
    const zhCsv = fs.readFileSync((await zhDownload.path())!, 'utf8');
    expect(zhCsv.startsWith('\uFEFF时间,事件,对象,状态')).toBe(true);
    expect(zhCsv.trim().split('\r\n')).toHaveLength(54);
    await zh.context().close();
    expect(problems).toEqual([]);
  });

  it('tells someone with neither role which roles open the page, in English and Chinese', async () => {
    const token = await runtime.tokenFor('conn-employee', []);
    const page = await sessionPage(browser, token, 'conn-employee', problems);
    await page.goto(`${runtime.baseUrl}/connectors`);
    const refusal = page.getByTestId('need-connector-role');
    await refusal.waitFor();
    expect(await refusal.locator('h1').innerText()).toBe('You need the designer or auditor role');
    expect(await refusal.innerText()).toContain('auditors read every delivery, read-only');
    expect(await refusal.innerText()).not.toContain('Designing forms');
    expect(await page.getByTestId('need-designer-role').count()).toBe(0);
    await page.context().close();
    const zh = await sessionPage(browser, token, 'conn-employee', problems, { locale: 'zh-CN' });
    await zh.goto(`${runtime.baseUrl}/connectors`);
    await zh.getByTestId('need-connector-role').waitFor();
    expect(await zh.getByTestId('need-connector-role').locator('h1').innerText()).toBe('你需要设计者或审计员角色');
    await zh.context().close();
    expect(problems).toEqual([]);
  });
});
