import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
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

// A fixed organisation beside the pack's demo people, so attrition can be worked out by hand:
// Alpha: 4 people hired 2020, one leaves 2025-03-15. Beta: 5 people, one leaves 2025-03-20, one 2025-06-30.
// A leave date is the last working day. The denominator is everyone employed during the month (on its
// first day or hired in it), so every leaver is in it:
//   2025-03 Alpha: 1 leaver / 4 = 25.0 %
//   2025-03 Beta:  1 leaver / 5 = 20.0 %
//   2025-06 Beta:  1 leaver / 4 = 25.0 %
const hired = '2020-01-01';
/** A third department with many positions, one leaver each in 2025: the position chart keeps its top 5 and groups the rest. */
const gammaRoles = Array.from({ length: 9 }, (_, i) => `Gamma operations specialist grade ${i + 1}`);
/** The pack's attrition-by-position report: top 5 positions by leavers, the rest as Other. */
const POSITIONS_SHOWN = 5;
const org = {
  departments: [
    { id: 'bt-alpha', name: 'Alpha Sales' },
    { id: 'bt-beta', name: 'Beta R&D' },
    { id: 'bt-gamma', name: 'Gamma Ops' },
  ],
  users: [
    ...['a1', 'a2', 'a3', 'a4'].map((id) => ({ id: `bt-${id}`, name: `Alpha ${id}`, departmentId: 'bt-alpha', position: 'Sales rep', hireDate: hired })),
    ...['b1', 'b2', 'b3', 'b4', 'b5'].map((id) => ({ id: `bt-${id}`, name: `Beta ${id}`, departmentId: 'bt-beta', position: 'Engineer', hireDate: hired })),
  ].map((u) => ({ ...u, ...(u.id === 'bt-a1' ? { leaveDate: '2025-03-15' } : u.id === 'bt-b1' ? { leaveDate: '2025-03-20' } : u.id === 'bt-b2' ? { leaveDate: '2025-06-30' } : {}) }))
    .concat(gammaRoles.flatMap((position, i) => [
      { id: `bt-g${i}-stays`, name: `Gamma ${i} stays`, departmentId: 'bt-gamma', position, hireDate: hired },
      { id: `bt-g${i}-leaves`, name: `Gamma ${i} leaves`, departmentId: 'bt-gamma', position, hireDate: hired, leaveDate: `2025-${String((i % 9) + 1).padStart(2, '0')}-10` },
    ])),
};

/** Every month of 2025 for one of the fixed departments, as the data table shows it. */
function expectedRows(department: 'Alpha Sales' | 'Beta R&D'): string[] {
  const rows: string[] = [];
  for (let m = 1; m <= 12; m++) {
    const month = `2025-${String(m).padStart(2, '0')}`;
    const [leavers, headcount, rate] =
      department === 'Alpha Sales'
        ? m < 3 ? [0, '4', '0.0%'] : m === 3 ? [1, '4', '25.0%'] : [0, '3', '0.0%']
        : m < 3 ? [0, '5', '0.0%'] : m === 3 ? [1, '5', '20.0%'] : m < 6 ? [0, '4', '0.0%'] : m === 6 ? [1, '4', '25.0%'] : [0, '3', '0.0%'];
    rows.push(`${month} | ${department} | ${leavers} | ${headcount} | ${rate}`);
  }
  return rows;
}

/** An offboarding request in the pack's data contract (dates far ahead, so no reminder is due). */
const shanghaiToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

const request = (employeeId: string) => ({
  employeeId,
  type: 'resignation',
  lastWorkingDay: '2030-06-28',
  terminationDate: '2030-06-28',
  reasonCategory: 'career',
  reason: '希望去新的城市发展',
  workItems: [],
  customers: [],
  accounts: [],
  assets: [],
});

/** What the page scripts below use of the browser (this project's tsconfig has no DOM library). */
interface BrowserWindow {
  document: { elementFromPoint(x: number, y: number): object | null };
  getComputedStyle(element: object): { cursor: string };
  sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

/** The text of the data-table cells of the widget's rows, as [[month, department, …], …]. */
async function tableRows(widget: Locator): Promise<string[][]> {
  return widget.locator('.widget-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td[data-column]')].map((td) => td.textContent?.trim() ?? '')));
}

/**
 * Clicks the first bar of a chart as a person would: ECharts turns the cursor into a pointer over a
 * clickable bar, so the mouse sweeps a line just above the x axis until it finds one.
 */
async function clickFirstBar(page: Page, chart: Locator): Promise<void> {
  await chart.scrollIntoViewIfNeeded();
  const box = (await chart.boundingBox())!;
  for (const dy of [40, 60, 90]) {
    const y = box.y + box.height - dy;
    for (let x = box.x + 20; x < box.x + box.width - 10; x += 6) {
      await page.mouse.move(x, y);
      const cursor = await page.evaluate(([px, py]) => {
        const w = globalThis as unknown as BrowserWindow;
        const el = w.document.elementFromPoint(px!, py!);
        return el ? w.getComputedStyle(el).cursor : '';
      }, [x, y]);
      if (cursor === 'pointer') {
        await page.mouse.click(x, y);
        return;
      }
    }
  }
  throw new Error('no clickable bar found in the chart');
}

describe.skipIf(!available)('offboarding dashboard in Chromium', () => {
  let runtime: RunningRuntime;
  let browser: Browser;
  let page: Page;
  let hrToken = '';
  const instanceIds: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startRuntime(), launchChromium()]);
    const call = sceneCaller(runtime.baseUrl, runtime.adminToken);
    const { bundle } = await readPackFolder(PACK_DIR, { demo: true });
    await call('POST', '/packs/import?demo=true', bundle);
    await call('POST', '/directory/import', org);
    // Two offboardings waiting at the manager's approval: two open tasks in the SLA widget.
    for (const employee of ['demo-sales-1', 'demo-sales-2']) {
      const token = await runtime.tokenFor(employee, []);
      const started = await call('POST', '/flows/offboarding/instances', { data: request(employee) }, token);
      instanceIds.push(started.id as string);
    }
    hrToken = await runtime.tokenFor('demo-hr-1', ['hr']);
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
    await context.addInitScript(([token]) => {
      const { sessionStorage } = globalThis as unknown as BrowserWindow;
      if (!sessionStorage.getItem('baton.token')) {
        sessionStorage.setItem('baton.token', token!);
        sessionStorage.setItem('baton.token.user', 'demo-hr-1');
      }
    }, [hrToken]);
    page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  it('HR finds the dashboard in the navigation and sees attrition worked out by hand', async () => {
    await page.goto(`${runtime.baseUrl}/inbox`);
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.waitForURL(/\/dashboard$/);
    await page.getByTestId('widget-attrition-by-department').waitFor();
    // Every widget of the pack's dashboard is there, in the pack's order.
    const widgets = await page.locator('[data-testid^=widget-]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(widgets.slice(0, 4)).toEqual(['widget-attrition-by-department', 'widget-attrition-by-position', 'widget-attrition-by-tenure', 'widget-exit-reasons']);
    expect(widgets).toContain('widget-sla-breaches');
    // With the demo data (directory history and past offboardings) every widget has data on the default period.
    await expect.poll(() => page.locator('[data-testid^=widget-][aria-busy=true]').count(), { timeout: 30_000 }).toBe(0);
    const empty = await page.locator('[data-testid^=widget-]').evaluateAll((els) =>
      els.filter((e) => (e.textContent ?? '').includes('No data for these filters')).map((e) => e.getAttribute('data-testid')));
    expect(empty).toEqual([]);
    expect(await page.locator('[data-testid^=widget-] [data-testid=echart] canvas').count()).toBeGreaterThanOrEqual(widgets.length - 2);

    await page.fill('input[name=from]', '2025-01-01');
    await page.fill('input[name=to]', '2025-12-31');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/from=2025-01-01&to=2025-12-31/);
    const attrition = page.getByTestId('widget-attrition-by-department');
    await attrition.locator('[data-testid=echart] canvas').waitFor();
    await attrition.locator('.widget-table summary').click();
    // Columns: month, department, leavers, headcount in the month, attrition rate; every month of the period.
    const ours = (await tableRows(attrition)).filter((r) => /^(Alpha|Beta)/.test(r[1]!)).map((r) => r.join(' | '));
    expect(ours.sort()).toEqual([...expectedRows('Alpha Sales'), ...expectedRows('Beta R&D')].sort());
    // Alpha has 4 people: its rates are faded, labelled with the head count, and the chart says why.
    const note = attrition.getByTestId('small-group-note');
    expect(await note.innerText()).toContain('fewer than 5 people');
    expect(await note.innerText()).toContain('compare them with care');
    expect(Number(await note.getAttribute('data-count'))).toBeGreaterThanOrEqual(12);
    await page.screenshot({ path: path.join(artifacts, 'dashboard.png'), fullPage: true });
  });

  it('keeps the cycle-time legend whole ("90th percentile (business days)") at 1280 and 1024 px, in English and Chinese', async () => {
    for (const width of [1280, 1024]) {
      for (const locale of ['en', 'zh-CN'] as const) {
        const context = await browser.newContext({ viewport: { width, height: 900 }, locale: locale === 'en' ? 'en-US' : 'zh-CN' });
        await context.addInitScript(([token, lang]) => {
          const { sessionStorage } = globalThis as unknown as BrowserWindow;
          sessionStorage.setItem('baton.token', token!);
          sessionStorage.setItem('baton.token.user', 'demo-hr-1');
          (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('baton.locale', lang!);
        }, [hrToken, locale]);
        const p = await context.newPage();
        await p.goto(`${runtime.baseUrl}/dashboard`);
        const chart = p.getByTestId('widget-cycle-time').getByTestId('echart');
        await chart.locator('canvas').waitFor();
        // The legend is measured with the browser's own font and laid out for the chart's width: nothing cut.
        await expect.poll(() => chart.getAttribute('data-legend-cut')).toBe('false');
        const described = (await chart.getAttribute('aria-label')) ?? '';
        expect(described).toContain(locale === 'en' ? '90th percentile (business days)' : '90 分位（工作日）');
        await chart.screenshot({ path: path.join(artifacts, `dashboard-cycle-time-${width}-${locale}.png`) });
        await context.close();
      }
    }
  });

  it('exports a widget as CSV and a chart as PNG', async () => {
    const attrition = page.getByTestId('widget-attrition-by-department');
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), attrition.getByRole('button', { name: 'CSV' }).click()]);
    expect(csvDownload.suggestedFilename()).toBe('attrition-by-department.csv');
    const csv = fs.readFileSync((await csvDownload.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(csv[0]).toBe('Month,Department,Leavers,Headcount in the month,Attrition rate');
    const leavers = csv.slice(1).map((line) => line.split(',')).filter((cells) => /^(Alpha|Beta)/.test(cells[1]!) && cells[2] !== '0');
    expect(leavers.map((cells) => cells.slice(0, 4))).toEqual([
      ['2025-03-01', 'Alpha Sales', '1', '4'],
      ['2025-03-01', 'Beta R&D', '1', '5'],
      ['2025-06-01', 'Beta R&D', '1', '4'],
    ]);
    expect(Number(leavers[0]![4])).toBe(25);
    const [pngDownload] = await Promise.all([page.waitForEvent('download'), attrition.getByRole('button', { name: 'PNG' }).click()]);
    expect(pngDownload.suggestedFilename()).toBe('attrition-by-department.png');
    const png = fs.readFileSync((await pngDownload.path())!);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.length).toBeGreaterThan(2_000);
  });

  it('draws attrition by position as the top positions and Other: at most N + 1 series, whatever the directory holds', async () => {
    const positions = page.getByTestId('widget-attrition-by-position');
    const chart = positions.getByTestId('echart');
    await chart.locator('canvas').waitFor();
    await positions.locator('.widget-table summary').click();
    const rows = await tableRows(positions);
    // Month, position, …: 2025 has leavers in more positions than the chart keeps (Gamma's nine alone).
    const shown = new Set(rows.map((r) => r[1]!));
    expect(shown.size).toBeLessThanOrEqual(POSITIONS_SHOWN + 1);
    expect(shown).toContain('Other');
    // ECharts' description of the canvas counts the series it draws and names them.
    const described = (await chart.getAttribute('aria-label')) ?? '';
    const count = Number(/consists of (\d+) series/.exec(described)?.[1] ?? 1);
    expect(count).toBeLessThanOrEqual(POSITIONS_SHOWN + 1);
    expect(count).toBeGreaterThan(1);
    expect(described).toContain('representing Other');
    await positions.locator('.widget-table summary').click();
  });

  it('names the leavers, their departments and every step instead of showing ids', async () => {
    // Each offboarding: a short reference (no business key in the demo data: the id's first 8 characters),
    // the leaver's name and department from the directory, the business days.
    const perInstance = page.getByTestId('widget-cycle-time-per-instance');
    await perInstance.locator('.widget-table tbody tr').first().waitFor();
    const rows = await tableRows(perInstance);
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.flat().filter((text) => /[0-9a-f]{8}-[0-9a-f]{4}-/i.test(text))).toEqual([]);
    expect(rows.filter((r) => !/^[0-9a-f]{8}$/.test(r[0]!) || /^(demo-|bt-)/.test(r[1]!) || /^(demo-|bt-)/.test(r[2]!) || r[1] === '(none)')).toEqual([]);
    // demo-leaver-015 of the pack's demo directory.
    expect(rows.map((r) => r[1])).toContain('李伟');
    // The drill-down link of a row still leads to that offboarding.
    expect(await perInstance.locator('.widget-table tbody tr').first().getByRole('button').count()).toBe(1);
    const [download] = await Promise.all([page.waitForEvent('download'), perInstance.getByRole('button', { name: 'CSV' }).click()]);
    const csv = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n').map((line) => line.split(','));
    expect(csv[0]).toEqual(['Offboarding', 'Offboarding (ID)', 'Employee', 'Employee (ID)', 'Department', 'Business days']);
    const leaver = csv.find((cells) => cells[3] === 'demo-leaver-015')!;
    expect(leaver[2]).toBe('李伟');
    expect(leaver[1]).toMatch(/^[0-9a-f]{8}-/);
    expect(leaver[0]).toBe(leaver[1]!.slice(0, 8));

    // Every step of the SLA widget's data table is named on its chart: ECharts' aria description lists the
    // categories it draws (the axis shows each one: horizontal bars, no label skipped).
    const sla = page.getByTestId('widget-sla-breaches');
    await sla.locator('.widget-table summary').click();
    const steps = (await tableRows(sla)).map((r) => r[0]!);
    expect(steps.length).toBeGreaterThan(4);
    expect(steps.filter((step) => /^[a-z]+(-[a-z]+)+$/.test(step))).toEqual([]);
    const described = (await sla.getByTestId('echart').getAttribute('aria-label')) ?? '';
    expect(steps.filter((step) => !described.includes(`the data for ${step} is`))).toEqual([]);
    await sla.locator('.widget-table summary').click();
  });

  it('filters by department: only Beta is left, task-based widgets included', async () => {
    await page.selectOption('select[name=department]', 'bt-beta');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/department=bt-beta/);
    const attrition = page.getByTestId('widget-attrition-by-department');
    await expect.poll(async () => (await tableRows(attrition)).map((r) => r.join(' | '))).toEqual(expectedRows('Beta R&D'));
    // Beta has no offboardings: the SLA widget, filtered by the leaver's department too, is empty.
    await expect.poll(() => page.getByTestId('widget-sla-breaches').textContent()).toContain('No data for these filters');
    expect(await page.getByTestId('widget-sla-breaches').textContent()).not.toContain('does not apply');
  });

  it('a period without leavers shows the empty state, not lines of zeros; "To" before "From" is refused', async () => {
    // 2019: the demo's long-serving people are employed (headcount), nobody leaves.
    await page.goto(`${runtime.baseUrl}/dashboard?from=2019-01-01&to=2019-12-31`);
    for (const key of ['attrition-by-department', 'attrition-by-position', 'attrition-by-tenure']) {
      const widget = page.getByTestId(`widget-${key}`);
      await expect.poll(() => widget.textContent()).toContain('No leavers in this period');
      expect(await widget.getByTestId('echart').count()).toBe(0);
    }
    // The date pickers: an end before the start says why and cannot be applied.
    await page.fill('input[name=from]', '2025-06-01');
    await page.fill('input[name=to]', '2025-03-31');
    await expect.poll(() => page.getByTestId('dashboard-range-error').textContent()).toContain('"To" cannot be before "From"');
    expect(await page.getByRole('button', { name: 'Apply' }).isDisabled()).toBe(true);
    expect(await page.locator('input[name=to]').getAttribute('min')).toBe('2025-06-01');
    await page.fill('input[name=to]', '2025-06-30');
    expect(await page.getByTestId('dashboard-range-error').count()).toBe(0);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/from=2025-06-01&to=2025-06-30/);
    // An address with the dates inverted (a bookmark) says the same instead of charting "no data".
    await page.goto(`${runtime.baseUrl}/dashboard?from=2025-06-01&to=2025-03-31`);
    await page.getByTestId('dashboard-range-error').waitFor();
    expect(await page.locator('[data-testid^=widget-]').count()).toBe(0);
  });

  it('clicks a bar to list the offboardings behind it and opens one on its timeline', async () => {
    // From today: the two offboardings started here, not the demo seed's past ones.
    await page.goto(`${runtime.baseUrl}/dashboard?from=${shanghaiToday()}`);
    const sla = page.getByTestId('widget-sla-breaches');
    const chart = sla.getByTestId('echart');
    await chart.locator('canvas').waitFor();
    await clickFirstBar(page, chart);
    const drill = sla.getByTestId('drill-panel');
    await drill.locator('tbody tr').first().waitFor();
    const links = drill.getByRole('link', { name: 'Open' });
    expect(await links.count()).toBe(2);
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.map((h) => h!.split('/').pop()).sort()).toEqual([...instanceIds].sort());
    await links.first().click();
    await page.waitForURL(/\/instances\//);
    await page.getByTestId('instance-page').waitFor();
    await page.getByTestId('timeline').waitFor();
  });

  it('shows the dashboard in Chinese, and nobody without HR sees it in the navigation', async () => {
    await page.goto(`${runtime.baseUrl}/dashboard?from=2025-01-01&to=2025-12-31`);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await page.getByRole('heading', { name: '离职分析' }).waitFor();
    await page.getByRole('heading', { name: '各部门月度离职率' }).waitFor();
    await expect.poll(async () => (await page.getByTestId('widget-attrition-by-position').getByTestId('echart').getAttribute('aria-label')) ?? '').toContain('其他');
    expect(await page.getByTestId('widget-attrition-by-department').getByTestId('small-group-note').innerText()).toContain('不足 5 人');
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');

    const employee = await runtime.tokenFor('demo-sales-3', []);
    const other = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    await other.addInitScript(([token]) => {
      const { sessionStorage } = globalThis as unknown as BrowserWindow;
      sessionStorage.setItem('baton.token', token!);
      sessionStorage.setItem('baton.token.user', 'demo-sales-3');
    }, [employee]);
    const p2 = await other.newPage();
    await p2.goto(`${runtime.baseUrl}/inbox`);
    await p2.getByRole('link', { name: 'Inbox' }).first().waitFor();
    expect(await p2.getByRole('link', { name: 'Dashboard' }).count()).toBe(0);
    // Opening the address anyway shows one "not for your role" page and asks for no report at all.
    const reportCalls: string[] = [];
    p2.on('request', (r) => { if (/\/api\/(reports|definitions)/.test(r.url())) reportCalls.push(r.url()); });
    await p2.goto(`${runtime.baseUrl}/dashboard`);
    await p2.getByTestId('dashboard-not-for-role').getByRole('heading', { name: 'The dashboard is not available to your role' }).waitFor();
    expect(await p2.getByText('You may not see this report').count()).toBe(0);
    expect(reportCalls).toEqual([]);
    await other.close();
    expect(problems).toEqual([]);
  });
});
