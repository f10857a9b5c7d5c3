import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPackFolder } from '../../packages/cli/src/index.js';
import { api } from './harness/api.js';
import { hasChromium, launchChromium, skipNotice } from './harness/browser-env.js';
import { startRuntime, type RunningRuntime } from './harness/runtime-server.js';
import { sceneCaller } from './harness/scene.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const artifacts = path.join(here, 'artifacts');
const PACK_DIR = path.resolve(here, '../../templates/offboarding');
const available = hasChromium();
if (!available) console.log(skipNotice());

const LEAVER = 'demo-sales-1';
const SUCCESSOR = 'demo-sales-2';
const LAST_DAY = '2030-06-28';

// A sales leaver with a work item, a customer, an account and a laptop, run to the end in the browser only:
// every participant signs in through the demo picker and acts on their task page, where the clearance
// steps tick the request's rows (accounts disabled, assets returned, customers and work items confirmed).
describe.skipIf(!available)('offboarding clearance in Chromium', () => {
  let runtime: RunningRuntime;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  const problems: string[] = [];
  let current: Page | undefined;

  const shot = async (page: Page, name: string) => {
    fs.mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
  };

  /**
   * Signs in as `userId` through the demo picker. One tab for everyone: the previous person signs out from
   * the inbox, so the app stays loaded and the next sign-in lands on their inbox.
   */
  const signInAs = async (userId: string): Promise<Page> => {
    if (!page) {
      context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
      page = current = await context.newPage();
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      await page.goto(`${runtime.baseUrl}/inbox`);
    } else {
      await page.locator('nav a[href="/inbox"]').click();
      await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    }
    await page.getByTestId(`demo-${userId}`).click({ timeout: 15_000 });
    await page.waitForURL(/\/inbox$/);
    // The top bar shows the name; the id is in the account menu.
    expect(await page.getByTestId('account-id').textContent()).toBe(userId);
    return page;
  };

  /** Opens the flow task named `title` from the inbox and waits for its form. */
  const openTask = async (on: Page, title: string): Promise<void> => {
    if (!on.url().endsWith('/inbox')) await on.locator('nav a[href="/inbox"]').click();
    await on.getByRole('link', { name: title, exact: true }).click({ timeout: 15_000 });
    await on.getByTestId('task-form').waitFor({ timeout: 15_000 });
  };

  /** Clicks an action and waits for the page to say it was done (an error panel fails with its text). */
  const act = async (page: Page, action: string): Promise<void> => {
    await page.getByTestId(`action-${action}`).click();
    await Promise.race([page.getByTestId('action-done').waitFor({ timeout: 15_000 }), page.locator('.error-panel').waitFor({ timeout: 15_000 })]);
    expect(await page.locator('.error-panel').count(), (await page.locator('.error-panel').allTextContents()).join('\n')).toBe(0);
  };

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startRuntime(), launchChromium()]);
    const { bundle } = await readPackFolder(PACK_DIR, { demo: true });
    await sceneCaller(runtime.baseUrl, runtime.adminToken)('POST', '/packs/import?demo=true', bundle);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await runtime?.stop();
  });

  it('HR, manager, IT, finance, admin affairs and the successor complete every step on their task pages', async ({ onTestFailed }) => {
    onTestFailed(async () => {
      if (current) await shot(current, 'failure-offboarding-clearance');
    });
    const leaver = await api<{ name: string; managerId: string }>(runtime.baseUrl, runtime.adminToken, 'GET', `/directory/users/${LEAVER}`);
    const managerId = leaver.body.managerId;

    // HR fills the request for the leaver: one row in each handover table.
    const hr = await signInAs('demo-hr-1');
    await hr.getByRole('link', { name: 'New request', exact: true }).click();
    await hr.getByTestId('pick-flow').selectOption('offboarding');
    await pickPerson(hr, 'start_employeeId', LEAVER);
    await hr.locator('#start_type').selectOption('resignation');
    await hr.fill('#start_lastWorkingDay', LAST_DAY);
    await hr.fill('#start_terminationDate', LAST_DAY);
    await hr.locator('#start_reasonCategory').selectOption('career');
    await hr.fill('#start_reason', 'Moving to another city');
    await addRow(hr, 'workItems', 'title');
    await hr.fill('#start_workItems_0_title', 'Q3 pipeline review');
    await pickPerson(hr, 'start_workItems_0_successorId', SUCCESSOR);
    await addRow(hr, 'customers', 'customerId');
    await selectWhenLoaded(hr, '#start_customers_0_customerId', 'demo-customer-01');
    await pickPerson(hr, 'start_customers_0_successorId', SUCCESSOR);
    await addRow(hr, 'accounts', 'system');
    await hr.fill('#start_accounts_0_system', 'CRM');
    await hr.fill('#start_accounts_0_account', 'li.na');
    await addRow(hr, 'assets', 'assetId');
    await selectWhenLoaded(hr, '#start_assets_0_assetId', 'demo-asset-lt-0101');
    await hr.getByTestId('start-submit').click();
    await hr.getByTestId('instance-status').waitFor({ timeout: 15_000 });
    const instanceId = decodeURIComponent(hr.url().split('/instances/')[1]!.split(/[?#]/)[0]!);

    const manager = await signInAs(managerId);
    await openTask(manager, 'Manager approval');
    await act(manager, 'approve');

    await signInAs('demo-hr-1');
    // HR's exit interview shows the request: who leaves and why, the dates editable, the reason read-only.
    await openTask(hr, 'HR exit interview');
    await expect.poll(() => hr.locator('#request_employeeId').getAttribute('data-value')).toBe(LEAVER);
    expect(await hr.locator('#request_reason').inputValue()).toBe('Moving to another city');
    expect(await hr.locator('#request_reason').isDisabled()).toBe(true);
    expect(await hr.locator('#request_lastWorkingDay').isDisabled()).toBe(false);
    await hr.fill('#request_terminationDate', '2030-06-30');
    await hr.fill('#task_interviewDate', '2030-06-20');
    await hr.locator('#task_interviewReason').selectOption('career');
    await act(hr, 'approve');

    // IT: completing before the account is disabled is refused, and the page says which row blocks.
    const it = await signInAs('demo-it-1');
    await openTask(it, 'IT: disable accounts, collect devices');
    expect(await it.locator('#request_reason').count()).toBe(0);
    expect(await it.locator('#request_accounts_0_account').isDisabled()).toBe(true);
    await it.getByTestId('action-complete').click();
    await it.locator('.error-panel[data-error-code=BATON_E_FLOW_GATE_NOT_MET]').waitFor({ timeout: 15_000 });
    expect(await it.locator('.error-panel .error-message').textContent()).toContain('Accounts to disable row 1 (CRM): Disabled');
    expect(await it.locator('.error-panel .error-path').textContent()).toBe('/data/accounts/0/disabled');
    expect(await it.locator('#request_accounts_0_disabled__error').textContent()).toContain('Not done yet');
    await shot(it, 'offboarding-clearance-gate');
    await it.locator('#request_accounts_0_disabled').check();
    await it.locator('#task_dataBackedUp').check();
    await act(it, 'complete');

    const finance = await signInAs('demo-fin-1');
    await openTask(finance, 'Finance: final settlement');
    await finance.fill('#task_settlementDate', LAST_DAY);
    await finance.locator('#task_settlementConfirmed').check();
    await act(finance, 'complete');

    const admin = await signInAs('demo-admin-1');
    await openTask(admin, 'Admin affairs: asset return');
    expect(await admin.locator('#request_assets_0_assetId').isDisabled()).toBe(true);
    await admin.locator('#request_assets_0_returned').check();
    await admin.fill('#request_assets_0_returnedOn', LAST_DAY);
    await admin.locator('#task_badgeReturned').check();
    await act(admin, 'complete');

    // The successor confirms the customer and the work item, each on its own task; the other table is hidden.
    const successor = await signInAs(SUCCESSOR);
    await openTask(successor, 'Customer handover confirmation');
    expect(await successor.locator('#request_workItems').count()).toBe(0);
    await successor.locator('#request_customers_0_confirmed').check();
    await successor.fill('#request_customers_0_confirmedAt', LAST_DAY);
    await successor.fill('#task_handoverRemarks', 'Introduced to the buyer');
    await act(successor, 'complete');
    await openTask(successor, 'Work handover confirmation');
    await successor.locator('#request_workItems_0_confirmed').check();
    await successor.fill('#request_workItems_0_confirmedAt', LAST_DAY);
    await act(successor, 'complete');

    await signInAs('demo-hr-1');
    await openTask(hr, 'HR final confirmation');
    await hr.locator('#task_certificateIssued').check();
    await hr.locator('#task_socialInsuranceStopped').check();
    await act(hr, 'approve');

    await hr.getByTestId('open-timeline').click();
    await expect.poll(() => hr.getByTestId('instance-status').textContent(), { timeout: 15_000 }).toBe('Completed');
    await shot(hr, 'offboarding-clearance-completed');
    const done = await api<{ status: string; data: Record<string, unknown> }>(runtime.baseUrl, runtime.adminToken, 'GET', `/instances/${instanceId}`);
    expect(done.body.status).toBe('completed');
    expect(done.body.data).toMatchObject({
      terminationDate: '2030-06-30',
      accounts: [{ system: 'CRM', account: 'li.na', disabled: true }],
      assets: [{ assetId: 'demo-asset-lt-0101', returned: true, returnedOn: LAST_DAY }],
      customers: [{ customerId: 'demo-customer-01', successorId: SUCCESSOR, confirmed: true, confirmedAt: LAST_DAY }],
      workItems: [{ title: 'Q3 pipeline review', successorId: SUCCESSOR, confirmed: true, confirmedAt: LAST_DAY }],
      handoverRemarks: 'Introduced to the buyer',
    });
    expect(problems).toEqual([]);
  });
});

/** Adds the first row of a start-form sub-table with the table's own "add" button, and waits for `column`. */
async function addRow(page: Page, table: string, column: string): Promise<void> {
  await page.locator(`fieldset#start_${table}`).locator('button.btn-add, button.array-item-add, button[title="Add Item"], button[title="Add"]').first().click();
  await page.locator(`#start_${table}_0_${column}`).waitFor();
}

/** Chooses a person in a picker by typing their id and clicking the match. */
async function pickPerson(page: Page, id: string, userId: string): Promise<void> {
  await page.locator(`#${id}`).fill(userId, { timeout: 15_000 });
  await page.getByTestId(`${id}-option-${userId}`).click({ timeout: 10_000 });
  await expect.poll(() => page.locator(`#${id}`).getAttribute('data-value')).toBe(userId);
}

/** Selects a record once the picker has loaded its options. */
async function selectWhenLoaded(page: Page, selector: string, value: string): Promise<void> {
  await expect.poll(() => page.locator(`${selector} option`).count(), { timeout: 10_000 }).toBeGreaterThan(1);
  await page.locator(selector).selectOption(value);
}
