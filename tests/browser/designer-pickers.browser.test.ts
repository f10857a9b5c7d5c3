import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from './harness/api.js';
import { hasChromium, launchChromium, skipNotice } from './harness/browser-env.js';
import { saveScreenshot, sessionPage } from './harness/pages.js';
import { startRuntime, type RunningRuntime } from './harness/runtime-server.js';
import { noteKitPack, sceneCaller, t } from './harness/scene.js';

const available = hasChromium();
if (!available) console.log(skipNotice());

const gateOf = { none: [{ var: 'devices' }, { '!': { var: 'returned' } }] };

// What a business analyst picks instead of typing, in real Chromium against the real runtime: a rule to-do's
// fallback people and roles from the directory, a task's gate as checklist rows (with errors at the field and
// a JSON escape hatch), roles, connectors and pack parameters from lists; /build guarded for non-designers;
// a failed roles request shows an error with a retry instead of "Loading…" forever.
describe.skipIf(!available)('designer pickers in Chromium', () => {
  let runtime: RunningRuntime;
  let browser: Browser;
  const problems: string[] = [];
  const pages: Page[] = [];

  const open = async (token: string, userId: string) => {
    const page = await sessionPage(browser, token, userId, problems);
    pages.push(page);
    return page;
  };
  const waitSaved = (page: Page) => page.waitForSelector('[data-testid=save-status][data-state=saved]', { timeout: 15_000 });
  /** The newest draft's body as the server stores it. */
  const draftBody = async (kind: string, key: string) => {
    const list = await api<{ items: Array<{ version: number; status: string }> }>(runtime.baseUrl, runtime.adminToken, 'GET', `/definitions?kind=${kind}&key=${key}`);
    const version = Math.max(...list.body.items.map((i) => i.version));
    return (await api<{ body: Record<string, unknown> }>(runtime.baseUrl, runtime.adminToken, 'GET', `/definitions/${kind}/${key}?version=${version}`)).body.body;
  };

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startRuntime(), launchChromium()]);
    const call = sceneCaller(runtime.baseUrl, runtime.adminToken);
    await call('POST', '/directory/import', {
      users: [
        { id: 'ann', name: 'Ann Analyst', roles: ['designer'] },
        { id: 'lee', name: 'Lee Lead', roles: ['it-lead'] },
        { id: 'sam', name: 'Sam Staff', roles: ['manager'] },
      ],
    });
    await call('POST', '/definitions', {
      kind: 'form', key: 'clearance', title: t('Clearance', '离职清单'),
      fields: [
        { key: 'settled', type: 'boolean', label: t('Settled', '已结算') },
        { key: 'lastDay', type: 'date', label: t('Last day', '最后工作日') },
        { key: 'devices', type: 'sub-table', label: t('Devices', '设备'), fields: [{ key: 'tag', type: 'text', label: t('Tag', '编号') }, { key: 'returned', type: 'boolean', label: t('Returned', '已归还') }] },
      ],
    });
    await call('POST', '/definitions/form/clearance/publish', {});
    await call('POST', '/definitions', {
      kind: 'flow', key: 'clearance', title: t('Clearance', '离职清单'), form: 'clearance',
      nodes: [
        { id: 'start', type: 'start', name: t('Start', '开始'), position: { x: 0, y: 0 } },
        { id: 'collect', type: 'task', name: t('Collect devices', '收回设备'), config: { assignees: [{ kind: 'role', role: 'it' }], gate: gateOf }, position: { x: 260, y: 0 } },
        { id: 'end', type: 'end', name: t('Done', '结束'), position: { x: 520, y: 0 } },
      ],
      edges: [{ id: 'e1', from: 'start', to: 'collect' }, { id: 'e2', from: 'collect', to: 'end' }],
    });
    await call('POST', '/definitions', {
      kind: 'rule', key: 'laptop-todo', title: t('Laptop to-do', '电脑待办'), trigger: { type: 'flow-started' },
      actions: [{ type: 'create-task', params: { title: t('Collect the laptop', '收回电脑'), assignees: [{ kind: 'role', role: 'it' }] } }],
    });
    await call('POST', '/definitions', {
      kind: 'rule', key: 'reminder', title: t('Reminder', '提醒'), scope: { form: 'clearance' },
      trigger: { type: 'date-offset', config: { field: 'lastDay', offset: { param: 'reminderDays', negate: true }, unit: 'days', at: '09:00' } },
      actions: [{ type: 'create-task', params: { title: t('Remind', '提醒'), assignees: [{ kind: 'role', role: 'hr' }] } }],
    });
    await call('PUT', '/connectors/hr-hook', { type: 'webhook', config: { baseUrl: 'http://127.0.0.1:9/hook' }, secrets: { signingSecret: 'whsec_' + Buffer.from('browser-test-secret-0123456789').toString('base64') } });
    await call('POST', '/packs/import', noteKitPack('leave-kit', [{ key: 'reminderDays', label: t('Reminder days', '提醒天数'), type: 'integer', default: 3 }]));
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  it('shows people who may not design a clear "you need the designer role" page at /build', async () => {
    const page = await open(await runtime.tokenFor('sam', ['manager']), 'sam');
    await page.goto(`${runtime.baseUrl}/build`);
    const guard = page.getByTestId('need-designer-role');
    await guard.waitFor();
    expect(await guard.locator('h1').textContent()).toBe('You need the designer role');
    expect(await guard.textContent()).toContain('Your roles: manager');
    await page.goto(`${runtime.baseUrl}/build/flow/clearance`);
    await guard.waitFor();
    expect(await page.getByTestId('flow-canvas').count()).toBe(0);
    // Packs are the designers' and admins' too (the API refuses others): the same page, not a raw 403.
    await page.goto(`${runtime.baseUrl}/packs`);
    await guard.waitFor();
    expect(await guard.textContent()).toContain('/packs');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await expect.poll(() => guard.locator('h1').textContent()).toBe('你需要设计者角色');
    await guard.getByRole('link').click();
    await page.waitForURL(/\/inbox$/);
  });

  it('shows an error with a retry when the roles request fails, and the home page after the retry', async ({ onTestFailed }) => {
    const page = await open(runtime.adminToken, 'admin');
    onTestFailed(() => saveScreenshot(page, 'failure-pickers-roles'));
    let failing = true;
    await page.route('**/api/auth/me', async (route) => {
      if (failing) return route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'BATON_E_DATABASE_UNAVAILABLE', message: 'The database is not answering.', path: '' } }) });
      return route.continue();
    });
    await page.goto(`${runtime.baseUrl}/`);
    const failed = page.getByTestId('roles-failed');
    await failed.waitFor();
    expect(await failed.locator('.error-code').textContent()).toBe('BATON_E_DATABASE_UNAVAILABLE');
    expect(await page.getByRole('link', { name: 'Build' }).count()).toBe(0);
    failing = false;
    await failed.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { name: 'Build processes without code' }).waitFor();
    expect(await page.getByTestId('roles-failed').count()).toBe(0);
    // Asking again asks for every part of the page that needs the roles: the navigation shows Build again.
    await page.getByRole('link', { name: 'Build' }).waitFor();
  });

  it('picks a rule to-do\'s fallback person and role from the directory, and connectors from the configured list', async ({ onTestFailed }) => {
    const page = await open(await runtime.tokenFor('ann', ['designer']), 'ann');
    onTestFailed(() => saveScreenshot(page, 'failure-pickers-rule'));
    await page.goto(`${runtime.baseUrl}/build/rule/laptop-todo`);
    const fallback = page.getByTestId('action-0-fallback');
    await fallback.waitFor();
    expect(await fallback.getByTestId('action-0-fallback-empty').count()).toBe(1);
    // A person by name, never a typed id.
    await fallback.locator('#action-0-fallback-person').fill('lee');
    await fallback.getByTestId('action-0-fallback-person-option-lee').click({ timeout: 10_000 });
    // A role from the directory's roles (with its holders) and the built-in ones.
    const roleSelect = fallback.locator('select[name=action-0-fallback-role]');
    await expect.poll(() => roleSelect.locator('option').allTextContents()).toEqual(expect.arrayContaining(['it-lead (1 person)', 'designer (1 person)', 'hr (built in)']));
    await roleSelect.selectOption('it-lead');
    await expect.poll(() => fallback.getByTestId('action-0-fallback-item').count()).toBe(2);
    // The name arrives with the directory lookup, a moment after the id.
    await expect.poll(() => fallback.getByTestId('action-0-fallback-item').first().textContent()).toContain('Lee Lead');
    // The assignees' role box offers the same roles and still takes a new name.
    const roleOptions = await page.getByTestId('rule-action-0').locator('datalist option').evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value));
    expect(roleOptions).toEqual(expect.arrayContaining(['admin', 'designer', 'hr', 'it-lead', 'manager']));
    await waitSaved(page);
    await expect.poll(async () => ((await draftBody('rule', 'laptop-todo')).actions as Array<{ params: Record<string, unknown> }>)[0]?.params.fallbackAssignees, { timeout: 10_000 }).toEqual([
      { kind: 'user', id: 'lee' },
      { kind: 'role', role: 'it-lead' },
    ]);
    await saveScreenshot(page, 'rule-fallback-assignees');

    // A connector call names a configured connector from a list.
    // The person search closed once a person was chosen, so nothing moves under the next click.
    expect(await fallback.locator('#action-0-fallback-person').getAttribute('aria-expanded')).toBe('false');
    await page.getByTestId('add-action').click();
    await page.getByTestId('rule-action-1').locator('select[name=action-1-type]').selectOption('invoke');
    const connector = page.getByTestId('schema-form-action-1-params').getByRole('combobox', { name: 'Connector' });
    await expect.poll(() => connector.locator('option').allTextContents()).toContain('hr-hook (webhook)');
    await connector.selectOption('hr-hook');
    expect(await connector.inputValue()).toBe('hr-hook');

    // A time trigger's amount read from a pack parameter is chosen from the packs' declared parameters.
    await page.goto(`${runtime.baseUrl}/build/rule/reminder`);
    const param = page.getByTestId('date-offset').locator('select[name=offset-param]');
    await expect.poll(() => param.locator('option').allTextContents(), { timeout: 10_000 }).toContain('Reminder days (reminderDays)');
    expect(await param.inputValue()).toBe('reminderDays');
  });

  it('edits a task gate as checklist rows with errors at the field, and as JSON for advanced gates', async ({ onTestFailed }) => {
    const page = await open(await runtime.tokenFor('ann', ['designer']), 'ann');
    onTestFailed(() => saveScreenshot(page, 'failure-pickers-gate'));
    await page.goto(`${runtime.baseUrl}/build/flow/clearance`);
    await page.getByTestId('flow-canvas').waitFor();
    await page.getByTestId('select-node-collect').click();
    const gate = page.getByTestId('node-gate-collect');
    await gate.waitFor();
    expect(await gate.getByRole('radio', { name: 'Checklist' }).isChecked()).toBe(true);
    expect(await gate.getByTestId('node-gate-collect-item').count()).toBe(1);
    expect(await gate.locator('select[name="node-gate-collect.0.table"]').inputValue()).toBe('devices');
    expect(await gate.locator('select[name="node-gate-collect.0.column"]').inputValue()).toBe('returned');
    // No raw JSON box for the gate in the generated panel any more.
    expect(await page.getByTestId('node-properties').locator('textarea').count()).toBe(0);

    // A new row says at its field what is missing, until it is chosen.
    await gate.getByTestId('node-gate-collect-add-item').click();
    const missing = gate.getByTestId('node-gate-collect-error-1-column');
    await missing.waitFor();
    expect(await missing.textContent()).toBe('Choose the column each row must tick.');
    expect(await gate.locator('select[name="node-gate-collect.1.column"]').getAttribute('aria-invalid')).toBe('true');
    await gate.locator('select[name="node-gate-collect.1.kind"]').selectOption('field');
    await gate.getByTestId('node-gate-collect-error-1-field').waitFor();
    await gate.locator('select[name="node-gate-collect.1.field"]').selectOption('settled');
    expect(await gate.getByTestId('node-gate-collect-error-1-field').count()).toBe(0);
    expect(await gate.locator('select[name="node-gate-collect.1.check"]').inputValue()).toBe('ticked');
    await waitSaved(page);
    await expect.poll(async () => JSON.stringify(((await draftBody('flow', 'clearance')).nodes as Array<{ id: string; config?: { gate?: unknown } }>).find((n) => n.id === 'collect')?.config?.gate), { timeout: 10_000 }).toBe(
      JSON.stringify({ and: [gateOf, { '==': [{ var: 'settled' }, true] }] }),
    );
    await saveScreenshot(page, 'flow-gate-checklist');

    // The JSON escape hatch: what does not parse or is not an expression is refused at the box.
    await gate.getByRole('radio', { name: 'JSON' }).check();
    const box = gate.locator('textarea[name="node-gate-collect-json"]');
    await box.fill('{"var": ');
    await gate.getByText(/^Not valid JSON/).waitFor();
    await box.fill('"yes"');
    expect(await gate.getByTestId('node-gate-collect-json-error').textContent()).toContain('A gate is a JsonLogic expression');
    await box.fill('{"some": [{"var": "devices"}, {"var": "returned"}]}');
    expect(await gate.getByTestId('node-gate-collect-json-error').count()).toBe(0);
    await waitSaved(page);
    // A gate the checklist cannot show opens in the condition builder; the checklist says why it is off.
    expect(await gate.getByRole('radio', { name: 'Checklist' }).isDisabled()).toBe(true);
    await gate.getByRole('radio', { name: 'Condition' }).check();
    await gate.getByTestId('condition-node-gate-collect-condition').waitFor();
    expect(await gate.getByTestId('node-gate-collect-not-checklist').textContent()).toContain('not a plain checklist');

    // The task's assignee role is picked from the known roles too.
    const options = await page.getByTestId('node-assignees-assignees').locator('datalist option').evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value));
    expect(options).toEqual(expect.arrayContaining(['it-lead', 'designer', 'hr']));
    expect(problems).toEqual([]);
  });
});
