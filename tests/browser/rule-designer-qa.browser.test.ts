import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from './harness/api.js';
import { hasChromium, launchChromium, skipNotice } from './harness/browser-env.js';
import { saveScreenshot, sessionPage } from './harness/pages.js';
import { startRuntime, type RunningRuntime } from './harness/runtime-server.js';
import { noteKitPack, sceneCaller, t } from './harness/scene.js';

const available = hasChromium();
if (!available) console.log(skipNotice());

// The rule designer after the QA pass, in real Chromium against the real runtime: date fields that share a
// label are told apart, "N days before" reads a pack parameter, a new action opens without errors and then
// shows the field's own message, and the chosen assignees are a tidy list with named remove buttons.
describe.skipIf(!available)('rule designer QA fixes in Chromium', () => {
  let runtime: RunningRuntime;
  let browser: Browser;
  const problems: string[] = [];

  const draftBody = async (kind: string, key: string) => {
    const list = await api<{ items: Array<{ version: number }> }>(runtime.baseUrl, runtime.adminToken, 'GET', `/definitions?kind=${kind}&key=${key}`);
    const version = Math.max(...list.body.items.map((i) => i.version));
    return (await api<{ body: Record<string, unknown> }>(runtime.baseUrl, runtime.adminToken, 'GET', `/definitions/${kind}/${key}?version=${version}`)).body.body;
  };
  const waitSaved = (page: Page) => page.waitForSelector('[data-testid=save-status][data-state=saved]', { timeout: 15_000 });

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startRuntime(), launchChromium()]);
    const call = sceneCaller(runtime.baseUrl, runtime.adminToken);
    await call('POST', '/directory/import', { users: [{ id: 'lee', name: 'Lee Lead', roles: ['it-lead'] }] });
    await call('POST', '/definitions', {
      kind: 'form', key: 'leave', title: t('Leave', '请假'),
      fields: [
        { key: 'startDate', type: 'date', label: t('Date', '日期') },
        { key: 'endDate', type: 'date', label: t('Date', '日期') },
        { key: 'reason', type: 'text', label: t('Reason', '事由') },
      ],
    });
    await call('POST', '/definitions/form/leave/publish', {});
    await call('POST', '/definitions', {
      kind: 'rule', key: 'leave-reminder', title: t('Leave reminder', '请假提醒'), scope: { form: 'leave' },
      trigger: { type: 'date-offset', config: { field: 'startDate', offset: -2, unit: 'days', at: '09:00' } },
      actions: [{ type: 'notify', params: { to: [{ kind: 'initiator' }], title: t('Leave starts soon', '假期即将开始') } }],
    });
    await call('POST', '/definitions', {
      kind: 'rule', key: 'leave-problems', title: t('Leave problems', '请假问题'), scope: { form: 'leave' },
      trigger: { type: 'date-offset', config: { field: 'startDate', offset: -2, unit: 'days', at: '09:00' } },
      actions: [{ type: 'notify', params: { to: [{ kind: 'initiator' }], title: t('Leave starts soon', '假期即将开始') } }],
    });
    await call('POST', '/packs/import', noteKitPack('leave-kit', [{ key: 'reminderDays', label: t('Reminder days', '提醒天数'), type: 'integer', default: 3 }]));
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  it('tells date fields apart, reads "N days" from a pack parameter, and keeps a new action quiet until it is edited', async ({ onTestFailed }) => {
    const page = await sessionPage(browser, runtime.adminToken, 'admin', problems);
    onTestFailed(() => saveScreenshot(page, 'failure-rule-designer-qa'));
    await page.goto(`${runtime.baseUrl}/build/rule/leave-reminder`);
    const offset = page.getByTestId('date-offset');
    await offset.waitFor();

    // Two fields labelled "Date": each names its form and key, under the form's group.
    const field = offset.locator('select[name=offset-field]');
    await expect.poll(() => field.locator('optgroup[label="Leave"] option').allTextContents()).toEqual(['Date — Leave (startDate)', 'Date — Leave (endDate)']);
    expect(await field.inputValue()).toBe('startDate');

    // "How many" from a pack parameter, with a number for when it is not set.
    await offset.locator('select[name=offset-source]').selectOption('param');
    const param = offset.locator('select[name=offset-param]');
    expect(await param.locator('option').allTextContents()).toContain('Reminder days (reminderDays)');
    await param.selectOption('reminderDays');
    await offset.locator('input[name=offset-param-default]').fill('3');
    await waitSaved(page);
    await expect.poll(async () => ((await draftBody('rule', 'leave-reminder')).trigger as { config: unknown }).config, { timeout: 10_000 }).toEqual({
      field: 'startDate', offset: { param: 'reminderDays', negate: true, default: 3 }, unit: 'days', at: '09:00',
    });

    // A freshly added action opens without a single error, and says what to fill in.
    await page.getByTestId('add-action').click();
    const action = page.getByTestId('rule-action-1');
    await action.getByTestId('rule-action-1-fresh').waitFor();
    await page.waitForTimeout(1_000);
    expect(await action.locator('.issue-list, .field-error, .error-detail').count()).toBe(0);
    expect(await action.textContent()).not.toMatch(/allowed shapes|Add the required property/);
    await saveScreenshot(page, 'rule-action-fresh');

    // Once the analyst starts filling it in, the field's own message shows, never the shapes summary.
    await action.locator('input[name$="title.en"]').fill('Remind the manager');
    await expect.poll(() => action.getByTestId('rule-action-1-fresh').count()).toBe(0);
    await expect.poll(() => action.textContent()).toMatch(/'To' is required|'To' needs at least one entry/);
    await expect.poll(() => action.textContent()).not.toMatch(/'Title' is required/);
    expect(await action.textContent()).not.toMatch(/allowed shapes/);

    // The chosen assignees: one row each with a summary and a named remove button; an empty state when none.
    const assignees = action.getByTestId('action-1-params_to-assignees');
    expect(await assignees.getByTestId('action-1-params_to-assignees-empty').isVisible()).toBe(true);
    await assignees.getByRole('button', { name: '+ Assignee' }).click();
    expect(await assignees.getByTestId('action-1-params_to-assignee-summary').textContent()).toBe('The initiator');
    await assignees.locator('select[name$=".0.kind"]').selectOption('user');
    await assignees.locator('input[id$=".0.id"]').fill('lee');
    await assignees.locator('[data-testid$="option-lee"]').click({ timeout: 10_000 });
    await expect.poll(() => assignees.getByTestId('action-1-params_to-assignee-summary').textContent()).toBe('Person: Lee Lead');
    expect(await assignees.getByRole('list').getAttribute('aria-label')).toBe('To: 1 chosen');
    // A styled card, not a bare list item.
    const rowStyle = await assignees.getByTestId('action-1-params_to-assignee').evaluate((row) => {
      const style = (globalThis as unknown as { getComputedStyle(el: object): { listStyleType: string; borderTopStyle: string } }).getComputedStyle(row);
      return [style.listStyleType, style.borderTopStyle];
    });
    expect(rowStyle).toEqual(['none', 'solid']);
    await waitSaved(page);
    await expect.poll(async () => ((await draftBody('rule', 'leave-reminder')).actions as Array<{ params?: Record<string, unknown> }>)[1]?.params, { timeout: 10_000 }).toEqual({
      title: { en: 'Remind the manager' }, to: [{ kind: 'user', id: 'lee' }],
    });
    await saveScreenshot(page, 'rule-assignees-list');
    // Choosing a person closes the search: nothing lies over the row's own buttons.
    expect(await assignees.locator('input[id$=".0.id"]').getAttribute('aria-expanded')).toBe('false');
    await assignees.getByRole('button', { name: 'Remove Person: Lee Lead' }).click();
    await assignees.getByTestId('action-1-params_to-assignees-empty').waitFor();

    // The same words in Chinese.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await expect.poll(() => field.locator('option[value=endDate]').textContent()).toBe('日期 — 请假（endDate）');
    expect(await offset.locator('select[name=offset-source] option[value=param]').textContent()).toBe('模板包参数');
    expect(problems).toEqual([]);
  });

  it('says every problem as a sentence naming the part and the field, focuses its control on click, and keeps code and path under Details', async ({ onTestFailed }) => {
    const page = await sessionPage(browser, runtime.adminToken, 'admin', problems);
    onTestFailed(() => saveScreenshot(page, 'failure-rule-problems'));
    await page.goto(`${runtime.baseUrl}/build/rule/leave-problems`);
    const offset = page.getByTestId('date-offset');
    await offset.waitFor();

    // Break the rule on purpose: a fraction of a day, and a list to repeat over that names no field of the form.
    await offset.locator('input[name=offset-amount]').fill('1.5');
    const action = page.getByTestId('rule-action-0');
    await action.locator('summary').click();
    await action.locator('textarea[name=action-0-for-each]').fill('{"var": "ghost"}');
    const toggle = page.getByTestId('issues-toggle');
    await expect.poll(() => toggle.textContent(), { timeout: 10_000 }).toBe('2 problems');
    await toggle.click();
    const list = page.getByTestId('rule-problems');
    const trigger = "Trigger (Relative to a date): 'Number' must be a whole number.";
    const ghost = 'Action 1 (Send a notification): Field "ghost" does not exist in form "leave": use one of its fields (startDate, endDate, reason) or add the field to the form.';
    await expect.poll(() => list.locator('.rule-problem-sentence').allTextContents()).toEqual([trigger, ghost]);
    // The parts repeat their own problems without naming themselves.
    expect(await page.getByTestId('trigger-problems').locator('.rule-problem-sentence').allTextContents()).toEqual(["'Number' must be a whole number."]);
    expect(await page.getByTestId('rule-action-0-problems').locator('.rule-problem-sentence').textContent()).toMatch(/^Field "ghost" does not exist/);
    // No pointer or code in the sentence: they are folded under "Details".
    const first = list.locator('li').first();
    expect(await first.locator('.rule-problem-sentence').textContent()).not.toMatch(/\/trigger|BATON_E/);
    expect(await first.locator('.issue-code').isVisible()).toBe(false);
    await first.locator('summary').click();
    expect(await first.locator('summary').textContent()).toBe('Details');
    expect(await first.locator('.issue-code').textContent()).toBe('BATON_E_SCHEMA_ONE_OF');
    expect(await first.locator('.issue-path').textContent()).toBe('/trigger/config/offset');
    await saveScreenshot(page, 'rule-problems');

    // A click puts the focus on the control the problem is about.
    const focused = () => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute('name'));
    await list.getByRole('button', { name: ghost }).click();
    await expect.poll(focused).toBe('action-0-for-each');
    await list.getByRole('button', { name: trigger }).click();
    await expect.poll(focused).toBe('offset-amount');

    // The same in Chinese.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await expect.poll(() => list.locator('.rule-problem-sentence').allTextContents(), { timeout: 10_000 }).toEqual([
      '触发方式（相对日期）：“数值”必须是整数。',
      '操作 1（发送通知）：表单 "leave" 中没有字段 "ghost"：请改用已有字段（startDate, endDate, reason），或先在表单中添加该字段。',
    ]);
    expect(await toggle.textContent()).toBe('2 个问题');
    expect(problems).toEqual([]);
  });
});
