import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, skipNotice } from './harness/browser-env.js';
import { sceneCaller } from './harness/scene.js';
import { drag } from './harness/mouse.js';
import { saveScreenshot, sessionPage } from './harness/pages.js';
import { startRuntime, type RunningRuntime } from './harness/runtime-server.js';

const available = hasChromium();
if (!available) console.log(skipNotice());

/** The node types the palette offers, read from the page (plugins included), e.g. "timer". */
async function paletteTypes(page: Page): Promise<string[]> {
  const items = page.locator('[data-testid^=palette-node-]');
  await items.first().waitFor({ timeout: 30_000 });
  const ids = await items.evaluateAll((els) => els.map((el) => el.getAttribute('data-testid') ?? ''));
  return ids.map((id) => id.slice('palette-node-'.length)).filter((t) => t !== '');
}

/** The page still shows the designer (React 19 unmounts the whole tree on an uncaught render error). */
async function expectDesignerAlive(page: Page, what: string, problems: string[]): Promise<void> {
  expect(await page.getByTestId('flow-canvas').count(), `${what}: canvas still shown`).toBe(1);
  expect(await page.locator('.error-panel[data-error-code], [role=alert].crash').count(), `${what}: no error screen`).toBe(0);
  expect(problems.filter((p) => /React|Minified|Maximum update depth|#185/.test(p)), `${what}: no React error`).toEqual([]);
}

// QA severity 1: dropping a Timer or an Action node crashed the designer (React error #185, an update loop
// between the generated config panel and the store). Every node type is dropped, selected and edited here.
describe.skipIf(!available)('every palette node type can be dropped, selected and edited (Chromium)', () => {
  let runtime: RunningRuntime;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startRuntime(), launchChromium()]);
    // Two forms for the pickers: one published, one that exists only as a draft (listed after it by title).
    const call = sceneCaller(runtime.baseUrl, runtime.adminToken);
    const field = { key: 'note', type: 'text', label: { en: 'Note', 'zh-CN': '备注' } };
    await call('POST', '/definitions', { kind: 'form', key: 'zz-leave', title: { en: 'Annual leave', 'zh-CN': '年假申请' }, fields: [field] });
    await call('POST', '/definitions/form/zz-leave/publish', {});
    await call('POST', '/definitions', { kind: 'form', key: 'aa-expense', title: { en: 'Travel expense', 'zh-CN': '差旅报销' }, fields: [field] });
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  for (const locale of ['en-US', 'zh-CN']) {
    it(`drops every node type on a new flow and edits it without a crash (${locale})`, async ({ onTestFailed }) => {
      const token = await runtime.tokenFor('every-node', ['designer']);
      const page = await sessionPage(browser, token, 'every-node', problems, { locale });
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console (${locale}): ${m.text()}`);
      });
      onTestFailed(() => saveScreenshot(page, `failure-every-node-${locale}`));
      await page.goto(`${runtime.baseUrl}/build/flow/every-node-${locale.toLowerCase()}`);
      const canvas = page.getByTestId('flow-canvas');
      await canvas.waitFor({ timeout: 30_000 });
      const types = await paletteTypes(page);
      expect(types).toEqual(expect.arrayContaining(['start', 'approval', 'task', 'timer', 'action', 'end']));

      for (const [i, type] of types.entries()) {
        const id = `${type.replace(/[^a-zA-Z0-9_]/g, '_')}_1`;
        // One row of nodes, then the next: each drop lands on empty canvas.
        await drag(page, page.getByTestId(`palette-node-${type}`), canvas, { x: 120 + (i % 4) * 190, y: 90 + Math.floor(i / 4) * 130 });
        const node = page.locator(`[data-testid^="flow-node-${id.replace(/_1$/, '')}"]`).last();
        await node.waitFor({ timeout: 10_000 });
        await node.click();
        const props = page.getByTestId('node-properties');
        await props.waitFor({ timeout: 10_000 });
        // One property of the panel: the node's name, the one every type has.
        const name = props.locator(`input[name="node-name.${locale === 'zh-CN' ? 'zh-CN' : 'en'}"]`);
        await name.fill(`Step ${type}`);
        await page.waitForTimeout(150);
        await expectDesignerAlive(page, `${type} (${locale})`, problems);
        expect(await props.locator('h2').textContent()).toContain(`Step ${type}`);
      }

      // A config property of the two types that crashed: the timer's wait and the action's first effect.
      await page.locator('[data-testid^="flow-node-timer"]').last().click();
      const timerPanel = page.getByTestId('node-properties');
      const amount = timerPanel.locator('input[id$="duration_amount"]');
      if ((await amount.count()) > 0) {
        await amount.first().fill('2');
        await page.waitForTimeout(150);
      }
      await expectDesignerAlive(page, `timer config (${locale})`, problems);
      await saveScreenshot(page, `every-node-timer-${locale}`);
      await page.locator('[data-testid^="flow-node-action"]').last().click();
      // The action's first effect: added from its panel, then its kind chosen by name.
      const actionPanel = page.getByTestId('node-properties');
      await actionPanel.getByRole('button', { name: locale === 'zh-CN' ? '添加' : 'Add', exact: true }).first().click();
      await page.waitForTimeout(300);
      const kinds = await actionPanel.locator('select option').allTextContents();
      expect(kinds).toEqual(expect.arrayContaining(locale === 'zh-CN' ? ['发送通知', '设置数据'] : ['Send a notification', 'Set data']));
      // The effect's kind is the choice above, never a box to type "notify" into; the definition gets it.
      expect(await actionPanel.locator('input[id$="effects_0_type"]:visible').count()).toBe(0);
      await expect.poll(() => actionPanel.locator('[role=alert], .field-error').allTextContents(), { timeout: 5_000 }).not.toContain(expect.stringMatching(/type/));
      await expectDesignerAlive(page, `action config (${locale})`, problems);
      await saveScreenshot(page, `every-node-action-${locale}`);

      // The approval panel reads like a product: words for every choice, no deprecated setting, no JSON help.
      const zh = locale === 'zh-CN';
      await page.locator('[data-testid^="flow-node-approval"]').last().click();
      const approval = page.getByTestId('node-properties');
      await approval.waitFor();
      const text = await approval.innerText();
      expect(text).not.toMatch(/deprecated|old setting|旧设置/i);
      expect(text).not.toMatch(/[[\]{}"]/);
      const options = await approval.locator('select option').allTextContents();
      for (const raw of ['return', 'delegate', 'add-signer-before', 'anyone', 'candidates', 'single', 'end', 'port', 'assign']) expect(options, `raw value ${raw}`).not.toContain(raw);
      const expected = zh ? ['审批方式', '驳回后', '审批人为空时', '可用操作'] : ['Approval mode', 'When rejected', 'When nobody is found', 'Actions offered'];
      for (const words of expected) expect(text).toContain(words);
      expect(options).toContain(zh ? '退回到之前的步骤' : 'Return to a previous step');
      expect(options).toContain(zh ? '仅限此任务的候选人（其角色和部门的成员）' : 'Only people the task was offered to (its roles and departments)');
      if (zh) expect(text).not.toMatch(/Approval mode|When rejected|Actions offered|Approvers/);

      // The node's form picker: "Title (key)" by title, the draft-only form marked.
      const nodeForms = zh ? ['差旅报销（aa-expense） — 草稿：须先发布此表单，再发布流程', '年假申请（zz-leave）'] : ['Annual leave (zz-leave)', 'Travel expense (aa-expense) — draft: publish it before the flow'];
      const formsIn = async (select: Locator) => (await select.locator('option').allTextContents()).slice(1);
      await expect.poll(() => formsIn(approval.locator('select[name=node-form]')), { timeout: 10_000 }).toEqual(nodeForms);
      await saveScreenshot(page, `every-node-approval-${locale}`);
      await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
      await expect.poll(() => formsIn(page.getByTestId('flow-settings').locator('select[name=flow-form]')), { timeout: 10_000 }).toEqual(nodeForms);
      await expectDesignerAlive(page, `approval panel (${locale})`, problems);
      await saveScreenshot(page, `every-node-${locale}`);
      await page.context().close();
    });
  }

  it('had no script errors', () => {
    expect(problems.filter((p) => !/Failed to load resource/.test(p))).toEqual([]);
  });
});
