import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from './harness/api.js';
import { hasChromium, launchChromium, skipNotice } from './harness/browser-env.js';
import { trackedPage } from './harness/pages.js';
import { startRuntime, type RunningRuntime } from './harness/runtime-server.js';
import { noteKitPack as pack, t } from './harness/scene.js';

const available = hasChromium();
if (!available) console.log(skipNotice());

// The packs page in real Chromium against the real runtime: an admin edits a pack's parameters from their
// declarations (a refused value shows at its field with the server's code and path), a designer only reads.
describe.skipIf(!available)('pack parameters in Chromium', () => {
  let runtime: RunningRuntime;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  const signIn = async (token: string, userId: string) => {
    await page.evaluate(`sessionStorage.clear(); localStorage.setItem('baton.token', ${JSON.stringify(token)}); localStorage.setItem('baton.token.user', ${JSON.stringify(userId)});`);
  };
  const openParameters = async (key: string) => {
    await page.goto(`${runtime.baseUrl}/packs`);
    await page.getByTestId(`parameters-${key}`).click();
  };

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startRuntime(), launchChromium()]);
    const reminder = { key: 'reminderDays', label: t('Settlement reminder', '结算提醒'), description: t('Days before the last day.', '最后工作日前的天数。'), type: 'integer', unit: 'business-days', default: 3, minimum: 0, maximum: 30 };
    const channel = { key: 'channel', label: t('Channel', '渠道'), type: 'select', default: 'email', options: [{ value: 'email', label: t('Email', '邮件') }, { value: 'sms', label: t('SMS', '短信') }] };
    for (const bundle of [pack('leave-kit', [reminder, channel]), pack('bare-kit', [])]) {
      const res = await api(runtime.baseUrl, runtime.adminToken, 'POST', '/packs/import', bundle);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    page = await trackedPage(browser, problems);
    await page.goto(`${runtime.baseUrl}/sign-in`);
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  it('lets an admin edit the declared parameters: a refused value at its field, then a saved one', async () => {
    await signIn(runtime.adminToken, 'admin');
    await openParameters('leave-kit');
    const panel = page.getByTestId('pack-parameters-leave-kit');
    await panel.waitFor();
    expect(await panel.getByText('Settlement reminder').count()).toBe(1);
    expect(await panel.getByTestId('parameter-facts-reminderDays').textContent()).toContain('Default: 3');
    const days = page.getByTestId('parameter-input-reminderDays');
    expect(await days.inputValue()).toBe('3');
    expect(await page.getByTestId('parameters-save').isDisabled()).toBe(true);

    await days.fill('31');
    await page.getByTestId('parameters-save').click();
    const fieldError = page.getByTestId('parameter-error-reminderDays');
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toContain('/body/values/reminderDays');
    expect(await fieldError.getAttribute('data-error-code')).toMatch(/^BATON_E_/);
    expect(await page.getByTestId('parameters-save-failed').count()).toBe(1);

    await days.fill('5');
    await page.getByTestId('parameter-input-channel').selectOption({ label: 'SMS' });
    await page.getByTestId('parameters-save').click();
    await page.getByTestId('parameters-saved').waitFor();
    expect(await page.getByTestId('parameter-error-reminderDays').count()).toBe(0);
    expect(await page.getByTestId('parameter-facts-reminderDays').textContent()).toContain('set on this installation');
    const stored = await api<{ parameters: Array<{ key: string; value: unknown }> }>(runtime.baseUrl, runtime.adminToken, 'GET', '/packs/leave-kit/parameters');
    expect(stored.body.parameters.map((p) => [p.key, p.value])).toEqual([['reminderDays', 5], ['channel', 'sms']]);
  });

  it('shows an empty state for a pack that declares no parameters', async () => {
    await openParameters('bare-kit');
    await page.getByText('This pack declares no parameters').waitFor();
  });

  it('shows a designer the values read-only, with no save button', async () => {
    await signIn(await runtime.tokenFor('ana', ['designer']), 'ana');
    await openParameters('leave-kit');
    await page.getByTestId('parameters-read-only').waitFor();
    expect(await page.getByTestId('parameter-input-reminderDays').inputValue()).toBe('5');
    expect(await page.getByTestId('parameter-input-reminderDays').isDisabled()).toBe(true);
    expect(await page.getByTestId('parameters-save').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
