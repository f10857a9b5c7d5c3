import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, skipNotice } from './harness/browser-env.js';
import { saveScreenshot, sessionPage } from './harness/pages.js';
import { startRuntime, type RunningRuntime } from './harness/runtime-server.js';

const available = hasChromium();
if (!available) console.log(skipNotice());

/** Picks a palette type up with Space, moves it with the arrow keys onto the canvas (`right` presses past its edge, `down` presses lower) and drops it. */
async function dropWithKeyboard(page: Page, type: string, right: number, down: number): Promise<void> {
  const live = page.locator('[id^=DndLiveRegion]');
  await page.getByTestId(`palette-node-${type}`).focus();
  await page.keyboard.press('Space');
  for (let i = 0; i < 40 && !/over the flow canvas/.test((await live.textContent()) ?? ''); i++) await page.keyboard.press('ArrowRight');
  for (let i = 0; i < right; i++) await page.keyboard.press('ArrowRight');
  for (let i = 0; i < down; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  await expect.poll(() => live.textContent(), { timeout: 5_000 }).toMatch(/was dropped on the flow canvas/);
}

/** The page's focused element, as much of it as these checks read (the test's own types have no DOM). */
interface Focused {
  getAttribute(name: string): string | null;
  classList: { contains(name: string): boolean };
  closest(selector: string): Focused | null;
}
type WithDocument = { document: { activeElement: Focused | null } };

/** The id of the canvas node that has the focus (xyflow's node wrapper carries data-id), or ''. */
const focusedNode = (page: Page) => page.evaluate(() => (globalThis as unknown as WithDocument).document.activeElement?.closest('.react-flow__node')?.getAttribute('data-id') ?? '');
/** The focus is on a canvas node itself (not on a control inside it). */
const onNode = (page: Page) => page.evaluate(() => (globalThis as unknown as WithDocument).document.activeElement?.classList.contains('react-flow__node') ?? false);
/** The data-testid of the focused element. */
const focusedTestId = (page: Page) => page.evaluate(() => (globalThis as unknown as WithDocument).document.activeElement?.getAttribute('data-testid') ?? null);

/** Presses Tab until the canvas node `id` has the focus, as a keyboard user would. */
async function tabToNode(page: Page, id: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if ((await focusedNode(page)) === id && (await onNode(page))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached node ${id}`);
}

const edgeCount = (page: Page) => page.locator('.react-flow__edge').count();

// QA: two nodes could only be connected by dragging a handle with the mouse. Here a flow is built, connected,
// trimmed and undone with the keyboard alone, and its problems name nodes by title.
describe.skipIf(!available)('connecting flow nodes with the keyboard (Chromium)', () => {
  let runtime: RunningRuntime;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startRuntime(), launchChromium()]);
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  it('builds start → approval → end with Tab, Enter, Shift+C, arrow keys and a select', async ({ onTestFailed }) => {
    const token = await runtime.tokenFor('kb-designer', ['designer']);
    const page = await sessionPage(browser, token, 'kb-designer', problems);
    onTestFailed(() => saveScreenshot(page, 'failure-flow-keyboard-connect'));
    await page.goto(`${runtime.baseUrl}/build/flow/kb-connect`);
    await page.getByTestId('flow-canvas').waitFor({ timeout: 30_000 });

    await dropWithKeyboard(page, 'start', 0, 0);
    await page.getByTestId('flow-node-start_1').waitFor({ timeout: 10_000 });
    await dropWithKeyboard(page, 'approval', 10, 0);
    await page.getByTestId('flow-node-approval_1').waitFor({ timeout: 10_000 });
    await dropWithKeyboard(page, 'end', 20, 0);
    await page.getByTestId('flow-node-end_1').waitFor({ timeout: 10_000 });
    expect(await edgeCount(page)).toBe(0);

    // Start: Tab to it, Enter selects it, the next Tab is its "Connect to…" (inside the node, right after it);
    // Enter opens it with the focus on the list of nodes.
    await tabToNode(page, 'start_1');
    await page.keyboard.press('Enter');
    await page.getByTestId('connect-open-start_1').waitFor({ timeout: 5_000 });
    await page.keyboard.press('Tab');
    expect(await focusedTestId(page)).toBe('connect-open-start_1');
    await page.keyboard.press('Enter');
    await page.getByTestId('connect-menu-start_1').waitFor({ timeout: 5_000 });
    await expect.poll(() => focusedTestId(page)).toBe('connect-target');
    const target = page.getByTestId('connect-menu-start_1').getByTestId('connect-target');
    // Nodes are offered by name; the start itself has no input and is not offered.
    expect(await target.locator('option').allTextContents()).toEqual(['Choose a node', 'Approval', 'End']);
    await page.keyboard.press('ArrowDown');
    expect(await target.inputValue()).toBe('approval_1');
    await page.keyboard.press('Enter');
    await expect.poll(() => edgeCount(page)).toBe(1);
    await expect.poll(() => page.getByTestId('connect-menu-start_1').getByTestId('connect-status').textContent()).toBe('Connected “Start” to “Approval”.');
    // The start stays selected and keeps the focus, so the next connection is one step away.
    expect(await focusedNode(page)).toBe('start_1');
    expect(await target.locator('option[value=approval_1]').textContent()).toBe('Approval (already connected)');

    // Esc goes back to the node; Tab on to the approval, Enter, then Shift+C jumps to its "Connect to…".
    await page.keyboard.press('Escape');
    expect(await onNode(page)).toBe(true);
    expect(await page.getByTestId('connect-menu-start_1').count()).toBe(0);
    await tabToNode(page, 'approval_1');
    await page.keyboard.press('Enter');
    await page.getByTestId('connect-open-approval_1').waitFor({ timeout: 5_000 });
    await page.keyboard.press('Shift+C');
    const menu = page.getByTestId('connect-menu-approval_1');
    await menu.waitFor({ timeout: 5_000 });
    await expect.poll(() => focusedTestId(page)).toBe('connect-target');
    await menu.getByTestId('connect-target').selectOption({ label: 'End' });
    await page.keyboard.press('Enter');
    await expect.poll(() => edgeCount(page)).toBe(2);
    // Its "Rejected" port: Shift+Tab to the port, arrow to "Rejected", Tab back, pick End, Enter.
    await page.keyboard.press('Shift+Tab');
    expect(await focusedTestId(page)).toBe('connect-port');
    await page.keyboard.press('ArrowDown');
    expect(await menu.getByTestId('connect-port').inputValue()).toBe('rejected');
    await page.keyboard.press('Tab');
    await menu.getByTestId('connect-target').selectOption({ label: 'End' });
    await page.keyboard.press('Enter');
    await expect.poll(() => edgeCount(page)).toBe(3);
    expect(await menu.locator('li').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^Rejected → End/)]));
    await saveScreenshot(page, 'flow-keyboard-connect');

    // Remove the rejected connection from the same place (Tab to its button, Enter), then undo brings it back.
    const removeRejected = menu.getByRole('button', { name: 'Remove the connection to “End”' }).last();
    await removeRejected.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => edgeCount(page)).toBe(2);
    expect(await focusedTestId(page)).toBe('connect-target');
    await page.getByTestId('undo').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => edgeCount(page)).toBe(3);

    // The approval has nobody to work on it: the problem names it by its title, not "approval_1".
    await page.getByTestId('issues-toggle').focus();
    await page.keyboard.press('Enter');
    const list = page.getByTestId('flow-problems');
    await list.waitFor({ timeout: 10_000 });
    await expect.poll(() => list.textContent(), { timeout: 10_000 }).toContain('Node ‘Approval’ has no assignees');
    expect(await list.locator('.issue-message').allTextContents()).not.toEqual(expect.arrayContaining([expect.stringMatching(/"approval_1"|"e_\d"/)]));

    // The first publish describes the flow in words, not JSON.
    await page.getByTestId('publish').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('first-version-summary').textContent(), { timeout: 10_000 }).toBe('First version of ‘kb-connect’: 3 steps, 3 connections.');
    await page.context().close();
  });

  it('had no script errors', () => {
    expect(problems).toEqual([]);
  });
});
