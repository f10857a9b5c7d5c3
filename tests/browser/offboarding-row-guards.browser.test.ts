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

// QA D2–D5 in the UI: the start form's record pickers list only the leaver's records once the leaver is
// chosen (the field's filter over the live form), it leaves out the check columns nobody may fill at the
// start, and a step that may only tick rows off offers no "+" or "×" on those tables.
describe.skipIf(!available)('offboarding rows in Chromium: pickers follow the filter, tables follow the step', () => {
  let runtime: RunningRuntime;
  let browser: Browser;
  let call: ReturnType<typeof sceneCaller>;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  /** 李娜's running request from an earlier test: one running offboarding per person (flow.subject.oneRunning). */
  let earlierRequest: string | undefined;

  const shot = async (page: Page, name: string) => {
    fs.mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
  };

  const signInAs = (userId: string): Promise<Page> => demoSignIn(browser, runtime.baseUrl, userId, problems, contexts);

  /** The add and remove buttons of a sub-table on a page (idPrefix `start` or `task`). */
  const rowButtons = (page: Page, prefix: string, table: string) =>
    page.locator(`fieldset#${prefix}_${table}`).locator('button.btn-add, button.rjsf-array-item-remove, button.rjsf-array-item-move-up, button.rjsf-array-item-copy');

  const openTask = async (page: Page, instanceId: string, nodeId: string, token: string) => {
    const list = await call('GET', '/tasks?mine=true&status=open', undefined, token);
    const task = (list.items as Array<{ id: string; nodeId: string; instanceId: string }>).find((t) => t.nodeId === nodeId && t.instanceId === instanceId);
    expect(task, `${nodeId} task`).toBeTruthy();
    await page.goto(`${runtime.baseUrl}/tasks/${encodeURIComponent(task!.id)}`);
    await page.getByTestId('task-form').first().waitFor({ timeout: 15_000 });
    return task!.id;
  };

  beforeAll(async () => {
    ({ runtime, browser } = await startDemoPackRuntime());
    call = sceneCaller(runtime.baseUrl, runtime.adminToken);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await runtime?.stop();
  });

  it('D4, D5: the start form lists only the leaver\'s customers and shows no check columns', async ({ onTestFailed }) => {
    const hr = await signInAs('demo-hr-1');
    onTestFailed(async () => shot(hr, 'failure-row-guards-start'));
    const customers = (await call('GET', '/records/customer?limit=100')).items as Array<{ id: string; data: { name: string; ownerId: string } }>;
    const hers = customers.filter((c) => c.data.ownerId === 'demo-sales-1').map((c) => c.data.name).sort();
    expect(hers.length).toBeGreaterThan(0);
    expect(customers.length).toBeGreaterThan(hers.length);

    await hr.getByRole('link', { name: 'New request', exact: true }).click();
    await hr.getByTestId('pick-flow').selectOption('offboarding');
    await hr.locator('#start_employeeId').waitFor({ timeout: 15_000 });
    await hr.locator(`fieldset#start_customers`).locator('button.btn-add, button.array-item-add, button[title="Add Item"], button[title="Add"]').first().click();
    const picker = hr.locator('#start_customers_0_customerId');
    await picker.waitFor();
    // No leaver yet: the filter ("the leaver's customers") passes nothing.
    await expect.poll(() => picker.locator('option').count(), { timeout: 10_000 }).toBe(1);
    await hr.fill('#start_employeeId', '李娜');
    await hr.getByTestId('start_employeeId-option-demo-sales-1').click({ timeout: 10_000 });
    const options = async () => (await picker.locator('option').allTextContents()).filter((t) => t !== '' && !/Choose/.test(t)).sort();
    await expect.poll(options, { timeout: 10_000 }).toEqual(hers);
    // The successor's "Confirmed" and "Confirmed on" belong to later steps: not on the start form.
    expect(await hr.locator('#start_customers_0_confirmed').count()).toBe(0);
    expect(await hr.locator('#start_customers_0_confirmedAt').count()).toBe(0);
    expect(await hr.locator('#start_customers_0_successorId').count()).toBe(1);
    await hr.locator(`fieldset#start_accounts`).locator('button.btn-add, button.array-item-add, button[title="Add Item"], button[title="Add"]').first().click();
    await hr.locator('#start_accounts_0_system').waitFor();
    expect(await hr.locator('#start_accounts_0_disabled').count()).toBe(0);
    // Rows can be added and removed at the start.
    expect(await rowButtons(hr, 'start', 'accounts').count()).toBeGreaterThan(1);
    await shot(hr, 'row-guards-start-form');
    expect(problems).toEqual([]);
  });

  it('D2, D3: the manager and IT get no "+" or "×" on tables whose required columns they cannot write', async ({ onTestFailed }) => {
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
    const instanceId = String(started.id);
    earlierRequest = instanceId;
    const manager = await signInAs('demo-sales-director');
    onTestFailed(async () => shot(manager, 'failure-row-guards-manager'));
    const managerToken = await runtime.tokenFor('demo-sales-director', []);
    await openTask(manager, instanceId, 'managerApproval', managerToken);
    await manager.locator('#task_workItems_0_successorId').waitFor();
    expect(await manager.locator('#task_workItems_0_successorId').isDisabled()).toBe(false);
    expect(await rowButtons(manager, 'task', 'workItems').count()).toBe(0);
    expect(await rowButtons(manager, 'task', 'customers').count()).toBe(0);
    await shot(manager, 'row-guards-manager');
    await manager.getByTestId('action-approve').click();
    await manager.getByTestId('action-done').waitFor({ timeout: 15_000 });

    const interview = await call('GET', '/tasks?mine=true&status=open', undefined, hrToken);
    const hrTask = (interview.items as Array<{ id: string; nodeId: string; instanceId: string }>).find((t) => t.nodeId === 'hrInterview' && t.instanceId === instanceId)!;
    await call('POST', `/tasks/${hrTask.id}/actions`, { action: 'approve', data: { interviewDate: '2030-07-01', interviewReason: 'career', interviewNotes: 'Moving city.', regrettable: false, rehireEligible: true } }, hrToken);

    const it = await signInAs('demo-it-1');
    onTestFailed(async () => shot(it, 'failure-row-guards-it'));
    await openTask(it, instanceId, 'itClearance', await runtime.tokenFor('demo-it-1', ['it']));
    // The request is shown beside IT's own form: its fields carry the "request" prefix.
    await it.locator('#request_accounts_0_disabled').waitFor();
    expect(await it.locator('#request_accounts_0_disabled').isDisabled()).toBe(false);
    expect(await it.locator('#request_accounts_0_system').isDisabled()).toBe(true);
    expect(await rowButtons(it, 'request', 'accounts').count()).toBe(0);
    await shot(it, 'row-guards-it');
    expect(problems).toEqual([]);
  });

  it('D1: a successor can tick only the customers handed to them', async ({ onTestFailed }) => {
    const hrToken = await runtime.tokenFor('demo-hr-1', ['hr']);
    if (earlierRequest) await call('POST', `/instances/${earlierRequest}/cancel`, { reason: 'a new request for the next check' }, hrToken);
    const started = await call('POST', '/flows/offboarding/instances', {
      data: {
        employeeId: 'demo-sales-1', type: 'resignation', lastWorkingDay: '2030-07-31', terminationDate: '2030-07-31', reasonCategory: 'career',
        customers: [{ customerId: 'demo-customer-01', successorId: 'demo-sales-2' }, { customerId: 'demo-customer-02', successorId: 'demo-sales-3' }],
        accounts: [], assets: [], workItems: [],
      },
    }, hrToken);
    const instanceId = String(started.id);
    const decide = async (token: string, nodeId: string, data?: Record<string, unknown>) => {
      const list = await call('GET', '/tasks?mine=true&status=open', undefined, token);
      const task = (list.items as Array<{ id: string; nodeId: string; instanceId: string }>).find((x) => x.nodeId === nodeId && x.instanceId === instanceId)!;
      await call('POST', `/tasks/${task.id}/actions`, { action: 'approve', ...(data ? { data } : {}) }, token);
    };
    await decide(await runtime.tokenFor('demo-sales-director', []), 'managerApproval');
    await decide(hrToken, 'hrInterview', { interviewDate: '2030-07-01', interviewReason: 'career', interviewNotes: 'Moving city.', regrettable: false, rehireEligible: true });
    const chen = await signInAs('demo-sales-3');
    onTestFailed(async () => shot(chen, 'failure-row-guards-successor'));
    await openTask(chen, instanceId, 'customerHandover', await runtime.tokenFor('demo-sales-3', []));
    await chen.locator('#request_customers_1_confirmed').waitFor();
    // She owns neither customer yet, but the request she is on names them: she sees their names, not ids.
    const names = new Map(((await call('GET', '/records/customer?limit=100', undefined, hrToken)).items as Array<{ id: string; data: { name: string } }>).map((c) => [c.id, c.data.name]));
    for (const [row, id] of [[0, 'demo-customer-01'], [1, 'demo-customer-02']] as const) {
      await expect.poll(() => chen.locator(`#request_customers_${row}_customerId option:checked`).textContent(), { timeout: 10_000 }).toBe(names.get(id));
    }
    // Row 2 is 陈静's: she may tick it; row 1 is 刘洋's: shown, but not hers to tick.
    expect(await chen.locator('#request_customers_1_confirmed').isDisabled()).toBe(false);
    expect(await chen.locator('#request_customers_0_confirmed').isDisabled()).toBe(true);
    expect(await rowButtons(chen, 'request', 'customers').count()).toBe(0);
    // She ticks hers and completes from the page: accepted, and only her row is confirmed.
    await chen.locator('#request_customers_1_confirmed').check();
    await chen.fill('#request_customers_1_confirmedAt', '2030-07-20');
    await shot(chen, 'row-guards-successor');
    await chen.getByTestId('action-complete').click();
    await chen.getByTestId('action-done').waitFor({ timeout: 15_000 });
    const after = await call('GET', `/instances/${instanceId}`);
    expect(((after.data as Record<string, unknown>).customers as Array<Record<string, unknown>>).map((c) => c.confirmed ?? false)).toEqual([false, true]);
    expect(problems).toEqual([]);
  });
});
