import { randomBytes } from 'node:crypto';
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

// The connectors page in real Chromium on the demo pack: an admin sees the pack's connector slots and the
// connectors, sets an incoming webhook's actAs with the directory picker, gets a refused secret at its field,
// tests a connection against a real HTTP server on 127.0.0.1 (allowed) and one the SSRF guard refuses, and
// sees a received delivery (whose record event is not echoed back to the connector that sent it).
describe.skipIf(!available)('connectors page in Chromium', () => {
  let runtime: RunningRuntime;
  let browser: Browser;
  let page: Page;
  let peer: http.Server;
  let peerUrl = '';
  const received: Array<{ path: string; headers: http.IncomingHttpHeaders }> = [];
  const problems: string[] = [];
  /** While set, the peer refuses every call (422): the runtime's delivery goes dead at once. */
  let peerRefuses = false;
  const secret = `whsec_${randomBytes(32).toString('base64')}`;

  /** A signed POST /api/hooks/hr-feed, as the other system would send it. */
  const sendHook = (id: string, payload: Json) => {
    const body = JSON.stringify(payload);
    const ts = Math.floor(Date.now() / 1000);
    return fetch(`${runtime.baseUrl}/api/hooks/hr-feed`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': signWebhook(secret, id, ts, body) },
    });
  };
  const call = <T = Json>(method: string, route: string, body?: unknown) => api<T>(runtime.baseUrl, runtime.adminToken, method, route, body);

  beforeAll(async () => {
    peer = http.createServer((req, res) => {
      received.push({ path: req.url ?? '', headers: req.headers });
      req.resume();
      req.on('end', () => res.writeHead(peerRefuses ? 422 : 204).end());
    });
    await new Promise<void>((resolve) => peer.listen(0, '127.0.0.1', resolve));
    peerUrl = `http://127.0.0.1:${(peer.address() as AddressInfo).port}`;
    ({ runtime, browser } = await startDemoPackRuntime());
    const feed = await call('PUT', '/connectors/hr-feed', {
      type: 'webhook',
      config: {
        direction: 'both',
        baseUrl: `${peerUrl}/events`,
        // The SSRF guard refuses loopback unless the connector names the host (as the runtime's own tests do).
        allowHosts: ['127.0.0.1'],
        inbound: { action: 'upsert-record', form: 'customer', idField: 'id', map: { name: { var: 'name' }, ownerId: { var: 'ownerId' } }, actAs: 'demo-hr-2' },
      },
      secrets: { signingSecret: secret },
    });
    expect(feed.status, JSON.stringify(feed.body)).toBe(201);
    const blocked = await call('PUT', '/connectors/intranet', { type: 'webhook', config: { baseUrl: `${peerUrl}/events` }, secrets: { signingSecret: secret } });
    expect(blocked.status, JSON.stringify(blocked.body)).toBe(201);
    page = await sessionPage(browser, runtime.adminToken, 'admin', problems);
  });

  afterAll(async () => {
    await page?.context().close();
    await runtime?.stop();
    await new Promise((resolve) => peer?.close(resolve));
  });

  it('lists the connectors with type, host only and health, and the pack\'s connector slots', async () => {
    await page.goto(`${runtime.baseUrl}/connectors`);
    await page.getByRole('link', { name: 'Connectors' }).waitFor();
    const row = page.getByTestId('connector-row-hr-feed');
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('webhook');
    expect(text).toContain('127.0.0.1:');
    expect(text).not.toContain('/events');
    expect(await row.getAttribute('data-health')).toBe('idle');
    expect(await page.getByTestId('connector-slot-scim').innerText()).toContain('not configured');
    expect(await page.getByTestId('connector-slot-crm').innerText()).toContain('CRM');
  });

  it('edits the incoming webhook: a refused secret shows at its field, actAs is picked from the directory', async () => {
    await page.getByTestId('connector-open-hr-feed').click();
    const editor = page.getByTestId('connector-editor');
    await editor.waitFor();
    // The saved secret is masked, and its input starts empty: the value never comes back.
    expect(await editor.getByTestId('secret-state-signingSecret').innerText()).toContain('********');
    expect(await editor.getByLabel('Replace signingSecret').inputValue()).toBe('');

    await editor.getByLabel('Replace signingSecret').fill('hunter2');
    await editor.getByTestId('connector-save').click();
    const secretError = editor.getByTestId('secret-error-signingSecret');
    await secretError.waitFor();
    expect(await secretError.innerText()).toContain('whsec_');
    await editor.getByLabel('Replace signingSecret').fill('');

    const actAs = editor.locator('input[role="combobox"][id$="actAs"]');
    const clear = editor.locator('[data-testid$="actAs-picker"] button[aria-label]');
    if (await clear.count()) await clear.first().click();
    await actAs.fill('孙丽');
    const id = await actAs.getAttribute('id');
    await editor.getByTestId(`${id}-option-demo-hr-1`).click({ timeout: 10_000 });
    await editor.getByTestId('connector-save').click();
    await editor.getByTestId('connector-saved').waitFor();
    const saved = await call<{ config: { inbound: { actAs: string } }; secrets: Record<string, string> }>('GET', '/connectors/hr-feed');
    expect(saved.body.config.inbound.actAs).toBe('demo-hr-1');
    expect(saved.body.secrets).toEqual({ signingSecret: '********' });
  });

  it('tests the connection against the loopback server, in words', async () => {
    const editor = page.getByTestId('connector-editor');
    const before = received.length;
    await editor.getByTestId('connector-test').click();
    const result = editor.getByTestId('connector-test-result');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.getAttribute('data-outcome')).toBe('ok');
    expect(await result.innerText()).toContain('Connection works');
    expect(received.length).toBe(before + 1);
    expect(received.at(-1)?.path).toBe('/events');
    expect(received.at(-1)?.headers['webhook-signature']).toMatch(/^v1,/);
  });

  it('sees a received delivery of the webhook in its deliveries', async () => {
    const res = await sendHook('msg-1', { id: 'cust-hook-1', name: 'Hook Customer', ownerId: 'demo-sales-1' });
    expect(res.status, await res.text()).toBeLessThan(300);
    const editor = page.getByTestId('connector-editor');
    await editor.getByTestId('deliveries-refresh').click();
    // The received call shows as a delivery.
    const receipt = editor.getByTestId('connector-deliveries').locator('tbody tr').filter({ hasText: 'receive' });
    await expect.poll(() => receipt.count(), { timeout: 10_000 }).toBe(1);
    expect(await receipt.getAttribute('data-status')).toBe('delivered');
    expect(await receipt.innerText()).toContain('cust-hook-1');
    // The record it wrote is not sent back to the system that sent it (no echo between two systems):
    // its event was queued in the call's own transaction for every other subscriber, and none for hr-feed.
    const queued = await call<{ items: Array<{ idempotencyKey: string }> }>('GET', '/outbox?type=invoke&limit=500');
    expect(queued.body.items.map((o) => o.idempotencyKey)).toContain('event:intranet:record:cust-hook-1#1:record.created');
    expect(queued.body.items.filter((o) => o.idempotencyKey.startsWith('event:hr-feed:'))).toEqual([]);
    expect(received.filter((r) => String(r.headers['webhook-id'] ?? '').startsWith('event:hr-feed:record:cust-hook-1'))).toEqual([]);
    await saveScreenshot(page, 'connectors-page');
  });

  it('replays a dead letter of the connector once the peer is back', async () => {
    const editor = page.getByTestId('connector-editor');
    peerRefuses = true;
    // A record written inside Baton (not by hr-feed's own call) goes out to hr-feed.
    const res = await call('POST', '/records/customer', { data: { name: 'Second Customer', ownerId: 'demo-sales-1' } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    // The record event goes out to the peer, which refuses it: a dead letter, offered for replay.
    const replay = editor.locator('[data-testid^="replay-"]');
    await expect.poll(async () => {
      await editor.getByTestId('deliveries-refresh').click();
      return replay.count();
    }, { timeout: 20_000, interval: 500 }).toBe(1);
    const deadRow = editor.locator('tbody tr[data-status="dead"]');
    expect(await deadRow.innerText()).toContain('422');
    // The list above follows: the connector is failing, with one dead letter.
    await expect.poll(() => page.getByTestId('connector-dead-hr-feed').innerText(), { timeout: 10_000 }).toBe('1 dead letter');
    expect(await page.getByTestId('connector-row-hr-feed').getAttribute('data-health')).toBe('failing');
    peerRefuses = false;
    await replay.click();
    await editor.getByText('Queued again').waitFor();
    await expect.poll(async () => {
      await editor.getByTestId('deliveries-refresh').click();
      return editor.locator('tbody tr[data-status="delivered"]').filter({ hasText: 'deliverEvent' }).count();
    }, { timeout: 20_000, interval: 500 }).toBe(1);
    expect(await replay.count()).toBe(0);
    await expect.poll(() => page.getByTestId('connector-dead-hr-feed').innerText(), { timeout: 10_000 }).toBe('—');
  });

  it('explains a target the SSRF guard refuses', async () => {
    await page.getByTestId('connector-open-intranet').click();
    const editor = page.getByTestId('connector-editor');
    await editor.getByRole('heading', { name: 'Connector intranet' }).waitFor();
    await editor.getByTestId('connector-test').click();
    const result = editor.getByTestId('connector-test-result');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.getAttribute('data-outcome')).toBe('ssrf');
    expect(await result.innerText()).toContain('allowHosts');
  });

  it('shows designers the connectors read-only, and HR no nav entry at all', async () => {
    const designer = await sessionPage(browser, await runtime.tokenFor('conn-designer', ['designer']), 'conn-designer', problems);
    await designer.goto(`${runtime.baseUrl}/connectors`);
    await designer.getByTestId('connectors-read-only').waitFor();
    await designer.getByTestId('connector-row-hr-feed').waitFor();
    expect(await designer.getByTestId('connector-add').count()).toBe(0);
    await designer.getByTestId('connector-open-hr-feed').click();
    const editor = designer.getByTestId('connector-editor');
    await editor.locator('input[role="combobox"][id$="actAs"]').waitFor();
    expect(await editor.locator('input[role="combobox"][id$="actAs"]').isDisabled()).toBe(true);
    expect(await editor.getByTestId('connector-save').count()).toBe(0);
    expect(await editor.getByTestId('connector-secrets').count()).toBe(0);
    await designer.context().close();

    const hr = await sessionPage(browser, await runtime.tokenFor('demo-hr-1', ['hr']), 'demo-hr-1', problems);
    await hr.goto(`${runtime.baseUrl}/inbox`);
    await hr.getByRole('link', { name: 'People' }).waitFor();
    expect(await hr.getByRole('link', { name: 'Connectors' }).count()).toBe(0);
    await hr.context().close();
    expect(problems).toEqual([]);
  });
});
