import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPackFolder } from '../../packages/cli/src/index.js';
import { hasChromium, launchChromium, skipNotice } from './harness/browser-env.js';
import { startRuntime, type RunningRuntime } from './harness/runtime-server.js';
import { sceneCaller } from './harness/scene.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const artifacts = path.join(here, 'artifacts');
const PACK_DIR = path.resolve(here, '../../templates/offboarding');
const available = hasChromium();
if (!available) console.log(skipNotice());

interface BrowserWindow {
  sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

// An analyst (designer role only) builds a report from pickers, puts it on the offboarding dashboard after
// "Exit reasons by category", publishes it and finds it there — beside the pack's HR-only reports, which the
// server withholds from a designer.
describe.skipIf(!available)('report designer: place a report on the dashboard', () => {
  let runtime: RunningRuntime;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const shot = async (name: string) => {
    fs.mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
  };

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startRuntime(), launchChromium()]);
    const call = sceneCaller(runtime.baseUrl, runtime.adminToken);
    const { bundle } = await readPackFolder(PACK_DIR, { demo: true });
    await call('POST', '/packs/import?demo=true', bundle);
    await call('POST', '/directory/import', { users: [{ id: 'ana', name: 'Ana Analyst' }] });
    const token = await runtime.tokenFor('ana', ['designer']);
    const context = await browser.newContext({ viewport: { width: 1500, height: 1000 }, locale: 'en-US' });
    await context.addInitScript(([t]) => {
      const { sessionStorage } = globalThis as unknown as BrowserWindow;
      if (!sessionStorage.getItem('baton.token')) {
        sessionStorage.setItem('baton.token', t!);
        sessionStorage.setItem('baton.token.user', 'ana');
      }
    }, [token]);
    page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  it('a designer with no report on a dashboard is told how to put one there', async () => {
    await page.goto(`${runtime.baseUrl}/dashboard/team-health`);
    const empty = page.getByTestId('dashboard-empty-designer');
    await empty.waitFor({ timeout: 15_000 });
    expect(await empty.textContent()).toContain('Mark a report "Show on dashboard" in the report designer');
    expect(await page.getByTestId('dashboard-designer-note').count()).toBe(1);
  });

  it('picks a dimension by title, marks "show on dashboard", publishes, and finds it at that place', async ({ onTestFailed }) => {
    onTestFailed(() => shot('failure-report-dashboard-placement'));
    await page.goto(`${runtime.baseUrl}/build/report/leavers-by-step`);
    await page.getByTestId('report-measures').waitFor();
    await page.locator('select[name=report-source]').selectOption('steps');
    // The flow picker names flows by title, key beside it.
    const flow = page.locator('select[name=report-flow]');
    await expect.poll(() => flow.locator('option[value=offboarding]').textContent(), { timeout: 15_000 }).toBe('Employee offboarding (offboarding)');
    await flow.selectOption('offboarding');

    // The dimension picker lists the dataset's columns by title, with the key and the type.
    await page.getByTestId('report-dimensions').getByRole('button', { name: '+ Dimension' }).click();
    const field = page.locator('select[name=dimension-0-field]');
    await field.waitFor();
    expect(await field.locator('option[value=node]').textContent()).toBe('Step (node) · text');
    expect(await field.locator('option[value="subjectId.department"]').textContent()).toBe('Department (subjectId.department) · department');
    await expect.poll(() => field.locator('option[value="data.reasonCategory"]').count(), { timeout: 15_000 }).toBe(1);
    await field.selectOption('node');

    // Nothing to count yet: the preview says so in words.
    await page.getByTestId('preview-draft').click();
    await page.getByTestId('preview-empty').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('preview-empty').textContent()).toContain('No data');

    // On the offboarding dashboard, right after "Exit reasons by category" (order 40; the next is 50).
    const placement = page.getByTestId('dashboard-placement');
    await placement.locator('input[name=show-on-dashboard]').check();
    const position = placement.locator('select[name=dashboard-position]');
    await expect.poll(() => position.locator('option').count(), { timeout: 15_000 }).toBeGreaterThan(5);
    await position.selectOption({ label: 'After “Exit reasons by category”' });
    expect(await placement.locator('input[name=dashboard-order]').inputValue()).toBe('45');
    const order = await placement.getByTestId('dashboard-order').locator('li').allTextContents();
    const mine = order.findIndex((t) => t.includes('(this report)'));
    expect(order[mine - 1]).toBe('Exit reasons by category');
    expect(order[mine + 1]).toBe('Exit reasons by month');

    await page.waitForSelector('[data-testid=save-status][data-state=saved]', { timeout: 15_000 });
    await page.getByTestId('publish').click();
    const notes = page.getByTestId('placement-changes');
    await notes.waitFor();
    expect(await notes.textContent()).toBe('Shown on the “Offboarding” dashboard, after “Exit reasons by category” (order 45)');
    await shot('report-dashboard-placement-publish');
    await page.getByTestId('confirm-publish').click();
    await page.getByTestId('publish-done').waitFor({ timeout: 15_000 });
    await page.getByRole('dialog').getByRole('button', { name: /Close/ }).last().click();

    // The designer finds the dashboard in the navigation; the report sits where it was put.
    await page.getByRole('link', { name: 'Dashboard' }).first().click();
    await page.waitForURL(/\/dashboard$/);
    await page.getByTestId('widget-leavers-by-step').waitFor({ timeout: 15_000 });
    const widgets = await page.locator('[data-testid^=widget-]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    const at = widgets.indexOf('widget-leavers-by-step');
    expect(widgets.slice(at - 1, at + 2)).toEqual(['widget-exit-reasons', 'widget-leavers-by-step', 'widget-exit-reasons-trend']);
    // The pack's reports are HR-only: the server refuses them to a designer, and the widget says so.
    await expect.poll(() => page.locator('[data-testid^=widget-][aria-busy=true]').count(), { timeout: 30_000 }).toBe(0);
    expect(await page.getByTestId('widget-exit-reasons').textContent()).toContain('You may not see this report');
    expect(await page.getByTestId('widget-leavers-by-step').textContent()).not.toContain('You may not see this report');
    await shot('report-dashboard-placement-dashboard');
    expect(problems).toEqual([]);
  });
});
