import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, skipNotice } from './harness/browser-env.js';
import { demoSignIn, startDemoPackRuntime } from './harness/demo-pack.js';
import type { RunningRuntime } from './harness/runtime-server.js';
import { sceneCaller } from './harness/scene.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const artifacts = path.join(here, 'artifacts');
const available = hasChromium();
if (!available) console.log(skipNotice());

// QA 10, 11, 12, 15, 18a: what employees read is words for people in both languages — error panels with
// the code and path behind "Details", step labels, names and option labels instead of ids and keys, a
// delivery log in words, one "not for your role" page for the dashboard, labelled sub-table buttons.
describe.skipIf(!available)('wording for people on the demo pack in Chromium (en and zh-CN)', () => {
  let runtime: RunningRuntime;
  let browser: Browser;
  let call: ReturnType<typeof sceneCaller>;
  let instanceId = '';
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  const shot = async (page: Page, name: string) => {
    fs.mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
  };
  const signInAs = (userId: string): Promise<Page> => demoSignIn(browser, runtime.baseUrl, userId, problems, contexts);
  /** Opens `route` and switches the page's language (the choice is the page's, kept across its navigations). */
  const open = async (page: Page, route: string, locale: 'en' | 'zh-CN') => {
    await page.goto(`${runtime.baseUrl}${route}`);
    const picker = page.getByRole('combobox', { name: /^(Language|语言)$/ });
    if (await picker.count()) await picker.first().selectOption(locale);
  };

  beforeAll(async () => {
    ({ runtime, browser } = await startDemoPackRuntime());
    call = sceneCaller(runtime.baseUrl, runtime.adminToken);
    const hrToken = await runtime.tokenFor('demo-hr-1', ['hr']);
    const started = await call('POST', '/flows/offboarding/instances', {
      data: {
        employeeId: 'demo-sales-1', type: 'resignation', lastWorkingDay: '2030-07-31', terminationDate: '2030-07-31', reasonCategory: 'career',
        workItems: [{ title: 'Q3 review', successorId: 'demo-sales-2' }],
        customers: [{ customerId: 'demo-customer-01', successorId: 'demo-sales-2' }],
        accounts: [{ system: 'CRM', account: 'li.na' }],
        assets: [],
      },
    }, hrToken);
    instanceId = String(started.id);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await runtime?.stop();
  });

  it('1: the server tells people to fix the entries, never about "issues", in both languages', async () => {
    const token = await runtime.tokenFor('demo-hr-1', ['hr']);
    for (const [locale, words] of [['en', 'Some entries need fixing'], ['zh-CN', '部分内容需要修改']] as const) {
      const res = await fetch(`${runtime.baseUrl}/api/flows/offboarding/instances`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'accept-language': locale },
        body: JSON.stringify({ data: { employeeId: 'demo-sales-1' } }),
      });
      const body = (await res.json()) as { error: { code: string; message: string; issues?: unknown[] } };
      expect(res.status).toBe(422);
      expect(body.error.code).toBe('BATON_E_DATA_INVALID');
      expect(body.error.message).toContain(words);
      expect(body.error.message).not.toMatch(/issues/);
    }
  });

  it('1: a request one may not see reads "does not exist or you may not see it", code behind Details, no Try again', async ({ onTestFailed }) => {
    const stranger = await signInAs('demo-eng-3');
    onTestFailed(async () => shot(stranger, 'failure-ui-wording-404'));
    for (const [locale, title, details] of [['en', 'This request does not exist or you may not see it', 'Details'], ['zh-CN', '该申请不存在，或您无权查看', '详细信息']] as const) {
      await open(stranger, `/instances/${encodeURIComponent(instanceId)}`, locale);
      const panel = stranger.locator('.error-panel');
      await panel.getByText(title).waitFor({ timeout: 15_000 });
      expect(await panel.getByRole('button', { name: /Try again|重试/ }).count()).toBe(0);
      const code = panel.locator('.error-code');
      expect(await code.isVisible()).toBe(false);
      await panel.getByText(details, { exact: true }).click();
      expect(await code.isVisible()).toBe(true);
    }
  });

  it('2: the leaver reads the delivery log and evidence in words, without developer text', async ({ onTestFailed }) => {
    const leaver = await signInAs('demo-sales-1');
    onTestFailed(async () => shot(leaver, 'failure-ui-wording-log'));
    for (const [locale, started] of [['en', 'Started'], ['zh-CN', '发起']] as const) {
      await open(leaver, `/instances/${encodeURIComponent(instanceId)}`, locale);
      const evidence = leaver.getByTestId('evidence-entries');
      await evidence.waitFor({ timeout: 15_000 });
      await expect.poll(() => evidence.textContent()).toContain(started);
      const text = (await evidence.textContent()) ?? '';
      expect(text).not.toContain('instance.started');
      expect(text).not.toMatch(/\bsystem\b/);
      const log = leaver.getByTestId('deliveries');
      if (await log.count()) {
        const logText = (await log.textContent()) ?? '';
        expect(logText).not.toMatch(/delivered —|setData|sha256|bytes|Details|详细信息/);
      }
    }
  });

  it('3: the Requests list names the current step in the user\'s language', async ({ onTestFailed }) => {
    const hr = await signInAs('demo-hr-1');
    onTestFailed(async () => shot(hr, 'failure-ui-wording-steps'));
    for (const [locale, step] of [['en', 'Manager approval'], ['zh-CN', '直属上级审批']] as const) {
      await open(hr, '/instances', locale);
      const steps = hr.getByTestId('instance-step');
      await expect.poll(async () => (await steps.allTextContents()).join('|'), { timeout: 15_000 }).toContain(step);
      expect((await steps.allTextContents()).join('|')).not.toContain('managerApproval');
    }
  });

  it('3: Records show the owner\'s name and the tier\'s label, not ids and keys', async ({ onTestFailed }) => {
    const hr = await signInAs('demo-hr-1');
    onTestFailed(async () => shot(hr, 'failure-ui-wording-records'));
    const customers = (await call('GET', '/records/customer?limit=100')).items as Array<{ data: { ownerId: string; tier: string } }>;
    expect(customers.some((c) => c.data.ownerId === 'demo-sales-1' && c.data.tier === 'a')).toBe(true);
    for (const [locale, tier] of [['en', 'A (key account)'], ['zh-CN', 'A（重点客户）']] as const) {
      await open(hr, '/records?form=customer', locale);
      const table = hr.getByTestId('records-table');
      await expect.poll(() => table.textContent(), { timeout: 15_000 }).toContain(tier);
      const cells = await table.locator('tbody td').allTextContents();
      expect(cells).not.toContain('demo-sales-1');
      expect(cells).not.toContain('a');
    }
  });

  it('4: the dashboard is one "not available to your role" page for an engineer, with no report requests', async ({ onTestFailed }) => {
    const engineer = await signInAs('demo-eng-3');
    onTestFailed(async () => shot(engineer, 'failure-ui-wording-dashboard'));
    const asked: string[] = [];
    engineer.on('request', (r) => {
      if (/\/api\/(reports|definitions)/.test(r.url())) asked.push(r.url());
    });
    for (const [locale, title] of [['en', 'The dashboard is not available to your role'], ['zh-CN', '您的角色无法使用统计看板']] as const) {
      await open(engineer, '/dashboard', locale);
      await engineer.getByTestId('dashboard-not-for-role').getByRole('heading', { name: title }).waitFor({ timeout: 15_000 });
      expect(await engineer.getByTestId('dashboard-not-for-role').count()).toBe(1);
    }
    expect(asked).toEqual([]);
  });

  it('5: sub-table buttons carry words: "Add row" / "添加一行" and "Remove" / "删除"', async ({ onTestFailed }) => {
    const hr = await signInAs('demo-hr-1');
    onTestFailed(async () => shot(hr, 'failure-ui-wording-rows'));
    for (const [locale, add, remove] of [['en', 'Add row', 'Remove'], ['zh-CN', '添加一行', '删除']] as const) {
      await open(hr, '/start?flow=offboarding', locale);
      const table = hr.locator('fieldset#start_workItems');
      await table.waitFor({ timeout: 15_000 });
      const addButton = table.getByRole('button', { name: add, exact: true }).first();
      expect(await addButton.textContent()).toBe(add);
      await addButton.click();
      const removeButton = table.getByRole('button', { name: remove, exact: true }).first();
      await removeButton.waitFor();
      expect(await removeButton.textContent()).toBe(remove);
    }
    expect(problems).toEqual([]);
  });
});
