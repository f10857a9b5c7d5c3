import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPackFolder } from '../../packages/cli/src/index.js';
import { api } from './harness/api.js';
import { hasChromium, launchChromium, skipNotice } from './harness/browser-env.js';
import { saveScreenshot, sessionPage } from './harness/pages.js';
import { startRuntime, type RunningRuntime } from './harness/runtime-server.js';
import { sceneCaller } from './harness/scene.js';

const PACK_DIR = new URL('../../templates/offboarding', import.meta.url).pathname;
const available = hasChromium();
if (!available) console.log(skipNotice());

// An analyst (no JSON typed) simulates the shipped offboarding flow in the designer: the start form is
// filled with sample data, the "sales employee" preset sends the run through the customer handover,
// "Run to the end" completes every step with sample data, and the panel shows which branches were taken.
describe.skipIf(!available)('flow simulation in the designer', () => {
  let runtime: RunningRuntime;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startRuntime(), launchChromium()]);
    const { bundle } = await readPackFolder(PACK_DIR, { demo: false });
    const call = sceneCaller(runtime.baseUrl, runtime.adminToken);
    await call('POST', '/packs/import', bundle);
    await call('POST', '/directory/import', { users: [{ id: 'ana', name: 'Ana Analyst' }] });
    const token = await api<{ token: string }>(runtime.baseUrl, runtime.adminToken, 'POST', '/tokens', { userId: 'ana', roles: ['designer'], label: 'simulation test' });
    expect(token.status, JSON.stringify(token.body)).toBe(201);
    page = await sessionPage(browser, token.body.token, 'ana', problems, { viewport: { width: 1600, height: 1000 } });
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  it('runs the offboarding flow to "completed" with the sales preset, through the customer handover', async ({ onTestFailed }) => {
    onTestFailed(() => saveScreenshot(page, 'failure-flow-simulation'));
    const began = Date.now();
    await page.goto(`${runtime.baseUrl}/build/flow/offboarding`);
    await page.getByTestId('toggle-simulate').click();
    // The start form is the flow's form, rendered and already filled with sample values.
    await page.getByTestId('sim-start-form').waitFor({ timeout: 20_000 });
    // The samples fill in once the related forms' records are loaded (use-sim-collections.ts).
    await expect.poll(() => page.locator('#sim-start_type').inputValue(), { timeout: 20_000 }).toBe('resignation');
    expect(await page.locator('#sim-start_lastWorkingDay').inputValue()).toBe('2025-03-31');

    await page.getByTestId('sim-preset-toCustomers').click();
    expect(await page.getByTestId('sim-preset-active').textContent()).toContain('Sales only');
    await page.getByTestId('sim-run-to-end').click();
    await expect.poll(() => page.getByTestId('sim-status').textContent(), { timeout: 20_000 }).toBe('completed');
    expect(await page.getByTestId('sim-failures').count()).toBe(0);
    expect(await page.getByTestId('sim-branch-toCustomers').getAttribute('data-taken')).toBe('true');
    expect(await page.getByTestId('sim-branch-toNda').getAttribute('data-taken')).toBe('false');
    await saveScreenshot(page, 'flow-simulation-sales');

    // Step by step: the manager's step shows its form and action; a wrong interview reason is refused and
    // the fields are named and highlighted, not an empty list.
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByTestId('sim-run').click();
    const manager = page.getByTestId('sim-task-managerApproval');
    await manager.waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('sim-task-managerApproval-action').inputValue()).toBe('approve');
    await page.getByTestId('sim-task-managerApproval-complete').click();
    const hr = page.getByTestId('sim-task-hrInterview');
    await hr.waitFor({ timeout: 10_000 });
    await page.locator('#sim-task-hrInterview-own_interviewDate').fill('');
    await page.getByTestId('sim-task-hrInterview-complete').click();
    const issues = page.getByTestId('sim-task-hrInterview-issues');
    await issues.waitFor({ timeout: 10_000 });
    expect(await issues.textContent()).toContain('/interviewDate');
    expect(await hr.locator('.rjsf-field-error').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    expect(Date.now() - began).toBeLessThan(60_000);
  });

  // Texts that read related records ("{assets.assetId.tag}") list the devices: the run looks records up as the
  // runtime does, in the analyst's sample records and the workspace's; a refused checklist names its fields by
  // label; the rows' "+" and "×" buttons are visible and named, in en and zh-CN.
  it('lists the leaver\'s devices from the records, names a refused checklist by its labels, and names its buttons', async ({ onTestFailed }) => {
    onTestFailed(() => saveScreenshot(page, 'failure-flow-simulation-records'));
    const created = await api(runtime.baseUrl, runtime.adminToken, 'POST', '/records/asset', { data: { tag: 'LT-9001', kind: 'laptop', status: 'in-use', holderId: 'ana' } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await page.goto(`${runtime.baseUrl}/build/flow/offboarding`);
    await page.getByTestId('toggle-simulate').click();
    await page.getByTestId('sim-start-form').waitFor({ timeout: 20_000 });
    // The request's asset row points at the sample asset the leaver holds, chosen from the simulation's records.
    await expect.poll(() => page.locator('#sim-start_assets_0_assetId').inputValue(), { timeout: 10_000 }).toBe('sample-asset-1');
    const options = await page.locator('#sim-start_assets_0_assetId option').allTextContents();
    expect(options).toEqual(expect.arrayContaining(['SAMPLE-1 (sample)', 'LT-9001 (workspace)']));

    // Row buttons draw a glyph and carry a name; so do the sample records' add and remove.
    const addRow = page.getByTestId('sim-start-form').getByRole('button', { name: 'Add a row' }).first();
    expect((await addRow.textContent())?.trim()).toBe('+ Add a row');
    const removeRow = page.getByTestId('sim-start-form').getByRole('button', { name: 'Remove row 1' }).first();
    expect((await removeRow.textContent())?.trim()).toBe('×');
    await page.getByTestId('sim-records').locator('> summary').click();
    expect(await page.getByTestId('sim-records-asset').textContent()).toContain('Records from the workspace: 1');
    await page.getByRole('button', { name: 'Add a sample record to Fixed assets' }).click();
    await page.getByTestId('sim-record-sample-asset-2').waitFor();
    await page.getByRole('button', { name: 'Remove the sample record SAMPLE-2' }).click();
    expect(await page.getByTestId('sim-record-sample-asset-2').count()).toBe(0);
    await saveScreenshot(page, 'flow-simulation-records');

    // Step by step to admin affairs: its instructions list the sample device, and the run says what it read.
    await page.getByTestId('sim-run').click();
    await page.getByTestId('sim-task-managerApproval-complete').click();
    await page.getByTestId('sim-task-hrInterview').waitFor({ timeout: 10_000 });
    await page.getByTestId('sim-task-hrInterview-complete').click();
    const admin = page.getByTestId('sim-task-adminAffairs');
    await admin.waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('sim-task-adminAffairs-instructions').textContent()).toContain('Devices listed in the request (asset tags): SAMPLE-1.');
    expect(await page.getByTestId('sim-record-read-sample-asset-1').textContent()).toContain('Fixed assets: SAMPLE-1');

    // A device not returned: the refusal names the row by its asset's tag (as the picker shows it) and the
    // column by its label, never by their ids.
    const returned = admin.locator('#sim-task-adminAffairs-flow_assets_0_returned');
    await returned.uncheck();
    await page.getByTestId('sim-task-adminAffairs-complete').click();
    const refusal = page.getByTestId('sim-task-adminAffairs-issues');
    await refusal.waitFor({ timeout: 10_000 });
    const text = (await refusal.textContent()) ?? '';
    expect(text).toContain('Assets to return row 1 (SAMPLE-1): Returned');
    expect(text).not.toContain('assets row 1');
    expect(text).not.toContain('sample-asset-1');
    await saveScreenshot(page, 'flow-simulation-gate-labels');

    // The same buttons in Chinese.
    await page.getByLabel('Language').selectOption('zh-CN');
    await expect.poll(() => page.getByTestId('sim-start-form').getByRole('button', { name: '删除第 1 行' }).count()).toBeGreaterThan(0);
    expect(await page.getByTestId('sim-start-form').getByRole('button', { name: '添加一行' }).count()).toBeGreaterThan(0);
    await page.getByLabel('语言').selectOption('en');
    expect(problems).toEqual([]);
  });
  // The start's own rules run in the simulation as on the server (engine judgeSimulatedStart): a resignation
  // dated before the scenario's day is refused in the check's words at the field, and HR (a role the analyst
  // gives the starter) may record it. One running request per person is only noted: a run has no others.
  it('refuses a past last working day in words, and lets a starter with the HR role record it', async ({ onTestFailed }) => {
    onTestFailed(() => saveScreenshot(page, 'failure-flow-simulation-start-check'));
    await page.goto(`${runtime.baseUrl}/build/flow/offboarding`);
    await page.getByTestId('toggle-simulate').click();
    await page.getByTestId('sim-start-form').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('#sim-start_type').inputValue(), { timeout: 20_000 }).toBe('resignation');
    const rules = (await page.getByTestId('sim-start-rules').textContent()) ?? '';
    expect(rules).toContain('The request is about the person in “Leaving employee”: it must be filled.');
    expect(rules).toContain('At run time: one running request per person.');

    await page.locator('#sim-start_lastWorkingDay').fill('2025-02-28');
    await page.getByTestId('sim-run').click();
    const issues = page.getByTestId('sim-start-issues');
    await issues.waitFor({ timeout: 10_000 });
    const said = (await issues.textContent()) ?? '';
    expect(said).toContain('The flow did not start: the server would refuse this start too.');
    expect(said).toContain('The last working day of a resignation cannot be in the past: choose today or a later day (HR can record a past date).');
    const field = page.getByTestId('sim-start-form').locator('.rjsf-field-error', { hasText: 'cannot be in the past' });
    await expect.poll(() => field.count()).toBeGreaterThan(0);
    expect(await page.getByTestId('sim-tasks').count()).toBe(0);
    await page.getByTestId('sim-starter').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'flow-simulation-start-check-refused');

    // The same start by someone holding the HR role goes on to the manager.
    await page.getByTestId('sim-starter-roles').locator('input[name="sim-starter-role-hr"]').check();
    await page.getByTestId('sim-run').click();
    await page.getByTestId('sim-task-managerApproval').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('sim-start-issues').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
