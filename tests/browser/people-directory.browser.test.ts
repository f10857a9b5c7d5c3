import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from './harness/api.js';
import { hasChromium, skipNotice } from './harness/browser-env.js';
import { demoSignIn, startDemoPackRuntime } from './harness/demo-pack.js';
import { saveScreenshot, sessionPage } from './harness/pages.js';
import { startRuntime, type RunningRuntime } from './harness/runtime-server.js';

const available = hasChromium();
if (!available) console.log(skipNotice());

/** The names in the people table, in order. */
const rowIds = (page: Page) => page.locator('[data-testid=people-table] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-person-id')));

async function search(page: Page, text: string): Promise<void> {
  await page.getByTestId('people-search').fill(text);
  await expect.poll(() => page.url()).toContain(`q=${encodeURIComponent(text).replace(/%20/g, '+')}`);
}

async function pickFile(page: Page, name: string, csv: string): Promise<void> {
  await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await page.getByTestId('import-preview').waitFor();
}

/** Clicks Export CSV and reads the download: checks the byte-order mark and returns its lines. */
async function exportedCsv(page: Page): Promise<string[]> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('people-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^people-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = fs.readFileSync((await download.path())!, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  return text.slice(1).trimEnd().split('\r\n');
}

// HR's people page (designer/src/workspace/people-directory) on the demo pack: search, department filter,
// a person's panel, a CSV import with a preview, problems by line before sending and after the server refuses.
describe.skipIf(!available)('people directory (HR) in Chromium', () => {
  let runtime: RunningRuntime;
  let browser: Browser;
  const problems: string[] = [];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ({ runtime, browser } = await startDemoPackRuntime());
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await runtime?.stop();
  });

  it('HR finds people by name and department and opens one', async () => {
    const page = await demoSignIn(browser, runtime.baseUrl, 'demo-hr-1', problems, contexts, { consoleErrors: true });
    await page.getByRole('link', { name: 'People' }).click();
    await page.waitForURL(/\/people$/);
    await page.getByTestId('people-table').waitFor();
    expect(await page.getByTestId('people-table').locator('thead').innerText()).toMatch(/Name\s+Department\s+Position\s+Manager\s+Roles\s+Hire date/);

    await search(page, '杨磊');
    await expect.poll(() => rowIds(page)).toEqual(['demo-eng-director']);
    const row = page.locator('tr[data-person-id=demo-eng-director]');
    expect(await row.innerText()).toContain('研发部');
    expect(await row.innerText()).toContain('周建国'); // the manager, by name

    await search(page, 'nobody-like-this');
    await page.getByText('No one matches').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByTestId('people-department').selectOption('demo-hr');
    await expect.poll(async () => (await rowIds(page)).slice(0, 50)).toEqual(expect.arrayContaining(['demo-hr-1', 'demo-hr-2']));
    const departments = await page.locator('[data-testid=people-table] tbody tr td:nth-child(2)').allInnerTexts();
    expect(new Set(departments)).toEqual(new Set(['人力资源部']));
    expect(await page.locator('tr[data-person-id=demo-hr-1]').innerText()).toContain('HR');

    await page.getByRole('button', { name: 'Open 周杰', exact: true }).click();
    const detail = page.getByTestId('person-detail');
    await detail.getByRole('heading', { name: '周杰' }).waitFor();
    expect(await detail.getByTestId('person-roles').innerText()).toBe('HR');
    const facts = await detail.innerText();
    expect(facts).toContain('人力资源部');
    expect(facts).toContain('jobFamily');
    // The manager opens their own panel, by name.
    const manager = detail.getByTestId('person-manager').getByRole('button');
    const managerName = await manager.innerText();
    await manager.click();
    await detail.getByRole('heading', { name: managerName }).waitFor();
    await saveScreenshot(page, 'people-directory-detail');
  });

  it('imports a CSV after a preview, shows problems by line, and lists the new person', async () => {
    const page = await demoSignIn(browser, runtime.baseUrl, 'demo-hr-1', problems, contexts, { consoleErrors: true });
    await page.goto(`${runtime.baseUrl}/people`);
    await page.getByTestId('open-import').click();
    await page.getByTestId('csv-columns-help').locator('summary').click();
    expect(await page.getByTestId('csv-columns-help').innerText()).toContain('managerId');

    // A problem the page finds itself: a manager nobody has, named on its line and column.
    await pickFile(page, 'bad.csv', 'id,name,department,managerId\nnew-a,New A,研发部,demo-eng-director\nnew-b,New B,研发部,ghost\n');
    expect(await page.locator('[data-testid=import-problems] tbody tr').evaluateAll((rows) => rows.map((r) => (r as unknown as { innerText: string }).innerText.split('\t').slice(0, 2)))).toEqual([['3', 'managerId']]);
    expect(await page.getByTestId('import-confirm').isDisabled()).toBe(true);

    // One only the directory can find (a manager cycle), in the same preview: the server's dry run checks the
    // whole file before anything is sent for real, its JSON Pointers shown as the file's lines.
    await pickFile(page, 'cycle.csv', 'id,name,managerId\r\ncycle-a,Cycle A,cycle-b\r\ncycle-b,Cycle B,cycle-a\r\n');
    const found = page.getByTestId('import-problems');
    expect(await found.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-line')))).toEqual(['2', '3']);
    expect(await found.innerText()).toContain('BATON_E_DIRECTORY_CYCLE');
    expect(await page.getByTestId('import-confirm').isDisabled()).toBe(true);
    // The preview wrote nothing.
    expect((await api(runtime.baseUrl, runtime.adminToken, 'GET', '/directory/users?id=cycle-a&include=all')).body).toMatchObject({ items: [] });

    const csv = ['工号,姓名,邮箱,部门,职位,上级工号,角色,入职日期', 'new-hire-1,林新人,lin@example.com,研发部,工程师,demo-eng-director,it|hr,2026/1/5', 'demo-eng-1,赵强,,研发部,高级工程师,demo-eng-director,,2018-03-01'].join('\n');
    await pickFile(page, 'people.csv', csv);
    expect(await page.getByTestId('preview-people').innerText()).toBe('People: 1 new, 1 updated');
    expect(await page.getByTestId('import-problems').count()).toBe(0);
    // What changes, by line: the new person, and the columns that change for the one already there.
    const changes = page.getByTestId('preview-changes');
    await changes.locator('summary').click();
    const changed = await changes.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-line'), r.getAttribute('data-action'), (r as unknown as { innerText: string }).innerText]));
    expect(changed.map(([line, action]) => [line, action])).toEqual([['2', 'insert'], ['3', 'update']]);
    expect(changed[1]![2]).toContain('职位');
    expect(changed[1]![2]).not.toContain('姓名');
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-done').waitFor();
    expect(await page.getByTestId('import-done').innerText()).toContain('People: 1 added, 1 updated');

    await search(page, '林新人');
    await expect.poll(() => rowIds(page)).toEqual(['new-hire-1']);
    const row = await page.locator('tr[data-person-id=new-hire-1]').innerText();
    for (const text of ['研发部', '工程师', '杨磊', 'IT', 'HR', '2026-01-05']) expect(row).toContain(text);
    // The updated person kept what the file had no column for (attributes).
    await search(page, 'demo-eng-1');
    await page.getByRole('button', { name: 'Open 赵强', exact: true }).click();
    const detail = page.getByTestId('person-detail');
    await detail.getByRole('heading', { name: '赵强' }).waitFor();
    expect(await detail.innerText()).toContain('高级工程师');
    expect(await detail.getByTestId('person-attributes').innerText()).toContain('jobFamily');
    await saveScreenshot(page, 'people-directory-import');
  });

  it("filters by status, counts every match, and shows the server's status in a panel opened by link", async () => {
    const lastDay = `${new Date().getUTCFullYear() + 1}-03-31`;
    const people = { users: [{ id: 'leaving-1', name: '沈将离', leaveDate: lastDay }, { id: 'gone-1', name: 'Gu Gone', leaveDate: '2020-01-31' }] };
    expect((await api(runtime.baseUrl, runtime.adminToken, 'POST', '/directory/import', people)).status).toBe(200);
    const page = await demoSignIn(browser, runtime.baseUrl, 'demo-hr-1', problems, contexts, { consoleErrors: true });

    // Someone who left is not in the default list; opened by link, the panel still says so (the server's status).
    await page.goto(`${runtime.baseUrl}/people?person=gone-1`);
    const detail = page.getByTestId('person-detail');
    await detail.getByRole('heading', { name: 'Gu Gone' }).waitFor();
    expect(await detail.getByTestId('person-status').innerText()).toBe('Left');
    expect(await page.locator('tr[data-person-id=gone-1]').count()).toBe(0);
    // The first page says how many people match in all.
    expect(await page.getByTestId('people-count').innerText()).toMatch(/^Showing 30 of (\d+) people: load more/);
    const everyone = Number(/of (\d+)/.exec(await page.getByTestId('people-count').innerText())![1]);
    expect(everyone).toBeGreaterThan(30);

    await page.getByTestId('people-show').selectOption('leaving');
    await expect.poll(() => rowIds(page)).toEqual(['leaving-1']);
    expect(await page.locator('tr[data-person-id=leaving-1] [data-presence]').innerText()).toBe(`Leaving ${lastDay}`);
    await page.getByRole('button', { name: 'Open 沈将离', exact: true }).click();
    await detail.getByRole('heading', { name: '沈将离' }).waitFor();
    expect(await detail.getByTestId('person-status').innerText()).toBe(`Leaving ${lastDay}`);

    await page.getByTestId('people-show').selectOption('left');
    await expect.poll(async () => (await rowIds(page)).includes('gone-1')).toBe(true);
    expect(await page.locator('[data-testid=people-table] [data-presence]').evaluateAll((badges) => [...new Set(badges.map((b) => b.getAttribute('data-presence')))])).toEqual(['left']);
    expect(page.url()).toContain('show=left');
    // The export is the list as filtered, every page: only people who left, English headers, a BOM.
    const left = await exportedCsv(page);
    expect(left[0]).toBe('ID,Name,Department ID,Department,Position,Manager ID,Manager,Roles,Hire date,Leave date,Status');
    expect(left.slice(1).map((line) => line.split(',')[0])).toContain('gone-1');
    expect(new Set(left.slice(1).map((line) => line.split(',').at(-1)))).toEqual(new Set(['Left']));
    await search(page, 'leaving-1');
    await page.getByText('No one matches').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => page.url()).not.toContain('show=');
    await expect.poll(() => page.getByTestId('people-count').innerText()).toBe(`Showing 30 of ${everyone} people: load more to see the rest`);
    // Everyone present, not only the 30 loaded.
    expect(await exportedCsv(page)).toHaveLength(1 + everyone);
    await saveScreenshot(page, 'people-directory-status');
  });

  it('says in Chinese when a search finds nobody, and how many people there are', async () => {
    const page = await sessionPage(browser, await runtime.tokenFor('hr-zh', ['hr']), 'hr-zh', problems, { locale: 'zh-CN' });
    contexts.push(page.context());
    await page.goto(`${runtime.baseUrl}/people`);
    expect(await page.getByTestId('people-count').innerText()).toMatch(/^已显示 30 人，共 \d+ 人/);
    // Exported in the page's language: headers the CSV import reads back.
    expect((await exportedCsv(page))[0]).toBe('工号,姓名,部门编号,部门,职位,上级工号,上级,角色,入职日期,离职日期,状态');
    await search(page, '查无此人');
    await page.getByText('没有匹配的人员').waitFor();
    expect(await page.getByText('在当前筛选条件下没有人匹配“查无此人”').count()).toBe(1);
    await page.getByTestId('people-search').fill('');
    await page.getByTestId('people-show').selectOption('inactive');
    await page.getByText('目前没有被停用的人员。').waitFor();
  });

  it('is neither listed nor open for people without the HR role', async () => {
    const page = await demoSignIn(browser, runtime.baseUrl, 'demo-sales-1', problems, contexts);
    expect(await page.getByRole('link', { name: 'People' }).count()).toBe(0);
    await page.goto(`${runtime.baseUrl}/people`);
    await page.getByTestId('need-hr-role').waitFor();
  });

  it('says in Chinese that nobody is imported yet on an empty directory, and offers the import', async () => {
    const empty = await startRuntime();
    try {
      const page = await sessionPage(browser, await empty.tokenFor('hr-x', ['hr']), 'hr-x', problems, { locale: 'zh-CN' });
      contexts.push(page.context());
      await page.goto(`${empty.baseUrl}/people`);
      await page.getByText('尚未导入任何人员').waitFor();
      await page.getByRole('link', { name: '人员' }).waitFor();
      await page.getByRole('button', { name: '导入文件' }).click();
      await pickFile(page, 'one.csv', 'id,name,department,departmentId\nfirst,First Person,Ops,ops\n');
      expect(await page.getByTestId('preview-people').innerText()).toBe('人员：新增 1，更新 0');
      expect(await page.getByTestId('preview-departments').innerText()).toBe('部门：新增 1，更新 0');
      await page.getByTestId('import-confirm').click();
      await page.getByTestId('import-done').waitFor();
      await expect.poll(() => rowIds(page)).toEqual(['first']);
      expect(await page.getByTestId('people-count').innerText()).toBe('共显示 1 人');
    } finally {
      await empty.stop();
    }
  });

  it('had no script errors', () => {
    expect(problems).toEqual([]);
  });
});
