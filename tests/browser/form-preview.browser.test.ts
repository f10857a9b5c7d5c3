import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, skipNotice } from './harness/browser-env.js';
import { sessionPage } from './harness/pages.js';
import { startRuntime, type RunningRuntime } from './harness/runtime-server.js';
import { sceneCaller, t } from './harness/scene.js';

const available = hasChromium();
if (!available) console.log(skipNotice());

// The form designer's preview validates in the engine worker after the keystroke's frame (designer
// src/forms/preview/validation-loop.ts): messages must still appear and clear with what was typed, the
// conditions must still hide fields, and fast typing must end on the answer about the last keystroke.
describe.skipIf(!available)('form preview in Chromium', () => {
  let runtime: RunningRuntime;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startRuntime(), launchChromium()]);
    const call = sceneCaller(runtime.baseUrl, runtime.adminToken);
    await call('POST', '/definitions', {
      kind: 'form',
      key: 'asset-return',
      title: t('Asset return', '资产归还'),
      fields: [
        { key: 'code', type: 'text', label: t('Asset code', '资产编号') },
        { key: 'note', type: 'long-text', label: t('Note', '备注'), visibleIf: { '!=': [{ var: 'code' }, 'hide'] } },
        { key: 'count', type: 'number', label: t('Count', '数量') },
      ],
      validations: [
        {
          key: 'codeNotBad',
          when: { var: 'code' },
          assert: { '!=': [{ var: 'code' }, 'bad'] },
          path: 'code',
          message: t('This asset code is not allowed.', '不允许使用此资产编号。'),
        },
      ],
    });
    const token = await runtime.tokenFor('designer-1', ['designer']);
    page = await sessionPage(browser, token, 'designer-1', problems, { viewport: { width: 1400, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  const message = () => page.locator('#preview_code__error');

  it('shows a message for an invalid value and clears it once the value is fixed', async () => {
    await page.goto(`${runtime.baseUrl}/build/form/asset-return`);
    await page.getByTestId('tab-preview').click();
    const code = page.locator('#preview_code');
    await code.waitFor({ timeout: 30_000 });
    await page.getByTestId('preview-ok').waitFor();

    await code.focus();
    await page.keyboard.type('bad', { delay: 40 });
    await message().waitFor();
    expect(await message().textContent()).toBe('This asset code is not allowed.');
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('preview-errors').textContent()).toContain('1 problem');

    await page.keyboard.press('Backspace');
    await expect.poll(() => message().count(), { timeout: 5_000 }).toBe(0);
    expect(await code.getAttribute('aria-invalid')).toBeNull();
    await page.getByTestId('preview-ok').waitFor();
    expect(await code.inputValue()).toBe('ba');
  });

  it('hides and shows a field by its condition, keeps Enter from submitting, and ends on the last keystroke when typing fast', async () => {
    const code = page.locator('#preview_code');
    const note = page.locator('#preview_note');
    await code.fill('');
    await note.waitFor();
    await code.focus();
    await page.keyboard.type('hide');
    await expect.poll(() => note.isVisible(), { timeout: 5_000 }).toBe(false);
    // Each field is its own <form>: Enter must not submit it (which would reload the page).
    await page.keyboard.press('Enter');
    expect(await code.inputValue()).toBe('hide');

    // No pause between keys: the answers about "b" and "ba" are dropped or replaced, the last one stands.
    await code.fill('');
    await page.keyboard.type('bad');
    await message().waitFor();
    await page.keyboard.type('ge');
    await expect.poll(() => message().count(), { timeout: 5_000 }).toBe(0);
    await note.waitFor();
    await page.getByTestId('preview-ok').waitFor();
    await page.locator('#preview_count').fill('3');
    await page.locator('.preview-result summary').click();
    await expect.poll(async () => JSON.parse((await page.locator('.preview-result pre').textContent()) ?? '{}'), { timeout: 5_000 }).toEqual({ code: 'badge', count: 3 });
    expect(problems).toEqual([]);
  });
});
