import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, skipNotice } from './harness/browser-env.js';
import { saveScreenshot, sessionPage } from './harness/pages.js';
import { startRuntime, type RunningRuntime } from './harness/runtime-server.js';
import { sceneCaller, t } from './harness/scene.js';

const available = hasChromium();
if (!available) console.log(skipNotice());

// "Test this rule" in real Chromium: the analyst turns a rule into "3 days before the last working day", fills
// sample data, and reads — from the engine running in the designer's worker — when it runs and what it does.
describe.skipIf(!available)('testing a rule before publishing it', () => {
  let runtime: RunningRuntime;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startRuntime(), launchChromium()]);
    const call = sceneCaller(runtime.baseUrl, runtime.adminToken);
    await call('POST', '/definitions', {
      kind: 'form', key: 'leaver', title: t('Leaver', '离职人员'),
      fields: [
        { key: 'employeeName', type: 'text', label: t('Employee', '员工') },
        { key: 'lastWorkingDay', type: 'date', label: t('Last working day', '最后工作日') },
      ],
    });
    await call('POST', '/definitions/form/leaver/publish', {});
    // Never published: the scope picker says so.
    await call('POST', '/definitions', { kind: 'form', key: 'asset-register', title: t('Asset register', '资产台账'), fields: [{ key: 'tag', type: 'text', label: t('Tag', '标签') }] });
    await call('POST', '/definitions', {
      kind: 'rule', key: 'final-settlement', title: t('Final settlement', '最终结算'), scope: { form: 'leaver' },
      trigger: { type: 'flow-started' },
      actions: [{ type: 'create-task', params: { title: t('Final settlement', '最终结算'), assignees: [{ kind: 'role', role: 'finance' }], due: { amount: 3, unit: 'days' } } }],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  const sentence = (page: Page) =>
    page.getByTestId('offset-sentence').evaluate((row) => {
      // The sentence as it reads: each control by its shown value, the words between as they are.
      const parts: string[] = [];
      for (const node of Array.from((row as unknown as { childNodes: ArrayLike<{ nodeName: string; textContent: string | null; value?: string; selectedOptions?: ArrayLike<{ textContent: string | null }> }> }).childNodes)) {
        if (node.nodeName === 'SELECT') parts.push(`[${node.selectedOptions?.[0]?.textContent ?? ''}]`);
        else if (node.nodeName === 'INPUT') parts.push(`[${node.value ?? ''}]`);
        else if ((node.textContent ?? '').trim() !== '') parts.push((node.textContent ?? '').trim());
      }
      return parts.join(' ');
    });

  it('reads "3 days before Last working day at 09:00", tests it on sample data and says when it runs and what it does', async ({ onTestFailed }) => {
    const page = await sessionPage(browser, runtime.adminToken, 'admin', problems);
    onTestFailed(() => saveScreenshot(page, 'failure-rule-test-panel'));
    await page.goto(`${runtime.baseUrl}/build/rule/final-settlement`);
    const panel = page.getByTestId('rule-test');
    await panel.waitFor();

    // Pickers name definitions by title, the key in small text, and mark the one never published.
    const scope = page.locator('select[name=scope-form]');
    await expect.poll(() => scope.locator('option').allTextContents()).toEqual(['(any form)', 'Asset register — asset-register (draft only)', 'Leaver — leaver']);
    expect(await page.getByTestId('scope-form-picked').textContent()).toBe('Key: leaver');

    // Nothing tested yet.
    expect(await panel.getByTestId('rule-test-result').textContent()).toContain('Fill in sample data and press Test');

    // A new date trigger starts as "before", on the form's date field, and reads as a sentence.
    await page.locator('select[name=trigger-type]').selectOption('date-offset');
    await page.getByTestId('offset-sentence').waitFor();
    expect(await sentence(page)).toBe('[1] [days] [before] [Last working day] at [09:00]');
    await page.locator('input[name=offset-amount]').fill('3');
    expect(await sentence(page)).toBe('[3] [days] [before] [Last working day] at [09:00]');
    expect(await panel.getByTestId('rule-test-event-timer').textContent()).toBe("What happens: The trigger's time comes");

    // Sample data through the form's own fields, and "today".
    await panel.locator('input[name=rule-test-today]').fill('2026-11-29');
    await panel.getByTestId('rule-test-fill').click();
    const day = panel.locator('[data-testid=rule-test-form] input[id$=lastWorkingDay]');
    await day.waitFor();
    await day.fill('2026-12-15');
    await panel.getByTestId('rule-test-run').click();

    const result = panel.getByTestId('rule-test-result');
    await expect.poll(() => result.getByTestId('rule-test-verdict').textContent().catch(() => ''), { timeout: 15_000 }).toBe('The trigger fires (the rule has no condition).');
    expect(await result.getByTestId('rule-test-run-at').textContent()).toBe('It would run on 2026-12-12 09:00.');
    expect(await result.getByTestId('rule-test-effects').locator('li').allTextContents()).toEqual([
      'Action 1 (Create a task)Creates a task ‘Final settlement’ for role finance, due 2026-12-15 09:00',
    ]);
    await saveScreenshot(page, 'rule-test-panel');

    // A condition that does not hold: the trigger fires, nothing happens.
    await day.fill('');
    await panel.getByTestId('rule-test-run').click();
    await expect.poll(() => result.getByTestId('rule-test-verdict').textContent()).toBe('The trigger has no time to run: is the date field filled in?');
    await day.fill('2026-12-15');

    // The same in Chinese: the sentence in Chinese word order, the outcome in Chinese.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await expect.poll(() => sentence(page)).toBe('[最后工作日] [之前] [3] [天] ，时间 [09:00]');
    await panel.getByTestId('rule-test-run').click();
    await expect.poll(() => result.getByTestId('rule-test-effects').locator('li div').allTextContents()).toEqual(['为角色 finance创建待办“最终结算”，截止 2026-12-15 09:00']);
    expect(await result.getByTestId('rule-test-run-at').textContent()).toBe('将在 2026-12-12 09:00 运行。');
    expect(problems).toEqual([]);
  });
});
