import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from './harness/api.js';
import { hasChromium, launchChromium, skipNotice } from './harness/browser-env.js';
import { saveScreenshot, sessionPage } from './harness/pages.js';
import { startRuntime, type RunningRuntime } from './harness/runtime-server.js';
import { approvalFlow, sceneCaller, t } from './harness/scene.js';

const available = hasChromium();
if (!available) console.log(skipNotice());

// The bell and the evidence section against the real runtime: starting a request fires a rule that notifies
// the approver; the approver's bell counts it, the panel lists it and leads to the request, whose evidence
// verifies in Chromium's WebCrypto.
describe.skipIf(!available)('notifications and evidence in Chromium', () => {
  let runtime: RunningRuntime;
  let browser: Browser;
  let page: Page;
  let mgrToken = '';
  const problems: string[] = [];

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startRuntime(), launchChromium()]);
    const call = sceneCaller(runtime.baseUrl, runtime.adminToken);
    await call('POST', '/directory/import', { users: [{ id: 'wei', name: 'Wei Requester' }, { id: 'mgr', name: 'Meng Manager', roles: ['manager'] }] });
    await call('POST', '/definitions', { kind: 'form', key: 'trip', title: t('Trip', '出差'), fields: [{ key: 'reason', type: 'text', label: t('Reason', '原因'), required: true }] });
    await call('POST', '/definitions/form/trip/publish', {});
    await call('POST', '/definitions', approvalFlow({ key: 'trip', title: t('Trip', '出差'), form: 'trip' }, { name: t('Manager approval', '经理审批'), approverId: 'mgr' }));
    await call('POST', '/definitions/flow/trip/publish', {});
    await call('POST', '/definitions', {
      kind: 'rule', key: 'trip-tell-manager', title: t('Tell the manager', '通知经理'), scope: { flow: 'trip' }, trigger: { type: 'flow-started' },
      actions: [{ type: 'notify', params: { to: [{ kind: 'user', id: 'mgr' }], title: t('A trip to approve', '有出差待审批'), body: t('Wei asked for a trip.', 'Wei 申请了出差。') } }],
    });
    await call('POST', '/definitions/rule/trip-tell-manager/publish', {});
    mgrToken = await runtime.tokenFor('mgr', []);
    page = await sessionPage(browser, mgrToken, 'mgr', problems);
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  it('counts a new notification on the bell, lists it, leads to the request, and verifies its evidence', async () => {
    const started = Date.now();
    await page.goto(`${runtime.baseUrl}/inbox`);
    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notification-panel').getByText('No notifications').waitFor();
    expect(await page.getByTestId('notification-count').count()).toBe(0);
    await page.keyboard.press('Escape');

    // The step: Wei starts a request; the rule's notify effect reaches mgr's inbox through the outbox worker.
    const wei = await runtime.tokenFor('wei', []);
    const instance = await api<{ id: string }>(runtime.baseUrl, wei, 'POST', '/flows/trip/instances', { data: { reason: 'Customer visit' } });
    expect(instance.status).toBe(201);
    await expect.poll(async () => (await api<{ unread: number }>(runtime.baseUrl, mgrToken, 'GET', '/notifications?unread=true')).body.unread, { timeout: 15_000 }).toBe(1);

    // Moving inside the app (no reload) asks for the count again.
    await page.getByRole('link', { name: 'Requests' }).click();
    await expect.poll(() => page.getByTestId('notification-count').textContent(), { timeout: 10_000 }).toBe('1');
    await page.getByTestId('notification-bell').click();
    const item = page.getByTestId('notification-item');
    await item.getByText('A trip to approve').waitFor();
    expect(await item.getAttribute('data-unread')).toBe('true');
    expect(await item.textContent()).toContain('Wei asked for a trip.');
    await saveScreenshot(page, 'notifications-panel');
    await item.getByRole('link', { name: 'Open the request' }).click();
    await page.waitForURL(new RegExp(`/instances/${instance.body.id}$`));
    // Opening it marked it read.
    await expect.poll(() => page.getByTestId('notification-count').count(), { timeout: 10_000 }).toBe(0);

    const evidence = page.getByTestId('evidence-section');
    await evidence.getByTestId('evidence-entries').waitFor();
    expect(await evidence.locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
    // The action shows in words; its key stays on the cell for auditors who search by it.
    expect(await evidence.locator('tbody td[data-action="instance.started"]').count()).toBeGreaterThanOrEqual(1);
    await evidence.getByTestId('evidence-verify').click();
    const verdict = evidence.getByTestId('evidence-verdict');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-ok'), (await verdict.textContent()) ?? '').toBe('true');
    expect(await verdict.textContent()).toContain('Ed25519 signatures');
    const download = page.waitForEvent('download');
    await evidence.getByTestId('evidence-download').click();
    expect((await download).suggestedFilename()).toBe(`evidence-${instance.body.id}.json`);
    await saveScreenshot(page, 'evidence-verified');

    // The same in Chinese.
    await page.locator('.locale-switch select').selectOption('zh-CN');
    await page.getByRole('heading', { name: '存证' }).waitFor();
    expect(await page.getByTestId('notification-bell').getAttribute('aria-label')).toBe('通知');
    await evidence.getByRole('button', { name: '在浏览器中验证' }).click();
    await evidence.getByText('验证通过').waitFor();

    expect(problems).toEqual([]);
    expect(Date.now() - started).toBeLessThan(60_000);
  });
});
