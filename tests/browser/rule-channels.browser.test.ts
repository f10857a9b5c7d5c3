import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from './harness/api.js';
import { hasChromium, launchChromium, skipNotice } from './harness/browser-env.js';
import { saveScreenshot, sessionPage } from './harness/pages.js';
import { startRuntime, type RunningRuntime } from './harness/runtime-server.js';
import { sceneCaller, t } from './harness/scene.js';

const available = hasChromium();
if (!available) console.log(skipNotice());

// A notify action's Channels in the rule designer: a channel is added only once chosen (or typed), never as an
// empty entry the engine refuses with "Change this value to a string"; repeats are refused, entries removed.
describe.skipIf(!available)('a rule action\'s channel list in Chromium', () => {
  let runtime: RunningRuntime;
  let browser: Browser;
  const problems: string[] = [];

  const savedChannels = async () => {
    const list = await api<{ items: Array<{ version: number }> }>(runtime.baseUrl, runtime.adminToken, 'GET', '/definitions?kind=rule&key=leave-notice');
    const version = Math.max(...list.body.items.map((i) => i.version));
    const body = (await api<{ body: { actions: Array<{ params?: Record<string, unknown> }> } }>(runtime.baseUrl, runtime.adminToken, 'GET', `/definitions/rule/leave-notice?version=${version}`)).body.body;
    return body.actions[0]?.params?.channels ?? null;
  };
  const waitSaved = (page: Page) => page.waitForSelector('[data-testid=save-status][data-state=saved]', { timeout: 15_000 });

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startRuntime(), launchChromium()]);
    const call = sceneCaller(runtime.baseUrl, runtime.adminToken);
    await call('POST', '/definitions', { kind: 'form', key: 'leave', title: t('Leave', '请假'), fields: [{ key: 'reason', type: 'text', label: t('Reason', '事由') }] });
    await call('POST', '/definitions/form/leave/publish', {});
    await call('POST', '/definitions', {
      kind: 'rule', key: 'leave-notice', title: t('Leave notice', '请假通知'), scope: { form: 'leave' },
      trigger: { type: 'record-created', config: {} },
      actions: [{ type: 'notify', params: { to: [{ kind: 'initiator' }], title: t('Leave recorded', '已登记请假') } }],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  it('adds a channel only once it is chosen or typed, and keeps the list valid', async ({ onTestFailed }) => {
    const page = await sessionPage(browser, runtime.adminToken, 'admin', problems);
    onTestFailed(() => saveScreenshot(page, 'failure-rule-channels'));
    await page.goto(`${runtime.baseUrl}/build/rule/leave-notice`);
    const list = page.getByTestId('action-0-params_channels-list');
    await list.waitFor({ timeout: 15_000 });
    expect(await list.locator('legend').textContent()).toBe('Channels');
    expect(await list.getByTestId('action-0-params_channels-none').textContent()).toBe('None yet');
    // No rjsf "Add" that would append an empty entry.
    expect(await list.locator('button.array-item-add, button[title="Add Item"]').count()).toBe(0);

    const choose = list.getByRole('combobox', { name: 'Channels: add' });
    expect(await choose.locator('option').allTextContents()).toEqual(['— add one —', 'In-app inbox', 'Email', 'DingTalk', 'WeCom', 'SMS']);
    await choose.selectOption('email');
    await expect.poll(() => list.getByTestId('action-0-params_channels-entry').allTextContents()).toEqual(['Email ×']);
    // A chosen channel is no longer offered.
    expect(await choose.locator('option[value=email]').count()).toBe(0);
    await waitSaved(page);
    await expect.poll(savedChannels, { timeout: 10_000 }).toEqual(['email']);

    // A connector's key typed in; a repeat is refused with a word, not written.
    const other = list.getByRole('textbox', { name: 'Channels: another value' });
    const add = list.getByRole('button', { name: 'Add', exact: true });
    expect(await add.isDisabled()).toBe(true);
    await other.fill('ops-robot');
    await other.press('Enter');
    await expect.poll(savedChannels, { timeout: 10_000 }).toEqual(['email', 'ops-robot']);
    await other.fill('email');
    await add.click();
    expect(await list.getByRole('status').textContent()).toBe('Already in the list.');
    expect(await list.getByTestId('action-0-params_channels-entry').count()).toBe(2);
    await page.waitForTimeout(500);
    expect(await page.getByTestId('rule-action-0').textContent()).not.toMatch(/Change this value to a string|must be text/);
    await saveScreenshot(page, 'rule-channels');

    // Removing every entry leaves the property out (the people's own default channels).
    await list.getByRole('button', { name: 'Remove Email' }).click();
    await list.getByRole('button', { name: 'Remove ops-robot' }).click();
    await list.getByTestId('action-0-params_channels-none').waitFor();
    await waitSaved(page);
    await expect.poll(savedChannels, { timeout: 10_000 }).toBeNull();

    // The same in Chinese.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await expect.poll(() => list.locator('legend').textContent()).toBe('渠道');
    expect(await list.getByRole('combobox', { name: '渠道：添加' }).count()).toBe(1);
    expect(await list.locator('select option').allTextContents()).toEqual(['— 选择要添加的项 —', '站内信', '邮件', '钉钉', '企业微信', '短信']);
    expect(problems).toEqual([]);
  });
});
