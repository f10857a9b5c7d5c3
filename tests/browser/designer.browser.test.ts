import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from './harness/api.js';
import { hasChromium, launchChromium, skipNotice } from './harness/browser-env.js';
import { drag } from './harness/mouse.js';
import { startRuntime, type RunningRuntime } from './harness/runtime-server.js';

const artifacts = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');
const available = hasChromium();
if (!available) console.log(skipNotice());

// The designer in real Chromium against the real runtime (built designer served at /): an analyst builds
// a form and a flow by dragging, tests it, publishes it, and the runtime runs it.
describe.skipIf(!available)('designer in Chromium', () => {
  let runtime: RunningRuntime;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let analystToken = '';
  const problems: string[] = [];

  const shot = async (name: string) => {
    fs.mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: false });
  };
  const waitSaved = async () => {
    await page.waitForSelector('[data-testid=save-status][data-state=saved]', { timeout: 15_000 });
  };
  const publish = async () => {
    await page.getByTestId('publish').click();
    await page.getByTestId('confirm-publish').click();
    await page.getByTestId('publish-done').waitFor({ timeout: 15_000 });
    await page.getByRole('dialog').getByRole('button', { name: /Close/ }).last().click();
  };

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startRuntime(), launchChromium()]);
    const admin = runtime.adminToken;
    const dir = await api(runtime.baseUrl, admin, 'POST', '/directory/import', { users: [{ id: 'ana', name: 'Ana Analyst' }, { id: 'mgr', name: 'Meng Manager' }] });
    expect(dir.status).toBe(200);
    const token = await api<{ token: string }>(runtime.baseUrl, admin, 'POST', '/tokens', { userId: 'ana', roles: ['designer'], label: 'browser test' });
    expect(token.status, JSON.stringify(token.body)).toBe(201);
    analystToken = token.body.token;
    context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'en-US' });
    page = await context.newPage();
    // A CSP violation or an eval anywhere in the page is a failure of the CSP design, not noise.
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|EvalError|unsafe-eval/i.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  it('shows the server error code, path and message when a token is refused', async () => {
    await page.goto(`${runtime.baseUrl}/build`);
    await page.waitForURL(/\/sign-in/);
    await page.fill('input[name=token]', 'not-a-real-token');
    await page.locator('form:has(input[name=token]) button[type=submit]').click();
    const panel = page.locator('.error-panel');
    await panel.waitFor();
    expect(await panel.getAttribute('data-error-code')).toBe('BATON_E_AUTH_TOKEN_INVALID');
    expect(await panel.locator('.error-code').textContent()).toBe('BATON_E_AUTH_TOKEN_INVALID');
    expect(await panel.locator('.error-path').textContent()).toBe('/');
    expect((await panel.locator('.error-message').textContent())?.length).toBeGreaterThan(10);
    expect(await panel.textContent()).toContain('GET /api/definitions');
  });

  it('serves the page under a Content-Security-Policy without unsafe-eval, and the engine worker with its own, also without it', async () => {
    const res = await fetch(`${runtime.baseUrl}/build/form/anything`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    const html = await res.text();
    const script = /src="(\/assets\/index-[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const bundle = await (await fetch(`${runtime.baseUrl}${script}`)).text();
    const worker = /assets\/engine-worker-[A-Za-z0-9_-]+\.js/.exec(bundle)?.[0];
    expect(worker).toBeDefined();
    const workerRes = await fetch(`${runtime.baseUrl}/${worker}`);
    expect(workerRes.headers.get('content-security-policy')).toBe("default-src 'none'; script-src 'self'");
  });

  it('builds a two-field form and a three-node flow by drag and drop, simulates, publishes, and a second user completes the task from the inbox', async ({ onTestFailed }) => {
    onTestFailed(() => shot('failure-journey'));
    // Sign in with the analyst's token and land on the form designer.
    await page.goto(`${runtime.baseUrl}/build/form/leave-request`);
    await page.waitForURL(/\/sign-in/);
    await page.fill('input[name=token]', analystToken);
    await page.fill('input[name=user]', 'ana');
    await page.locator('form:has(input[name=token]) button[type=submit]').click();
    await page.getByTestId('form-canvas').waitFor();

    // Two fields, dragged from the palette: a choice, then a text below it.
    await drag(page, page.getByTestId('palette-field-select'), page.getByTestId('drop-root'));
    await page.getByTestId('field-card-select_1').waitFor();
    await drag(page, page.getByTestId('palette-field-text'), page.getByTestId('drop-root'), { x: 200, y: 70 });
    await page.getByTestId('field-card-text_1').waitFor();
    const order = await page.locator('[data-testid^=field-card-]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(order).toEqual(['field-card-select_1', 'field-card-text_1']);

    // The text field shows only when the choice is "b": a condition set with the visual builder.
    await page.getByTestId('field-card-text_1').click();
    const visibleIf = page.getByTestId('condition-visibleIf');
    await visibleIf.getByRole('button', { name: '+ Condition' }).click();
    await visibleIf.getByLabel('Value', { exact: true }).selectOption('b');
    await expect.poll(() => page.getByTestId('logic-visibleIf').textContent()).toBe('{"==":[{"var":"select_1"},"b"]}');
    await waitSaved();

    // The live preview validates with the engine (in its worker): the text appears once "b" is chosen.
    await page.getByTestId('tab-preview').click();
    const preview = page.getByTestId('form-preview');
    await preview.waitFor();
    await page.getByTestId('preview-ok').waitFor();
    expect(await preview.locator('#preview_text_1').isVisible()).toBe(false);
    await preview.locator('#preview_select_1').selectOption('b');
    await preview.locator('#preview_text_1').waitFor();
    await shot('form-designer-preview');
    await page.getByTestId('tab-design').click();
    await shot('form-designer');
    await publish();

    // Publishing again with nothing changed: the server's refusal is shown with its code.
    await page.getByTestId('publish').click();
    await page.getByTestId('confirm-publish').click();
    const refusal = page.getByRole('dialog').locator('.error-panel');
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-error-code')).toBe('BATON_E_DEFINITION_NO_DRAFT');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    // A flow: start, approval, end dragged onto the canvas, then wired by dragging between handles.
    await page.goto(`${runtime.baseUrl}/build?kind=flow`);
    await page.fill('input[name=new-key]', 'leave-flow');
    await page.getByTestId('create-definition').click();
    const canvas = page.getByTestId('flow-canvas');
    await canvas.waitFor();
    await drag(page, page.getByTestId('palette-node-start'), canvas, { x: 140, y: 200 });
    await page.getByTestId('flow-node-start_1').waitFor();
    await drag(page, page.getByTestId('palette-node-approval'), canvas, { x: 420, y: 200 });
    await page.getByTestId('flow-node-approval_1').waitFor();
    await drag(page, page.getByTestId('palette-node-end'), canvas, { x: 700, y: 200 });
    await page.getByTestId('flow-node-end_1').waitFor();
    await drag(page, page.getByTestId('handle-out-start_1-out'), page.getByTestId('handle-in-approval_1-in'));
    await drag(page, page.getByTestId('handle-out-approval_1-out'), page.getByTestId('handle-in-end_1-in'));
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);

    // The approval goes to the manager; the flow uses the form; the manager may not change the choice.
    await page.getByTestId('flow-node-approval_1').click();
    const props = page.getByTestId('node-properties');
    // The first assignee list is the approval's own (the second: its fallback when nobody is found).
    await props.getByRole('button', { name: '+ Assignee' }).first().click();
    await props.locator('select[name="node-assignees.0.kind"]').selectOption('user');
    // The person picker: typed words find the manager by name; the flow stores the id.
    await props.locator('input[name="node-assignees.0.id"]').fill('meng');
    await props.getByTestId('node-assignees.0.id-option-mgr').click({ timeout: 10_000 });
    await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
    await page.getByTestId('flow-settings').locator('select[name=flow-form]').selectOption('leave-request');
    await page.getByTestId('select-node-approval_1').click();
    await page.getByTestId('access-matrix').getByLabel('select_1: See').check();
    await expect.poll(() => page.getByTestId('issues-toggle').textContent(), { timeout: 10_000 }).toBe('0 problems');
    await waitSaved();
    await shot('flow-designer');

    // Undo removes the access change, redo brings it back.
    await page.getByTestId('undo').click();
    expect(await page.getByTestId('access-matrix').getByLabel('select_1: See').isChecked()).toBe(false);
    await page.getByTestId('redo').click();
    expect(await page.getByTestId('access-matrix').getByLabel('select_1: See').isChecked()).toBe(true);

    // Simulate in the browser: the run goes start → approval → end and every node lights up.
    await page.getByTestId('toggle-simulate').click();
    await page.getByTestId('sim-run-to-end').click();
    await expect.poll(() => page.getByTestId('sim-status').textContent()).toBe('completed');
    expect(await page.locator('.flow-node.sim-visited').count()).toBe(3);
    expect(await page.getByTestId('sim-uncovered').textContent()).toContain('Every node and branch was reached');
    await shot('flow-simulation');
    await waitSaved();
    await publish();

    // The runtime runs what was published: an instance waits at the approval, for the manager.
    const started = await api<{ id: string; status: string; activeNodes: string[]; openTasks: Array<{ assignees: string[] }> }>(runtime.baseUrl, runtime.adminToken, 'POST', '/flows/leave-flow/instances', { data: { select_1: 'a' } });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body.activeNodes).toEqual(['approval_1']);
    expect(started.body.openTasks[0]?.assignees).toEqual(['mgr']);
    const flow = await api<{ version: number; status: string; body: { nodes: unknown[]; edges: unknown[]; form: string } }>(runtime.baseUrl, runtime.adminToken, 'GET', '/definitions/flow/leave-flow');
    expect(flow.body).toMatchObject({ status: 'published', body: { form: 'leave-request' } });
    expect(flow.body.body.nodes).toHaveLength(3);
    expect(flow.body.body.edges).toHaveLength(2);

    // A second user, the manager, signs in with a password in their own browser, opens the task from the
    // inbox and approves it: the instance runs to its end.
    await api(runtime.baseUrl, runtime.adminToken, 'PUT', '/accounts/mgr/password', { password: 'meng-manager-2026', username: 'meng' });
    const mgrContext = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
    try {
      const mgrPage = await mgrContext.newPage();
      mgrPage.on('pageerror', (e) => problems.push(`pageerror (mgr): ${e.message}`));
      await mgrPage.goto(`${runtime.baseUrl}/inbox`);
      await mgrPage.waitForURL(/\/sign-in/);
      await mgrPage.fill('input[name=username]', 'meng');
      await mgrPage.fill('input[name=password]', 'meng-manager-2026');
      await mgrPage.getByTestId('log-in').click();
      await mgrPage.waitForURL(/\/inbox$/);
      const row = mgrPage.locator('[data-testid^=task-row-]');
      await row.first().waitFor({ timeout: 15_000 });
      expect(await row.count()).toBe(1);
      await mgrPage.screenshot({ path: path.join(artifacts, 'designer-journey-inbox.png') });
      await row.first().getByRole('link').click();
      await mgrPage.getByTestId('task-form').waitFor({ timeout: 15_000 });
      // The access set in the flow designer: the manager sees the choice but may not change it.
      expect(await mgrPage.locator('#task_select_1').isDisabled()).toBe(true);
      await mgrPage.getByTestId('action-approve').click();
      await mgrPage.getByTestId('action-done').waitFor({ timeout: 15_000 });
    } finally {
      await mgrContext.close();
    }
    const finished = await api<{ status: string; activeNodes: string[] }>(runtime.baseUrl, runtime.adminToken, 'GET', `/instances/${started.body.id}`);
    expect(finished.body).toMatchObject({ status: 'completed', activeNodes: [] });
    expect(problems).toEqual([]);
  });

  it('designs a rule and a report, and imports a pack after previewing what it changes', async ({ onTestFailed }) => {
    onTestFailed(() => shot('failure-rule-report-pack'));
    // Rule: IF 3 working days before a date field THEN notify, built from registry-generated forms.
    await page.goto(`${runtime.baseUrl}/build/rule/remind-manager`);
    const trigger = page.getByTestId('rule-trigger');
    await trigger.waitFor();
    await trigger.locator('select[name=trigger-type]').selectOption('date-offset');
    await page.getByTestId('date-offset').waitFor();
    await page.locator('select[name=scope-form]').selectOption('leave-request');
    await page.getByTestId('add-action').click();
    await page.getByTestId('rule-action-0').waitFor();
    expect(await page.getByTestId('schema-form-action-0-params').count()).toBe(1);
    // Generated panels read as words: no rjsf "Title option 1" pickers, no duplicated blocks, every button named.
    const ruleText = (await page.locator('.rule-designer').textContent()) ?? '';
    expect(ruleText).not.toMatch(/option \d/i);
    expect(await page.getByTestId('schema-form-action-0-params').getByText('Title', { exact: true }).count()).toBe(1);
    const unnamed = await page.locator('.rule-designer button').evaluateAll((buttons) => buttons.filter((b) => !(b.getAttribute('aria-label') || b.getAttribute('title') || b.textContent?.trim())).length);
    expect(unnamed).toBe(0);
    await shot('rule-designer');

    // Report: a count of flow instances, grouped by status; the preview runs published reports only.
    await page.goto(`${runtime.baseUrl}/build/report/leave-count`);
    await page.getByTestId('report-measures').waitFor();
    await page.getByTestId('report-dimensions').getByRole('button', { name: '+ Dimension' }).click();
    await waitSaved();
    await shot('report-designer');
    await publish();
    await page.getByTestId('report-preview').getByRole('button', { name: 'Run on the server' }).click();
    await page.waitForSelector('[data-testid=report-preview] table, [data-testid=report-preview] .empty-state, [data-testid=report-preview] .error-panel');
    expect(await page.getByTestId('report-preview').locator('.error-panel').count()).toBe(0);

    // Pack: the form with a new label and a new flow; the preview says what changes before importing.
    const form = await api<{ body: Record<string, unknown> }>(runtime.baseUrl, runtime.adminToken, 'GET', '/definitions/form/leave-request');
    const changedForm = { ...form.body.body, title: { en: 'Leave request', 'zh-CN': '请假申请' } };
    const bundle = {
      manifest: { kind: 'pack', key: 'leave-pack', version: 1, title: 'Leave', engine: '^0.1.0', definitions: [{ kind: 'form', key: 'leave-request', file: 'forms/leave-request.json' }] },
      definitions: [changedForm],
    };
    await page.goto(`${runtime.baseUrl}/packs`);
    await page.getByTestId('pack-file').setInputFiles({ name: 'leave.pack.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bundle)) });
    const preview = page.getByTestId('pack-preview');
    await preview.waitFor();
    expect(await preview.locator('tbody tr').allTextContents()).toEqual(['formleave-requestnew version (2 differences)']);
    await shot('pack-import-preview');
    await page.getByRole('button', { name: 'Import and publish' }).click();
    await page.getByText('Imported leave-pack v1').waitFor();
    // The list reloads after the success message shows.
    await expect.poll(() => page.locator('table.list tbody tr').count()).toBe(1);
    const republished = await api<{ version: number; body: { title: unknown } }>(runtime.baseUrl, runtime.adminToken, 'GET', '/definitions/form/leave-request');
    expect(republished.body.body.title).toEqual({ en: 'Leave request', 'zh-CN': '请假申请' });
    expect(problems).toEqual([]);
  });

  it('switches between Chinese and English', async () => {
    await page.goto(`${runtime.baseUrl}/build`);
    await page.getByRole('heading', { name: 'Definitions' }).waitFor();
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { name: '定义' }).waitFor();
    expect(await page.locator('.top-bar nav').textContent()).toContain('设计');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await shot('definitions-zh-CN');
    // Kept across a reload, then back to English.
    await page.reload();
    await page.getByRole('heading', { name: '定义' }).waitFor();
    await page.getByLabel('语言').selectOption('en');
    await page.getByRole('heading', { name: 'Definitions' }).waitFor();
    expect(await page.locator('.top-bar nav').textContent()).toContain('Build');
  });
});
