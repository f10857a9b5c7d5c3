import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from './harness/api.js';
import { hasChromium, launchChromium, skipNotice } from './harness/browser-env.js';
import { startRuntime, type RunningRuntime } from './harness/runtime-server.js';
import { saveScreenshot, sessionPage } from './harness/pages.js';
import { approvalFlow, sceneCaller, t } from './harness/scene.js';

const available = hasChromium();
if (!available) console.log(skipNotice());

// QA: a text field's pattern is described in words under the field and in its error (never the regex), and a
// required signature pad nobody touched is refused at the pad with "请在此签名" before anything is sent.
describe.skipIf(!available)('pattern hints and unsigned signature pads in Chromium', () => {
  let runtime: RunningRuntime;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const instanceCount = async () => (await api<{ items: unknown[] }>(runtime.baseUrl, runtime.adminToken, 'GET', '/instances?limit=50')).body.items.length;

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startRuntime(), launchChromium()]);
    const call = sceneCaller(runtime.baseUrl, runtime.adminToken);
    await call('POST', '/directory/import', { users: [{ id: 'ann', name: '安娜' }, { id: 'mgr', name: '孟经理' }] });
    await call('POST', '/definitions', {
      kind: 'form',
      key: 'undertaking',
      title: t('Undertaking', '保密承诺书'),
      fields: [
        { key: 'badgeNo', type: 'text', label: t('Badge number', '工牌号'), config: { pattern: '^B[0-9]{4}$', patternHint: t('A B followed by 4 digits, for example B0042.', '字母 B 加 4 位数字，例如 B0042。') } },
        { key: 'signature', type: 'signature', label: t('Signature', '签名'), required: true },
      ],
    });
    await call('POST', '/definitions/form/undertaking/publish', {});
    await call('POST', '/definitions', approvalFlow({ key: 'undertaking', title: t('Undertaking', '保密承诺书'), form: 'undertaking' }, { name: t('Approval', '审批'), approverId: 'mgr' }));
    await call('POST', '/definitions/flow/undertaking/publish', {});
    page = await sessionPage(browser, await runtime.tokenFor('ann', []), 'ann', problems, { locale: 'zh-CN' });
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  it('shows the pattern hint under the field, tied to the input', async () => {
    await page.goto(`${runtime.baseUrl}/start?flow=undertaking`);
    await page.locator('#start_badgeNo').waitFor({ timeout: 15_000 });
    const hint = page.locator('.pattern-hint');
    expect(await hint.textContent()).toBe('字母 B 加 4 位数字，例如 B0042。');
    const helpId = await hint.evaluate((el) => el.closest('[id]')?.id ?? '');
    expect(await page.locator('#start_badgeNo').getAttribute('aria-describedby')).toContain(helpId);
    expect(await page.content()).not.toContain('^B[0-9]{4}$');
  });

  it('refuses an untouched signature pad at the pad, before sending anything', async () => {
    const before = await instanceCount();
    await page.getByTestId('start-submit').click();
    const pad = page.getByTestId('start_signature-signature').locator('xpath=ancestor::*[contains(@class, "form-group")][1]');
    await expect.poll(() => pad.textContent(), { timeout: 5_000 }).toContain('请在此签名（签名）。');
    const panel = page.locator('.error-panel');
    expect(await panel.textContent()).toContain('请在此签名');
    expect(await panel.getAttribute('data-error-code')).toBe('BATON_E_FORM_SIGNATURE_REQUIRED');
    expect(await panel.textContent()).toContain('/data/signature');
    expect(await instanceCount()).toBe(before);
    await saveScreenshot(page, 'unsigned-signature-refused');
  });

  it('says the hint when the badge number does not match, then starts once it does', async () => {
    await page.fill('#start_signature-typed', '安娜');
    await page.locator('#start_signature-typed').blur();
    await page.getByTestId('start_signature-signed').waitFor({ timeout: 10_000 });
    await page.fill('#start_badgeNo', '42');
    await page.getByTestId('start-submit').click();
    const field = page.locator('#start_badgeNo').locator('xpath=ancestor::*[contains(@class, "form-group")][1]');
    await expect.poll(() => field.textContent(), { timeout: 10_000 }).toContain('工牌号：字母 B 加 4 位数字，例如 B0042。');
    expect(await page.locator('.error-panel').textContent()).not.toContain('[0-9]');
    await page.fill('#start_badgeNo', 'B0042');
    await page.getByTestId('start-submit').click();
    await page.waitForURL(/\/instances\//, { timeout: 15_000 });
    expect(problems).toEqual([]);
  });

  it('lets an analyst edit the hint in the field\'s properties (en and zh-CN), and the preview shows it under the field', async () => {
    const token = await api<{ token: string }>(runtime.baseUrl, runtime.adminToken, 'POST', '/tokens', { userId: 'mgr', roles: ['designer'], label: 'browser test' });
    expect(token.status, JSON.stringify(token.body)).toBe(201);
    const analyst = await sessionPage(browser, token.body.token, 'mgr', problems, { viewport: { width: 1600, height: 1000 } });
    await analyst.goto(`${runtime.baseUrl}/build/form/undertaking`);
    await analyst.getByTestId('field-card-badgeNo').click();
    const editor = analyst.getByTestId('field-pattern-hint');
    expect(await editor.locator('input[name="field-pattern-hint.zh-CN"]').inputValue()).toBe('字母 B 加 4 位数字，例如 B0042。');
    expect(await editor.textContent()).toContain('instead of the regular expression');
    // Edited here, not twice in the generated type settings.
    expect(await analyst.getByTestId('field-properties').locator('[name*="patternHint"]').count()).toBe(0);
    await editor.locator('input[name="field-pattern-hint.en"]').fill('B and four digits, e.g. B0042.');
    await analyst.getByTestId('tab-preview').click();
    const preview = analyst.getByTestId('form-preview');
    await preview.locator('#preview_badgeNo').waitFor();
    await expect.poll(() => preview.locator('.pattern-hint').first().textContent(), { timeout: 10_000 }).toBe('B and four digits, e.g. B0042.');
    expect(await preview.locator('#preview_badgeNo').getAttribute('aria-describedby')).toContain('preview_badgeNo__help');
    expect(problems).toEqual([]);
  });
});
