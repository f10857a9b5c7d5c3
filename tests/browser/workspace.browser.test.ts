import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from './harness/api.js';
import { hasChromium, launchChromium, skipNotice } from './harness/browser-env.js';
import { startRuntime, type RunningRuntime } from './harness/runtime-server.js';
import { approvalFlow, sceneCaller } from './harness/scene.js';

const artifacts = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');
const available = hasChromium();
if (!available) console.log(skipNotice());

const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const PASSWORD = 'manager-pass-2026';

// The working half in real Chromium against the real runtime: a manager signs in with a password, finds
// the task in the inbox, approves it with a comment, and the instance timeline shows the approval.
describe.skipIf(!available)('workspace in Chromium', () => {
  let runtime: RunningRuntime;
  let browser: Browser;
  let page: Page;
  let instanceId = '';
  const problems: string[] = [];

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startRuntime(), launchChromium()]);
    const admin = runtime.adminToken;
    const call = sceneCaller(runtime.baseUrl, admin);
    await call('POST', '/directory/import', { users: [{ id: 'wei', name: 'Wei Requester' }, { id: 'mgr', name: 'Meng Manager', roles: ['manager'] }] });
    await call('PUT', '/accounts/mgr/password', { password: PASSWORD, username: 'meng' });
    await call('POST', '/definitions', {
      kind: 'form',
      key: 'leave-note',
      title: t('Leave note', '请假单'),
      fields: [
        { key: 'reason', type: 'text', label: t('Reason', '原因'), required: true },
        { key: 'salary', type: 'number', label: t('Salary', '薪资') },
        { key: 'managerNote', type: 'text', label: t('Manager note', '经理备注') },
      ],
      access: { approve: { reason: 'readonly', salary: 'hidden' } },
    });
    await call('POST', '/definitions/form/leave-note/publish', {});
    await call('POST', '/definitions', approvalFlow({ key: 'leave', title: t('Leave', '请假'), form: 'leave-note' }, { name: t('Manager approval', '经理审批'), approverId: 'mgr' }));
    await call('POST', '/definitions/flow/leave/publish', {});
    await call('POST', '/definitions', {
      kind: 'form',
      key: 'asset',
      title: t('Asset', '资产'),
      collection: true,
      fields: [
        { key: 'name', type: 'text', label: t('Name', '名称'), required: true },
        { key: 'serial', type: 'text', label: t('Serial', '序列号') },
      ],
    });
    await call('POST', '/definitions/form/asset/publish', {});
    for (const data of [{ name: 'Laptop', serial: 'SN-2' }, { name: '=HYPERLINK("http://evil")', serial: '-1+1' }, { name: 'Badge' }]) {
      await call('POST', '/records/asset', { data });
    }
    const wei = await runtime.tokenFor('wei', []);
    const instance = await call('POST', '/flows/leave/instances', { data: { reason: 'Family trip', salary: 12000 } }, wei);
    instanceId = String(instance.id);
    page = await (await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' })).newPage();
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  it('signs in with a password, approves from the inbox with a comment (the timeline shows it), starts a request, exports records, reads it in Chinese', async () => {
    const started = Date.now();
    await page.goto(`${runtime.baseUrl}/inbox`);
    await page.waitForURL(/\/sign-in/);
    // No demo picker outside demo mode.
    expect(await page.getByTestId('demo-picker').count()).toBe(0);
    await page.fill('input[name=username]', 'meng');
    await page.fill('input[name=password]', 'wrong password');
    await page.getByTestId('log-in').click();
    const panel = page.locator('.error-panel');
    await panel.waitFor();
    expect(await panel.getAttribute('data-error-code')).toBe('BATON_E_LOGIN_FAILED');
    await page.fill('input[name=password]', PASSWORD);
    // Enter submits the form (keyboard use).
    await page.press('input[name=password]', 'Enter');
    await page.waitForURL(/\/inbox$/);

    const row = page.locator('[data-testid^=task-row-]');
    await row.first().waitFor({ timeout: 15_000 });
    expect(await row.count()).toBe(1);
    expect(await page.locator('.counts').textContent()).toContain('1 to do');
    // The row names the request by its flow (this form names no person, so no subject follows).
    expect(await row.first().getByTestId('task-request').textContent()).toBe('Leave');
    // The top bar names the user (id and roles in the account menu); a manager has no Build or Packs.
    const account = page.getByTestId('account-menu');
    await expect.poll(() => account.locator('summary').textContent()).toBe('Meng Manager');
    await account.locator('summary').click();
    expect(await account.getByTestId('account-id').textContent()).toBe('mgr');
    await expect.poll(() => account.getByTestId('account-roles').textContent()).toContain('manager');
    await account.locator('summary').click();
    const nav = (await page.locator('.top-bar nav').textContent()) ?? '';
    expect(nav).toContain('Inbox');
    expect(nav).not.toContain('Build');
    expect(nav).not.toContain('Packs');
    // Home is the designer's landing page: a plain user lands on the inbox instead.
    await page.locator('.top-bar nav').getByRole('link', { name: 'Home' }).click();
    await page.waitForURL(/\/inbox$/);
    await row.first().waitFor();
    fs.mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, 'workspace-inbox.png') });
    await row.first().getByRole('link').click();

    await page.getByTestId('task-form').waitFor({ timeout: 15_000 });
    // Field access of the node: reason read-only, salary hidden (absent), manager note editable.
    expect(await page.locator('#task_reason').isDisabled()).toBe(true);
    expect(await page.locator('#task_reason').inputValue()).toBe('Family trip');
    expect(await page.locator('#task_salary').count()).toBe(0);
    await page.fill('#task_managerNote', 'Enjoy');
    await page.getByTestId('task-comment').fill('Approved, have a good trip');
    await page.screenshot({ path: path.join(artifacts, 'workspace-task.png') });
    await page.getByTestId('action-approve').click();
    await page.getByTestId('action-done').waitFor({ timeout: 15_000 });

    await page.getByTestId('open-timeline').click();
    const approval = page.locator('[data-testid=timeline] li[data-action=approve]');
    await approval.waitFor({ timeout: 15_000 });
    // People by name, not by id: the approver in the timeline, the initiator in the header.
    await expect.poll(() => approval.locator('.person').getAttribute('data-person-state'), { timeout: 10_000 }).toBe('known');
    expect(await approval.locator('.person').textContent()).toBe('Meng Manager');
    expect(await approval.textContent()).toContain('Approved, have a good trip');
    await expect.poll(() => page.getByTestId('instance-initiator').textContent(), { timeout: 10_000 }).toBe('Wei Requester');
    // Engine bookkeeping is folded away: started, approved, completed (by the system); the toggle shows the rest.
    const events = page.locator('[data-testid=timeline] li');
    expect(await events.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-type')))).toEqual(['flow.started', 'task.completed', 'flow.completed']);
    expect(await events.last().locator('strong').textContent()).toBe('System');
    await page.getByTestId('timeline-details').click();
    await expect.poll(() => events.count()).toBeGreaterThan(3);
    expect(await page.locator('[data-testid=timeline] li[data-type="node.entered"] strong').first().textContent()).toBe('System');
    await page.getByTestId('timeline-details').click();
    await expect.poll(() => events.count()).toBe(3);
    await page.getByTestId('instance-graph').locator('.react-flow__node').first().waitFor();
    expect(await page.getByTestId('deliveries-unavailable').count() + await page.getByTestId('deliveries').count() + await page.getByText('Nothing has been sent or updated').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(artifacts, 'workspace-timeline.png'), fullPage: true });

    const after = await api<{ status: string; data: Record<string, unknown> }>(runtime.baseUrl, runtime.adminToken, 'GET', `/instances/${instanceId}`);
    expect(after.body.status).toBe('completed');
    expect(after.body.data).toMatchObject({ reason: 'Family trip', salary: 12000, managerNote: 'Enjoy' });

    // Start a new request from the UI: the start form, then the new instance's page.
    await page.goto(`${runtime.baseUrl}/start`);
    await page.getByTestId('pick-flow').selectOption('leave');
    await page.locator('#start_reason').waitFor({ timeout: 15_000 });
    await page.getByTestId('start-submit').click();
    // The server refuses the empty required field with its code and path.
    await Promise.race([page.locator('.error-panel').waitFor(), page.waitForURL(/\/instances\//)]);
    await page.screenshot({ path: path.join(artifacts, 'workspace-start-refused.png') });
    expect(await page.locator('.error-panel').getAttribute('data-error-code')).toBe('BATON_E_DATA_INVALID');
    await page.fill('#start_reason', 'Conference');
    await page.getByTestId('start-submit').click();
    await page.waitForURL(/\/instances\//);
    await page.getByTestId('instance-status').waitFor();
    expect(await page.getByTestId('instance-status').textContent()).toBe('Running');

    // Records: search, sort, and a CSV export whose formula-like cells are neutralised.
    await page.goto(`${runtime.baseUrl}/records?form=asset`);
    await page.getByTestId('records-table').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid=records-table] tbody tr').count()).toBe(3);
    await page.getByTestId('records-search').fill('lap');
    expect(await page.locator('[data-testid=records-table] tbody tr').count()).toBe(1);
    await page.getByTestId('records-search').fill('');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")",'-1+1`);
    expect(csv.split('\r\n')[0]).toBe('\uFEFFName,Serial,Received');

    // zh-CN: the same pages in Chinese, switched from the top bar.
    await page.goto(`${runtime.baseUrl}/inbox?status=completed`);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await page.getByRole('heading', { name: '我的待办' }).waitFor();
    // The counts load after the heading; wait for them rather than reading the first paint.
    await page.locator('.counts', { hasText: '1 项已处理' }).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: path.join(artifacts, 'workspace-inbox-zh.png') });

    expect(problems).toEqual([]);
    expect(Date.now() - started).toBeLessThan(40_000);
  });
});
