import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from './harness/api.js';
import { hasChromium, skipNotice } from './harness/browser-env.js';
import { startDemoPackRuntime } from './harness/demo-pack.js';
import type { RunningRuntime } from './harness/runtime-server.js';
import { saveScreenshot, sessionPage, trackedPage } from './harness/pages.js';
import { sceneCaller } from './harness/scene.js';

const available = hasChromium();
if (!available) console.log(skipNotice());

type Box = { x: number; y: number; width: number; height: number };
const box = async (l: Locator): Promise<Box> => (await l.boundingBox())!;
/** Whether two boxes share a line: their vertical middles are within half the smaller height. */
const sameLine = (a: Box, b: Box) => Math.abs(a.y + a.height / 2 - (b.y + b.height / 2)) < Math.min(a.height, b.height) / 2 + 2;

// What QA found on the pack's pages (D8, D14, P1, P2, P3): the NDA's drawn signature kept without the Sign
// button and its text shown, checkboxes and "*" on their label's line, rows titled "<table> 1", the flow
// diagram whole, sign-in labels tied to their inputs, the designer's drag announcements in Chinese.
describe.skipIf(!available)('offboarding pages after QA (Chromium)', () => {
  let runtime: RunningRuntime;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    ({ runtime, browser } = await startDemoPackRuntime());
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  /** An offboarding of demo-eng-1 (confidential) moved by the API to its parallel steps. */
  async function confidentialAtClearance(): Promise<string> {
    const call = sceneCaller(runtime.baseUrl, runtime.adminToken);
    const hrToken = await runtime.tokenFor('demo-hr-1', ['hr']);
    const started = await call('POST', '/flows/offboarding/instances', {
      data: { employeeId: 'demo-eng-1', type: 'resignation', lastWorkingDay: '2030-07-31', terminationDate: '2030-07-31', reasonCategory: 'career', assets: [], accounts: [] },
    }, hrToken);
    const instanceId = String(started.id);
    const decide = async (token: string, nodeId: string, data?: Record<string, unknown>) => {
      const list = await call('GET', `/tasks?mine=true&status=open&instanceId=${instanceId}`, undefined, token);
      const task = (list.items as Array<{ id: string; nodeId: string }>).find((x) => x.nodeId === nodeId);
      expect(task, `${nodeId} task`).toBeTruthy();
      await call('POST', `/tasks/${task!.id}/actions`, { action: 'approve', ...(data ? { data } : {}) }, token);
    };
    const employee = await api<{ managerId: string }>(runtime.baseUrl, runtime.adminToken, 'GET', '/directory/users/demo-eng-1');
    await decide(await runtime.tokenFor(employee.body.managerId, ['manager']), 'managerApproval');
    await decide(hrToken, 'hrInterview', { interviewDate: '2030-07-20', interviewReason: 'career' });
    return instanceId;
  }

  it('keeps a drawn NDA signature without the Sign button, shows the undertaking, and lays the checkbox beside its label', async () => {
    const instanceId = await confidentialAtClearance();
    const token = await runtime.tokenFor('demo-eng-1', []);
    const list = await api<{ items: Array<{ id: string; nodeId: string }> }>(runtime.baseUrl, token, 'GET', `/tasks?mine=true&status=open&instanceId=${instanceId}`);
    const task = list.body.items.find((x) => x.nodeId === 'ndaSigning')!;
    const page = await sessionPage(browser, token, 'demo-eng-1', problems, { viewport: { width: 1400, height: 1000 } });
    await page.goto(`${runtime.baseUrl}/tasks/${task.id}`);
    await page.getByTestId('task-form').waitFor({ timeout: 15_000 });
    // The text the leaver undertakes is on the step, with their name and last working day filled in.
    const text = await page.getByTestId('task-page').locator('p').filter({ hasText: 'undertake' }).first().textContent();
    expect(text).toContain('2030-07-31');
    expect(text).toMatch(/keep confidential/);

    // The checkbox sits on its label's line, just before the text.
    const checkbox = page.locator('#task_ndaAcknowledged');
    const labelText = page.locator('.checkbox label:has(#task_ndaAcknowledged) > span').first();
    const [cb, lt] = [await box(checkbox), await box(labelText)];
    expect(sameLine(cb, lt), JSON.stringify({ cb, lt })).toBe(true);
    expect(lt.x - (cb.x + cb.width)).toBeLessThan(20);
    expect(lt.x).toBeGreaterThan(cb.x);
    // A required field's "*" stays on its label's line.
    const dateLabel = page.locator('label.control-label[for=task_ndaSignedOn]');
    expect(sameLine(await box(dateLabel.locator('.required')), await box(dateLabel))).toBe(true);

    await checkbox.check();
    // Drawn with the pointer, and nothing else: no Sign button pressed.
    const canvas = page.locator('canvas#task_ndaSignature');
    await canvas.scrollIntoViewIfNeeded();
    const pad = await box(canvas);
    await page.mouse.move(pad.x + 40, pad.y + 90);
    await page.mouse.down();
    for (const [dx, dy] of [[80, 40], [140, 100], [220, 50], [300, 95]] as const) await page.mouse.move(pad.x + dx, pad.y + dy, { steps: 4 });
    await page.mouse.up();
    await page.fill('#task_ndaSignedOn', '2030-07-21');
    await page.getByTestId('action-complete').click();
    await Promise.race([page.getByTestId('action-done').waitFor({ timeout: 15_000 }), page.locator('.error-panel').waitFor({ timeout: 15_000 })]);
    await saveScreenshot(page, 'qa-nda-drawn');
    expect(await page.locator('.error-panel').count(), (await page.locator('.error-panel').allTextContents()).join('\n')).toBe(0);
    const after = await api<{ data: Record<string, any>; activeNodes: string[] }>(runtime.baseUrl, runtime.adminToken, 'GET', `/instances/${instanceId}`);
    expect(after.body.data.ndaSignature).toMatchObject({ signerId: 'demo-eng-1' });
    expect(after.body.data.ndaSignature.fileId).toBeTruthy();
    expect(after.body.activeNodes).not.toContain('ndaSigning');

    // The request's page draws the whole flow: no step cut off at the top or bottom.
    await page.goto(`${runtime.baseUrl}/instances/${instanceId}`);
    const graph = page.getByTestId('instance-graph');
    await graph.locator('.react-flow__node').first().waitFor({ timeout: 15_000 });
    await page.waitForTimeout(300);
    const frame = await box(graph);
    const nodes = graph.locator('.react-flow__node');
    expect(await nodes.count()).toBeGreaterThan(8);
    for (const node of await nodes.all()) {
      const [b, name] = [await box(node), (await node.textContent()) ?? ''];
      expect(b.y, name).toBeGreaterThanOrEqual(frame.y);
      expect(b.y + b.height, name).toBeLessThanOrEqual(frame.y + frame.height);
    }
    await saveScreenshot(page, 'qa-instance-graph');
    await page.context().close();
  });

  for (const [locale, rowTitle] of [['en', /^Work handed over 1$/], ['zh-CN', /^.+ 第 1 项$/]] as const) {
    it(`titles sub-table rows "<table> 1" and keeps "*" on the label's line (${locale})`, async () => {
      const token = await runtime.tokenFor('demo-hr-1', ['hr']);
      const page = await sessionPage(browser, token, 'demo-hr-1', problems, { locale: locale === 'en' ? 'en-US' : 'zh-CN', viewport: { width: 1400, height: 1000 } });
      await page.goto(`${runtime.baseUrl}/start?flow=offboarding`);
      await page.locator('#start_lastWorkingDay').waitFor({ timeout: 15_000 });
      const label = page.locator('label.control-label[for=start_lastWorkingDay]');
      expect(sameLine(await box(label.locator('.required')), await box(label))).toBe(true);
      expect((await box(label)).height).toBeLessThan(30);
      // A row of "Work handed over", added with the table's own button.
      await page.locator('fieldset#start_workItems').locator('button.btn-add, .rjsf-array-item-add button, button.array-item-add').first().click();
      await page.locator('#start_workItems_0_title').waitFor();
      const legend = page.locator('fieldset#start_workItems fieldset legend').first();
      const title = (await legend.innerText()).trim();
      expect(title).toMatch(rowTitle);
      expect(title).not.toMatch(/-1|\*/);
      await saveScreenshot(page, `qa-start-rows-${locale}`);
      await page.context().close();
    });
  }

  it('ties the sign-in labels to their inputs', async () => {
    const page = await trackedPage(browser, problems);
    await page.goto(`${runtime.baseUrl}/sign-in`);
    await page.getByLabel('Username').waitFor({ timeout: 15_000 });
    expect(await page.getByLabel('Username').getAttribute('name')).toBe('username');
    expect(await page.getByLabel('Password').getAttribute('type')).toBe('password');
    for (const id of ['sign-in-username', 'sign-in-password', 'sign-in-remember', 'sign-in-token', 'sign-in-user']) {
      expect(await page.locator(`label[for=${id}]`).count(), id).toBe(1);
      expect(await page.locator(`#${id}`).count(), id).toBe(1);
    }
    await page.context().close();
  });

  it("announces a keyboard drag in the form designer in the reader's language (zh-CN)", async ({ onTestFailed }) => {
    const token = await runtime.tokenFor('qa-designer', ['designer']);
    const page = await sessionPage(browser, token, 'qa-designer', problems, { locale: 'zh-CN' });
    onTestFailed(() => saveScreenshot(page, 'failure-qa-dnd'));
    await page.goto(`${runtime.baseUrl}/build/form/qa-dnd`);
    const item = page.getByTestId('palette-field-text');
    await item.waitFor({ timeout: 30_000 });
    // The instructions a screen reader reads for a palette item.
    const describedBy = await item.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toContain('空格键');
    await item.focus();
    await page.keyboard.press('Space');
    const live = page.locator('[id^=DndLiveRegion]');
    // Picked up, then at once over the canvas: both in Chinese, with the item's label.
    await expect.poll(() => live.textContent(), { timeout: 5_000 }).toMatch(/^单行文本 ?已(拿起|移到)|^已拿起 单行文本/);
    expect(await live.textContent()).not.toMatch(/Picked up|Draggable item|droppable/);
    await page.keyboard.press('Escape');
    await expect.poll(() => live.textContent(), { timeout: 5_000 }).toMatch(/已取消拖动/);
    await page.context().close();
  });

  it('had no script errors', () => {
    expect(problems).toEqual([]);
  });
});
