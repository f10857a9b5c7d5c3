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

interface Instance {
  id: string;
  status: string;
  activeNodes: string[];
  data: Record<string, unknown>;
  history: Array<{ type: string; nodeId?: string; action?: string; actor?: string }>;
}

// The pack's own journey in real Chromium: imported with its demo people (the runtime offers the "sign in as"
// picker then), HR fills the offboarding request for an engineer through the start page, the engineer's
// manager approves it from the inbox, and the request moves on to HR's exit interview.
describe.skipIf(!available)('offboarding pack in Chromium', () => {
  let runtime: RunningRuntime;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  const shot = async (page: Page, name: string) => {
    fs.mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
  };

  /** A fresh browser (own session storage) signed in through the demo picker as `userId`. */
  const signInAs = async (userId: string): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`pageerror (${userId}): ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(`console (${userId}): ${m.text()}`);
    });
    await page.goto(`${runtime.baseUrl}/inbox`);
    await page.waitForURL(/\/sign-in/);
    await page.getByTestId('demo-picker').waitFor();
    await page.getByTestId(`demo-${userId}`).click();
    await page.waitForURL(/\/inbox$/);
    return page;
  };

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startRuntime(), launchChromium()]);
    const call = sceneCaller(runtime.baseUrl, runtime.adminToken);
    const { bundle } = await readPackFolder(PACK_DIR, { demo: true });
    await call('POST', '/packs/import?demo=true', bundle);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await runtime?.stop();
  });

  it('an employee finds themself as the leaver, locked, and no "on behalf of" (flow.subject)', async ({ onTestFailed }) => {
    let current: Page | undefined;
    onTestFailed(async () => {
      if (current) await shot(current, 'failure-offboarding-own-start');
    });
    const employee = (current = await signInAs('demo-eng-4'));
    await employee.getByRole('link', { name: 'New request', exact: true }).click();
    await employee.getByTestId('pick-flow').selectOption('offboarding');
    const leaver = employee.locator('#start_employeeId');
    await leaver.waitFor({ timeout: 15_000 });
    await expect.poll(() => leaver.getAttribute('data-value'), { timeout: 10_000 }).toBe('demo-eng-4');
    expect(await leaver.getAttribute('readonly')).not.toBeNull();
    expect(await employee.getByTestId('on-behalf').count()).toBe(0);
    await shot(employee, 'offboarding-own-start');
  });

  it('an HR user runs an offboarding from the pack through manager approval', async ({ onTestFailed }) => {
    let current: Page | undefined;
    onTestFailed(async () => {
      if (current) await shot(current, 'failure-offboarding');
    });
    // Whose manager approves comes from the directory, not from this test.
    const employee = await api<{ name: string; managerId: string | null }>(runtime.baseUrl, runtime.adminToken, 'GET', '/directory/users/demo-eng-2');
    expect(employee.status, JSON.stringify(employee.body)).toBe(200);
    const managerId = employee.body.managerId!;
    expect(managerId).toBeTruthy();

    // HR fills the request on the employee's behalf, field by field, through the start page.
    const hr = (current = await signInAs('demo-hr-1'));
    await hr.getByRole('link', { name: 'New request', exact: true }).click();
    await hr.getByTestId('pick-flow').selectOption('offboarding');
    await hr.locator('#start_employeeId').waitFor({ timeout: 15_000 });
    // The person picker searches the directory as HR types: a name that matches nobody says so.
    await hr.fill('#start_employeeId', '不存在的人');
    expect(await hr.getByTestId('start_employeeId-no-match').textContent({ timeout: 10_000 })).toBe('No matching people');
    await hr.keyboard.press('Escape');
    // Part of the leaver's name finds them with their department; a click chooses them.
    await hr.fill('#start_employeeId', employee.body.name);
    await hr.getByTestId('start_employeeId-option-demo-eng-2').click({ timeout: 10_000 });
    await expect.poll(() => hr.locator('#start_employeeId').getAttribute('data-value')).toBe('demo-eng-2');
    expect(await hr.locator('#start_employeeId').inputValue()).toBe(employee.body.name);
    expect(await hr.getByTestId('start_employeeId-name').textContent()).toContain('demo-eng-2');
    // HR starts it on the leaver's behalf: "on behalf of" follows the leaving employee.
    await expect.poll(() => hr.locator('#start-on-behalf').getAttribute('data-value')).toBe('demo-eng-2');
    // Choices show their labels in the reader's language, and store the value.
    await hr.locator('#start_type').selectOption({ label: 'Resignation' });
    await hr.fill('#start_lastWorkingDay', '2030-06-28');
    await hr.fill('#start_terminationDate', '2030-06-28');
    await hr.locator('#start_reasonCategory').selectOption('career');
    await hr.fill('#start_reason', '希望去新的城市发展');
    // One work item handed to a colleague, one laptop to return: rows added with the tables' own buttons.
    await addRow(hr, 'workItems', 'title');
    await hr.fill('#start_workItems_0_title', 'Test plan for release 3');
    // The successor by keyboard only: the id typed, the first match highlighted, Enter chooses.
    await hr.locator('#start_workItems_0_successorId').fill('demo-eng-3');
    await hr.getByTestId('start_workItems_0_successorId-option-demo-eng-3').waitFor({ timeout: 10_000 });
    await hr.keyboard.press('Enter');
    await expect.poll(() => hr.locator('#start_workItems_0_successorId').getAttribute('data-value')).toBe('demo-eng-3');
    await addRow(hr, 'assets', 'assetId');
    const asset = hr.locator('#start_assets_0_assetId');
    await expect.poll(() => asset.locator('option').count(), { timeout: 10_000 }).toBeGreaterThan(1);
    await asset.selectOption({ label: 'LT-0105' });
    await shot(hr, 'offboarding-start-form');
    await hr.getByTestId('start-submit').click();
    await Promise.race([hr.waitForURL(/\/instances\//, { timeout: 15_000 }), hr.locator('.error-panel').waitFor({ timeout: 15_000 })]);
    expect(await hr.locator('.error-panel').count(), (await hr.locator('.error-panel').allTextContents()).join('\n')).toBe(0);
    await hr.getByTestId('instance-status').waitFor();
    const instanceId = decodeURIComponent(hr.url().split('/instances/')[1]!.split(/[?#]/)[0]!);

    const started = await api<Instance & { initiator: string; subjectId: string | null }>(runtime.baseUrl, runtime.adminToken, 'GET', `/instances/${instanceId}`);
    expect(started.body.activeNodes).toEqual(['managerApproval']);
    // The request is the leaver's, not HR's: returned, it goes back to them.
    expect(started.body.initiator).toBe('demo-eng-2');
    expect(started.body.subjectId).toBe('demo-eng-2');
    expect(started.body.data).toMatchObject({
      employeeId: 'demo-eng-2',
      type: 'resignation',
      lastWorkingDay: '2030-06-28',
      terminationDate: '2030-06-28',
      reasonCategory: 'career',
      reason: '希望去新的城市发展',
      workItems: [{ title: 'Test plan for release 3', successorId: 'demo-eng-3' }],
      assets: [{ assetId: 'demo-asset-lt-0105' }],
    });

    // The manager finds the task in the inbox, opens it (the request read-only) and approves.
    const manager = (current = await signInAs(managerId));
    const row = manager.locator('[data-testid^=task-row-]');
    await row.first().waitFor({ timeout: 15_000 });
    expect(await row.count()).toBe(1);
    // The row says whose offboarding it is: the flow's title and the leaver's name.
    await expect.poll(() => row.first().getByTestId('task-request').textContent(), { timeout: 10_000 }).toBe(`Employee offboarding · ${employee.body.name}`);
    await shot(manager, 'offboarding-inbox');
    await row.first().getByRole('link').click();
    await manager.getByTestId('task-form').waitFor({ timeout: 15_000 });
    expect(await manager.locator('#task_employeeId').getAttribute('data-value')).toBe('demo-eng-2');
    await expect.poll(() => manager.locator('#task_employeeId').inputValue(), { timeout: 10_000 }).toBe(employee.body.name);
    expect(await manager.locator('#task_reasonCategory').isDisabled()).toBe(true);
    // Column access of the pack: the manager may change a work item's successor, nothing else of the row.
    expect(await manager.locator('#task_workItems_0_title').isDisabled()).toBe(true);
    expect(await manager.locator('#task_workItems_0_successorId').isDisabled()).toBe(false);
    expect(await manager.locator('#task_assets_0_assetId').isDisabled()).toBe(true);
    await manager.getByTestId('task-comment').fill('Agreed, thank you for your work');
    await shot(manager, 'offboarding-manager-task');
    await manager.getByTestId('action-approve').click();
    await manager.getByTestId('action-done').waitFor({ timeout: 15_000 });

    // The timeline shows the approval; the request now waits at HR's exit interview.
    await manager.getByTestId('open-timeline').click();
    const approval = manager.locator('[data-testid=timeline] li[data-action=approve]');
    await approval.waitFor({ timeout: 15_000 });
    // The approver by name (the directory's), not by id.
    const managerName = (await api<{ name: string }>(runtime.baseUrl, runtime.adminToken, 'GET', `/directory/users/${managerId}`)).body.name;
    await expect.poll(() => approval.locator('.person').textContent(), { timeout: 10_000 }).toBe(managerName);
    expect(await approval.textContent()).toContain('Agreed, thank you for your work');
    await manager.getByTestId('instance-graph').locator('.react-flow__node').first().waitFor();
    // The open task the page lists is HR's exit interview, for the HR people.
    await manager.getByRole('link', { name: 'HR exit interview' }).waitFor();
    await shot(manager, 'offboarding-timeline');

    const after = await api<Instance>(runtime.baseUrl, runtime.adminToken, 'GET', `/instances/${instanceId}`);
    expect(after.body.status).toBe('running');
    expect(after.body.activeNodes).toEqual(['hrInterview']);
    const tasks = await api<{ items: Array<{ nodeId: string; status: string }> }>(runtime.baseUrl, await runtime.tokenFor('demo-hr-1', ['hr']), 'GET', '/tasks?mine=true');
    expect(tasks.body.items.filter((t) => t.nodeId === 'hrInterview' && t.status === 'open')).toHaveLength(1);
    expect(problems).toEqual([]);
  });

  it('a leaver in a confidential role signs the NDA in the task page (typed name, keyboard only)', async ({ onTestFailed }) => {
    let current: Page | undefined;
    onTestFailed(async () => {
      if (current) await shot(current, 'failure-offboarding-nda');
    });
    // Up to the parallel steps through the API: the NDA step is what this journey is about.
    const call = sceneCaller(runtime.baseUrl, runtime.adminToken);
    const hrToken = await runtime.tokenFor('demo-hr-1', ['hr']);
    const started = await call('POST', '/flows/offboarding/instances', {
      data: { employeeId: 'demo-eng-1', type: 'resignation', lastWorkingDay: '2030-07-31', terminationDate: '2030-07-31', reasonCategory: 'career' },
    }, hrToken);
    const instanceId = String(started.id);
    const decide = async (token: string, nodeId: string, data?: Record<string, unknown>) => {
      const list = await call('GET', '/tasks?mine=true', undefined, token);
      const task = (list.items as Array<{ id: string; nodeId: string; instanceId: string; status: string }>).find((x) => x.nodeId === nodeId && x.instanceId === instanceId && x.status === 'open');
      expect(task, `${nodeId} task`).toBeTruthy();
      await call('POST', `/tasks/${task!.id}/actions`, { action: 'approve', ...(data ? { data } : {}) }, token);
    };
    const employee = await api<{ managerId: string }>(runtime.baseUrl, runtime.adminToken, 'GET', '/directory/users/demo-eng-1');
    await decide(await runtime.tokenFor(employee.body.managerId, ['manager']), 'managerApproval');
    await decide(hrToken, 'hrInterview', { interviewDate: '2030-07-20', interviewReason: 'career' });

    const leaver = (current = await signInAs('demo-eng-1'));
    const row = leaver.locator('[data-testid^=task-row-]', { hasText: 'Confidentiality undertaking' });
    await row.first().waitFor({ timeout: 15_000 });
    await row.first().getByRole('link').click();
    await leaver.getByTestId('task-form').waitFor({ timeout: 15_000 });
    await leaver.locator('#task_ndaAcknowledged').check();
    // The signature without a pointer: the typed name is rendered and stored as the signature image.
    await leaver.locator('#task_ndaSignature-typed').focus();
    await leaver.keyboard.type('Zhao Qiang');
    await leaver.keyboard.press('Tab');
    await leaver.keyboard.press('Enter');
    await leaver.getByTestId('task_ndaSignature-signed').waitFor({ timeout: 10_000 });
    await leaver.fill('#task_ndaSignedOn', '2030-07-21');
    await shot(leaver, 'offboarding-nda-task');
    await leaver.getByTestId('action-complete').click();
    await leaver.getByTestId('action-done').waitFor({ timeout: 15_000 });

    const after = await api<Instance>(runtime.baseUrl, runtime.adminToken, 'GET', `/instances/${instanceId}`);
    expect(after.body.data).toMatchObject({ ndaAcknowledged: true, ndaSignedOn: '2030-07-21', ndaSignature: { signerId: 'demo-eng-1' } });
    expect((after.body.data.ndaSignature as { fileId: string }).fileId).toBeTruthy();
    expect(after.body.activeNodes).not.toContain('ndaSigning');
    expect(problems).toEqual([]);
  });
});

/** Adds the first row to a sub-table with the table's own "add" button (rjsf's list of rows), and waits for `column`. */
async function addRow(page: Page, table: string, column: string): Promise<void> {
  const fieldset = page.locator(`fieldset#start_${table}`);
  await fieldset.locator('button.btn-add, button.array-item-add, button[title="Add Item"], button[title="Add"]').first().click();
  await page.locator(`#start_${table}_0_${column}`).waitFor();
}
