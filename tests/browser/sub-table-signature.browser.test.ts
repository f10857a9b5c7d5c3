import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from './harness/api.js';
import { hasChromium, launchChromium, skipNotice } from './harness/browser-env.js';
import { startRuntime, type RunningRuntime } from './harness/runtime-server.js';
import { saveScreenshot, sessionPage } from './harness/pages.js';
import { approvalFlow, sceneCaller, t } from './harness/scene.js';

const available = hasChromium();
if (!available) console.log(skipNotice());

// A required signature column of a sub-table: an unsigned cell is refused at that cell ("请在此签名（账号第 1 行
// 的签名）") before anything is sent, as a top-level pad is, rather than only after the server's refusal.
describe.skipIf(!available)('unsigned signature cells of a sub-table in Chromium', () => {
  let runtime: RunningRuntime;
  let browser: Browser;
  const problems: string[] = [];
  const instanceCount = async () => (await api<{ items: unknown[] }>(runtime.baseUrl, runtime.adminToken, 'GET', '/instances?limit=50')).body.items.length;
  const cellGroup = (page: Page, id: string) => page.getByTestId(`${id}-signature`).locator('xpath=ancestor::*[contains(@class, "form-group")][1]');
  /** Start requests the page sends: none while a cell is unsigned (the refusal is the page's own, not the server's). */
  const startsSent = (page: Page) => {
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && /\/flows\/handover\/instances/.test(r.url())) sent.push(r.url());
    });
    return sent;
  };
  const addRow = async (page: Page) => {
    await page.locator('fieldset#start_accounts').locator('button.btn-add, button.array-item-add, button[title="Add Item"], button[title="Add"], button[title="添加"]').first().click();
    await page.locator('#start_accounts_0_system').waitFor({ timeout: 10_000 });
    await page.fill('#start_accounts_0_system', 'CRM');
  };

  /** Opens the start page, adds one account row left unsigned and submits: what was sent, and the instance count before. */
  const submitUnsignedRow = async (page: Page) => {
    const sent = startsSent(page);
    await page.goto(`${runtime.baseUrl}/start?flow=handover`);
    await page.locator('fieldset#start_accounts').waitFor({ timeout: 15_000 });
    await addRow(page);
    const before = await instanceCount();
    await page.getByTestId('start-submit').click();
    return { sent, before };
  };

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startRuntime(), launchChromium()]);
    const call = sceneCaller(runtime.baseUrl, runtime.adminToken);
    await call('POST', '/directory/import', { users: [{ id: 'ann', name: '安娜' }, { id: 'mgr', name: '孟经理' }] });
    await call('POST', '/definitions', {
      kind: 'form',
      key: 'handover',
      title: t('Account handover', '账号交接'),
      fields: [
        {
          key: 'accounts',
          type: 'sub-table',
          label: t('Accounts', '账号'),
          fields: [
            { key: 'system', type: 'text', label: t('System', '系统') },
            { key: 'signature', type: 'signature', label: t('Signature', '签名'), required: true },
          ],
        },
      ],
    });
    await call('POST', '/definitions/form/handover/publish', {});
    await call('POST', '/definitions', approvalFlow({ key: 'handover', title: t('Account handover', '账号交接'), form: 'handover' }, { name: t('Approval', '审批'), approverId: 'mgr' }));
    await call('POST', '/definitions/flow/handover/publish', {});
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  it('refuses an unsigned cell at the cell, in Chinese, before sending; starts once it is signed', async ({ onTestFailed }) => {
    const page = await sessionPage(browser, await runtime.tokenFor('ann', []), 'ann', problems, { locale: 'zh-CN' });
    onTestFailed(() => saveScreenshot(page, 'failure-sub-table-signature'));
    const { sent, before } = await submitUnsignedRow(page);
    await expect.poll(() => cellGroup(page, 'start_accounts_0_signature').textContent(), { timeout: 5_000 }).toContain('请在此签名（账号第 1 行的签名）。');
    expect(sent).toEqual([]);
    const panel = page.locator('.error-panel');
    expect(await panel.getAttribute('data-error-code')).toBe('BATON_E_FORM_SIGNATURE_REQUIRED');
    expect(await panel.textContent()).toContain('/data/accounts/0/signature');
    expect(await instanceCount()).toBe(before);
    await saveScreenshot(page, 'unsigned-signature-cell-refused');

    await page.fill('#start_accounts_0_signature-typed', '安娜');
    await page.locator('#start_accounts_0_signature-typed').blur();
    await page.getByTestId('start_accounts_0_signature-signed').waitFor({ timeout: 10_000 });
    await page.getByTestId('start-submit').click();
    await page.waitForURL(/\/instances\//, { timeout: 15_000 });
    expect(sent).toHaveLength(1);
    expect(await instanceCount()).toBe(before + 1);
    expect(problems).toEqual([]);
  });

  it('words the cell in English for an English reader', async () => {
    const page = await sessionPage(browser, await runtime.tokenFor('ann', []), 'ann', problems, { locale: 'en' });
    const { sent, before } = await submitUnsignedRow(page);
    await expect.poll(() => cellGroup(page, 'start_accounts_0_signature').textContent(), { timeout: 5_000 }).toContain('Please sign here (Accounts row 1, Signature).');
    expect(sent).toEqual([]);
    expect(await instanceCount()).toBe(before);
    expect(problems).toEqual([]);
  });
});
