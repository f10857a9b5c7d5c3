import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from './harness/api.js';
import { hasChromium, launchChromium, skipNotice } from './harness/browser-env.js';
import { startRuntime, type RunningRuntime } from './harness/runtime-server.js';
import { saveScreenshot, sessionPage } from './harness/pages.js';
import { approvalFlow, sceneCaller, t } from './harness/scene.js';

const available = hasChromium();
if (!available) console.log(skipNotice());

// The person field's picker (designer/src/workspace/people): a search of the directory as one types,
// keyboard navigable, showing department, only people still here, the chosen person's name for a stored id
// (tagged when they have left since) — also for a caller without HR's right to read people's full records —
// and the empty state in both languages.
describe.skipIf(!available)('person picker in Chromium', () => {
  let runtime: RunningRuntime;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startRuntime(), launchChromium()]);
    const call = sceneCaller(runtime.baseUrl, runtime.adminToken);
    await call('POST', '/directory/import', {
      departments: [{ id: 'd-eng', name: 'Engineering' }, { id: 'd-fin', name: 'Finance' }],
      users: [
        { id: 'ann', name: 'Ann Applicant', departmentId: 'd-eng' },
        { id: 'mgr', name: 'Meng Manager', departmentId: 'd-eng' },
        { id: 'chen-1', name: 'Chen Jing', departmentId: 'd-eng', position: 'Engineer' },
        { id: 'chen-2', name: 'Chen Jing', departmentId: 'd-fin', position: 'Accountant' },
        { id: 'chen-3', name: 'Chen Long', departmentId: 'd-fin', active: false },
      ],
    });
    await call('POST', '/definitions', {
      kind: 'form',
      key: 'cover',
      title: t('Cover request', '代班申请'),
      fields: [{ key: 'coverId', type: 'user', label: t('Who covers', '代班人'), required: true }],
    });
    await call('POST', '/definitions/form/cover/publish', {});
    await call('POST', '/definitions', approvalFlow({ key: 'cover', title: t('Cover', '代班'), form: 'cover' }, { name: t('Approval', '审批'), approverId: 'mgr' }));
    await call('POST', '/definitions/flow/cover/publish', {});
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  it('finds people as one types, moves with the arrows, chooses with Enter and shows names for stored ids', async () => {
    const page = await signedIn(browser, runtime, 'ann', 'en-US', problems);
    await page.goto(`${runtime.baseUrl}/start?flow=cover`);
    const input = page.locator('#start_coverId');
    await input.waitFor({ timeout: 15_000 });
    expect(await input.getAttribute('role')).toBe('combobox');

    // Two people share a name: the department and position tell them apart; Chen Long, who left, is not offered.
    await input.fill('chen');
    const options = page.locator('#start_coverId-people [role=option]');
    await expect.poll(() => options.count(), { timeout: 10_000 }).toBe(2);
    expect(await options.allTextContents()).toEqual([
      expect.stringMatching(/^Chen Jing.*Engineering · Engineer · chen-1$/),
      expect.stringMatching(/^Chen Jing.*Finance · Accountant · chen-2$/),
    ]);
    await saveScreenshot(page, 'person-picker-open');

    // The first match is highlighted; the arrows move (and wrap), Enter chooses.
    const active = () => input.getAttribute('aria-activedescendant');
    expect(await active()).toBe('start_coverId-person-0');
    await input.press('ArrowDown');
    expect(await active()).toBe('start_coverId-person-1');
    await input.press('ArrowUp');
    expect(await active()).toBe('start_coverId-person-0');
    await input.press('ArrowUp');
    expect(await active()).toBe('start_coverId-person-1');
    await input.press('Enter');
    await expect.poll(() => input.getAttribute('data-value')).toBe('chen-2');
    await expect.poll(() => input.inputValue()).toBe('Chen Jing');
    expect(await input.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByTestId('start_coverId-name').textContent()).toContain('Finance');

    // Escape gives up a new search and puts the chosen name back.
    await input.fill('meng');
    await page.getByTestId('start_coverId-option-mgr').waitFor({ timeout: 10_000 });
    await input.press('Escape');
    expect(await input.inputValue()).toBe('Chen Jing');
    expect(await input.getAttribute('data-value')).toBe('chen-2');

    await page.getByTestId('start-submit').click();
    await page.waitForURL(/\/instances\//, { timeout: 15_000 });
    const instanceId = decodeURIComponent(page.url().split('/instances/')[1]!.split(/[?#]/)[0]!);
    const inst = await api<{ data: Record<string, unknown>; initiator: string }>(runtime.baseUrl, runtime.adminToken, 'GET', `/instances/${instanceId}`);
    expect(inst.body.data).toMatchObject({ coverId: 'chen-2' });
    // Ann is no HR: she starts as herself, with no "on behalf of" offered.
    expect(inst.body.initiator).toBe('ann');

    // The approver may not read Chen's full record (GET /directory/users/:id is HR's), yet sees the name.
    const mgr = await signedIn(browser, runtime, 'mgr', 'en-US', problems);
    await mgr.goto(`${runtime.baseUrl}/inbox`);
    const row = mgr.locator('[data-testid^=task-row-]');
    await row.first().waitFor({ timeout: 15_000 });
    await row.first().getByRole('link').click();
    const shown = mgr.locator('#task_coverId');
    await shown.waitFor({ timeout: 15_000 });
    await expect.poll(() => shown.inputValue(), { timeout: 10_000 }).toBe('Chen Jing');
    expect(await mgr.getByTestId('task_coverId-name').textContent()).toContain('chen-2');
    expect(problems).toEqual([]);
  });

  it('says when nobody matches, in Chinese too, and offers HR "on behalf of" following the person field', async () => {
    const page = await signedIn(browser, runtime, 'hr1', 'zh-CN', problems, ['hr']);
    await page.goto(`${runtime.baseUrl}/start?flow=cover`);
    const input = page.locator('#start_coverId');
    await input.waitFor({ timeout: 15_000 });
    await input.fill('不存在');
    expect(await page.getByTestId('start_coverId-no-match').textContent({ timeout: 10_000 })).toBe('无匹配人员');
    await input.fill('ann');
    await page.getByTestId('start_coverId-option-ann').click({ timeout: 10_000 });
    const onBehalf = page.locator('#start-on-behalf');
    await expect.poll(() => onBehalf.getAttribute('data-value'), { timeout: 10_000 }).toBe('ann');
    await expect.poll(() => onBehalf.inputValue(), { timeout: 10_000 }).toBe('Ann Applicant');
    // Cleared: HR starts the request as themself.
    await page.getByTestId('on-behalf').getByRole('button', { name: '清除所选人员' }).click();
    expect(await onBehalf.getAttribute('data-value')).toBe('');
    await page.getByTestId('start-submit').click();
    await page.waitForURL(/\/instances\//, { timeout: 15_000 });
    const instanceId = decodeURIComponent(page.url().split('/instances/')[1]!.split(/[?#]/)[0]!);
    const inst = await api<{ initiator: string; subjectId: string | null }>(runtime.baseUrl, runtime.adminToken, 'GET', `/instances/${instanceId}`);
    expect(inst.body).toMatchObject({ initiator: 'hr1', subjectId: 'ann' });
    expect(problems).toEqual([]);
  });

  it('delegates a task to a person found by name, who then has it', async () => {
    const call = sceneCaller(runtime.baseUrl, runtime.adminToken);
    const started = (await call('POST', '/flows/cover/instances', { data: { coverId: 'ann' } })) as { id: string };
    const page = await signedIn(browser, runtime, 'mgr', 'zh-CN', problems);
    const open = await api<{ items: Array<{ id: string }> }>(runtime.baseUrl, await runtime.tokenFor('mgr', []), 'GET', `/tasks?mine=true&status=open&instanceId=${started.id}`);
    const taskId = open.body.items[0]!.id;
    await page.goto(`${runtime.baseUrl}/tasks/${encodeURIComponent(taskId)}`);
    await page.getByTestId('action-delegate').click({ timeout: 15_000 });
    // Labelled in Chinese, found by name: no user id to type.
    const input = page.getByLabel('委托给');
    await input.fill('chen');
    const chen2 = page.getByTestId('action-person-0-option-chen-2');
    await chen2.waitFor({ timeout: 10_000 });
    // Escape closes the list, not the dialog around it.
    await input.press('Escape');
    expect(await chen2.count()).toBe(0);
    expect(await page.locator('dialog[open]').count()).toBe(1);
    await input.fill('chen jing');
    await chen2.click({ timeout: 10_000 });
    await expect.poll(() => input.inputValue()).toBe('Chen Jing');
    await page.getByTestId('confirm-action').click();

    const chen = await runtime.tokenFor('chen-2', []);
    const tasks = () => api<{ items: Array<{ id: string; assignees: string[] }> }>(runtime.baseUrl, chen, 'GET', `/tasks?mine=true&status=open&instanceId=${started.id}`);
    await expect.poll(async () => (await tasks()).body.items.map((task) => task.assignees), { timeout: 10_000 }).toEqual([['chen-2']]);
    expect(problems).toEqual([]);
  });

  it('tags a stored value whose person has left since, and does not offer them any more', async () => {
    const call = sceneCaller(runtime.baseUrl, runtime.adminToken);
    const started = (await call('POST', '/flows/cover/instances', { data: { coverId: 'chen-1' } })) as { id: string };
    await call('POST', '/directory/import', { users: [{ id: 'chen-1', name: 'Chen Jing', departmentId: 'd-eng', position: 'Engineer', leaveDate: '2020-01-31' }] });
    const page = await signedIn(browser, runtime, 'mgr', 'zh-CN', problems);
    const open = await api<{ items: Array<{ id: string }> }>(runtime.baseUrl, await runtime.tokenFor('mgr', []), 'GET', `/tasks?mine=true&status=open&instanceId=${started.id}`);
    await page.goto(`${runtime.baseUrl}/tasks/${encodeURIComponent(open.body.items[0]!.id)}`);
    const tag = page.getByTestId('task_coverId-presence');
    await tag.waitFor({ timeout: 15_000 });
    expect(await tag.getAttribute('data-status')).toBe('left');
    expect(await tag.getAttribute('title')).toContain('2020-01-31');
    expect(await tag.textContent()).toContain('已离职');
    await page.getByTestId('action-delegate').click({ timeout: 15_000 });
    const input = page.getByLabel('委托给');
    await input.fill('chen');
    await page.getByTestId('action-person-0-option-chen-2').waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid^=action-person-0-option-]').count()).toBe(1);
    expect(problems).toEqual([]);
  });
});

/** A page signed in as `userId` (a token minted with `roles`) in `locale`. */
async function signedIn(browser: Browser, runtime: RunningRuntime, userId: string, locale: string, problems: string[], roles: string[] = []): Promise<Page> {
  return sessionPage(browser, await runtime.tokenFor(userId, roles), userId, problems, { locale, viewport: { width: 1200, height: 900 } });
}
