import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, skipNotice } from './harness/browser-env.js';
import { startDemoPackRuntime } from './harness/demo-pack.js';
import type { RunningRuntime } from './harness/runtime-server.js';
import { saveScreenshot, sessionPage } from './harness/pages.js';
import { sceneCaller } from './harness/scene.js';

const available = hasChromium();
if (!available) console.log(skipNotice());

const LEAVER = 'demo-eng-2';
const MANAGER = 'demo-eng-director';
const HR = 'demo-hr-1';
const REASON = 'Please add your handover items';

const request = (employeeId: string) => ({
  employeeId, type: 'resignation', lastWorkingDay: '2030-06-28', terminationDate: '2030-06-28', reasonCategory: 'career',
  reason: 'A new city', workItems: [], customers: [], accounts: [{ system: 'Git', account: employeeId }], assets: [{ assetId: 'demo-asset-lt-0105' }],
});

// QA defects 8 and 9: reject and return ask for a required reason in their dialog, the leaver sees it on
// the resubmit task; the initiator withdraws a running request from its page (HR cancels), with a reason.
describe.skipIf(!available)('task action guards and withdrawing a request (Chromium)', () => {
  let runtime: RunningRuntime;
  let browser: Browser;
  let call: ReturnType<typeof sceneCaller>;
  const problems: string[] = [];
  let instanceId = '';

  beforeAll(async () => {
    ({ runtime, browser } = await startDemoPackRuntime());
    call = sceneCaller(runtime.baseUrl, runtime.adminToken);
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  async function openTask(page: Page, token: string, nodeId: string): Promise<void> {
    const list = await call('GET', `/tasks?mine=true&status=open&instanceId=${instanceId}`, undefined, token);
    const task = (list.items as Array<{ id: string; nodeId: string }>).find((x) => x.nodeId === nodeId);
    expect(task, `${nodeId} task`).toBeTruthy();
    await page.goto(`${runtime.baseUrl}/tasks/${task!.id}`);
    await page.getByTestId('task-page').waitFor({ timeout: 15_000 });
  }

  it('reject and return need a reason in their dialog; the leaver reads it on the resubmit task', async () => {
    const leaverToken = await runtime.tokenFor(LEAVER, []);
    instanceId = String((await call('POST', '/flows/offboarding/instances', { data: request(LEAVER) }, leaverToken)).id);
    const managerToken = await runtime.tokenFor(MANAGER, []);
    const page = await sessionPage(browser, managerToken, MANAGER, problems);
    await openTask(page, managerToken, 'managerApproval');

    // Reject opens a dialog (it used to act at once): the reason is marked required, Confirm waits for it.
    await page.getByTestId('action-reject').click();
    const reason = page.getByTestId('action-reason');
    await reason.waitFor();
    expect(await reason.getAttribute('aria-required')).toBe('true');
    expect(await page.locator('dialog[open] label').filter({ hasText: 'Reason (required)' }).count()).toBe(1);
    expect(await page.getByTestId('confirm-action').isDisabled()).toBe(true);
    await reason.fill('   ');
    expect(await page.getByTestId('confirm-action').isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await call('GET', `/instances/${instanceId}`, undefined, managerToken)).toMatchObject({ status: 'running', activeNodes: ['managerApproval'] });

    await page.getByTestId('action-return').click();
    expect(await page.getByTestId('confirm-action').isDisabled()).toBe(true);
    await page.getByTestId('action-reason').fill(REASON);
    await saveScreenshot(page, 'task-actions-return-reason');
    await page.getByTestId('confirm-action').click();
    await page.getByTestId('action-done').waitFor();
    const back = await call('GET', `/instances/${instanceId}`, undefined, managerToken);
    expect(back.activeNodes).toEqual(['request']);

    const leaver = await sessionPage(browser, leaverToken, LEAVER, problems);
    await openTask(leaver, leaverToken, 'request');
    const notice = leaver.getByTestId('sent-back-reason');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Manager approval');
    expect(await notice.textContent()).toContain(REASON);
    await leaver.close();
    await page.close();
  });

  // QA (instance page): the resubmit task shows whom the request is about read-only (the server refuses a
  // change); the timeline names the fields the resubmission changed; the request reads as words, not JSON.
  it('resubmits with the leaver read-only; the timeline and the request data read as words in en and zh-CN', async () => {
    const leaverToken = await runtime.tokenFor(LEAVER, []);
    const leaver = await sessionPage(browser, leaverToken, LEAVER, problems);
    await openTask(leaver, leaverToken, 'request');
    const subject = leaver.locator('#task_employeeId');
    await subject.waitFor({ timeout: 15_000 });
    expect(await subject.isDisabled()).toBe(true);
    await expect.poll(() => subject.inputValue(), { timeout: 10_000 }).toBe('黄敏');
    expect(await leaver.getByTestId('task-form').textContent()).toContain('cannot change once it has started');
    await leaver.locator('#task_lastWorkingDay').fill('2030-07-15');
    await leaver.locator('#task_terminationDate').fill('2030-07-15');
    await leaver.getByTestId('action-resubmit').click();
    await leaver.getByTestId('action-done').waitFor({ timeout: 15_000 });
    await leaver.close();

    const page = await sessionPage(browser, await runtime.tokenFor(MANAGER, []), MANAGER, problems);
    await page.goto(`${runtime.baseUrl}/instances/${instanceId}`);
    const changes = page.locator('[data-testid=timeline] li[data-action=resubmit] .changes .change');
    await expect.poll(() => changes.allTextContents(), { timeout: 15_000 }).toEqual(['Last working day: Jun 28, 2030 → Jul 15, 2030', 'Termination date: Jun 28, 2030 → Jul 15, 2030']);
    const data = page.getByTestId('request-data');
    const field = (key: string) => data.locator(`[data-field=${key}] dd`).first();
    await expect.poll(() => field('employeeId').textContent(), { timeout: 10_000 }).toBe('黄敏');
    expect(await field('type').textContent()).toBe('Resignation');
    expect(await field('reasonCategory').textContent()).toBe('Career development');
    expect(await field('lastWorkingDay').textContent()).toBe('Jul 15, 2030');
    expect(await field('workItems').textContent()).toBe('—');
    // Sub-tables as tables with their column labels; an asset by its tag, not its record id.
    expect(await data.getByTestId('request-table-accounts').locator('th').allTextContents()).toEqual(['System', 'Account']);
    await expect.poll(() => data.getByTestId('request-table-assets').locator('td[data-column=assetId]').textContent(), { timeout: 10_000 }).toBe('LT-0105');
    expect(await page.locator('pre').count()).toBe(0);
    await saveScreenshot(page, 'instance-page-readable-en');
    await page.close();

    const zh = await sessionPage(browser, leaverToken, LEAVER, problems, { locale: 'zh-CN' });
    await zh.goto(`${runtime.baseUrl}/instances/${instanceId}`);
    const zhChanges = zh.locator('[data-testid=timeline] li[data-action=resubmit] .changes .change');
    await expect.poll(() => zhChanges.first().textContent(), { timeout: 15_000 }).toBe('最后工作日：2030年6月28日 → 2030年7月15日');
    const zhData = zh.getByTestId('request-data');
    expect(await zhData.locator('[data-field=type] dd').textContent()).toBe('主动辞职');
    expect(await zhData.locator('[data-field=reasonCategory] dd').textContent()).toBe('职业发展');
    expect(await zhData.locator('[data-field=lastWorkingDay] dd').textContent()).toBe('2030年7月15日');
    expect(await zhData.getByTestId('request-table-accounts').locator('th').allTextContents()).toEqual(['系统', '账号']);
    await saveScreenshot(zh, 'instance-page-readable-zh');
    await zh.close();
  });

  it('the initiator withdraws their running request with a reason shown in the timeline; the button then goes', async () => {
    const leaverToken = await runtime.tokenFor(LEAVER, []);
    // The manager (not the initiator, not HR) is offered nothing; HR is offered Cancel.
    const manager = await sessionPage(browser, await runtime.tokenFor(MANAGER, []), MANAGER, problems);
    await manager.goto(`${runtime.baseUrl}/instances/${instanceId}`);
    await manager.getByTestId('instance-status').waitFor({ timeout: 15_000 });
    await manager.getByTestId('instance-initiator').waitFor();
    expect(await manager.getByTestId('withdraw-request').count()).toBe(0);
    await manager.close();
    const hr = await sessionPage(browser, await runtime.tokenFor(HR, ['hr']), HR, problems, { locale: 'zh-CN' });
    await hr.goto(`${runtime.baseUrl}/instances/${instanceId}`);
    await hr.getByTestId('withdraw-request').waitFor({ timeout: 15_000 });
    expect(await hr.getByTestId('withdraw-request').textContent()).toBe('取消申请');
    await hr.close();

    const page = await sessionPage(browser, leaverToken, LEAVER, problems, { locale: 'zh-CN' });
    await page.goto(`${runtime.baseUrl}/instances/${instanceId}`);
    const button = page.getByTestId('withdraw-request');
    await button.waitFor({ timeout: 15_000 });
    expect(await button.textContent()).toBe('撤回申请');
    await button.click();
    expect(await page.locator('dialog[open]').getAttribute('aria-label')).toBe('确定撤回此申请？');
    // Keeping it changes nothing.
    await page.getByRole('button', { name: '暂不撤回' }).click();
    expect((await call('GET', `/instances/${instanceId}`, undefined, leaverToken)).status).toBe('running');
    await button.click();
    await page.getByTestId('withdraw-reason').fill('改变主意，继续留任');
    await page.getByTestId('confirm-withdraw').click();
    await page.getByTestId('withdraw-done').waitFor();
    // The page reloads the instance after the cancel answers: wait for it rather than read at once.
    await expect.poll(() => page.getByTestId('instance-status').textContent(), { timeout: 10_000 }).toBe('已撤回');
    await expect.poll(() => page.getByTestId('withdraw-request').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.locator('blockquote.comment').filter({ hasText: '改变主意，继续留任' }).count(), { timeout: 10_000 }).toBe(1);
    await saveScreenshot(page, 'task-actions-withdrawn');
    expect((await call('GET', `/instances/${instanceId}`, undefined, leaverToken)).status).toBe('withdrawn');
    await page.close();
    expect(problems).toEqual([]);
  });
});
