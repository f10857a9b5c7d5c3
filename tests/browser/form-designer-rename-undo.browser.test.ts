import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, skipNotice } from './harness/browser-env.js';
import { saveScreenshot, sessionPage } from './harness/pages.js';
import { startRuntime, type RunningRuntime } from './harness/runtime-server.js';
import { sceneCaller, t } from './harness/scene.js';

const available = hasChromium();
if (!available) console.log(skipNotice());

// The form designer keeps a form's own logic working through renames (rewriting its JsonLogic), warns
// before breaking a published flow that reads the field, asks before deleting a field others read,
// undoes and redoes edits (keystrokes in one input as one step), and explains a duplicate key.
describe.skipIf(!available)('form designer: rename, undo, safe delete, duplicate keys', () => {
  let runtime: RunningRuntime;
  let browser: Browser;
  let page: Page;
  let call: ReturnType<typeof sceneCaller>;
  const problems: string[] = [];

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startRuntime(), launchChromium()]);
    call = sceneCaller(runtime.baseUrl, runtime.adminToken);
    await call('POST', '/definitions', {
      kind: 'form',
      key: 'leave',
      title: t('Leave', '离职'),
      fields: [
        { key: 'kind', type: 'text', label: t('Kind', '类型') },
        { key: 'reason', type: 'text', label: t('Reason', '原因'), visibleIf: { '==': [{ var: 'kind' }, 'other'] } },
        { key: 'note', type: 'text', label: t('Note', '备注'), requiredIf: { '!!': { var: ['reason', ''] } } },
      ],
    });
    await call('POST', '/definitions/form/leave/publish', {});
    await call('POST', '/definitions', {
      kind: 'flow',
      key: 'leave-flow',
      title: t('Offboarding', '离职流程'),
      form: 'leave',
      nodes: [
        { id: 'start', type: 'start', name: t('Start', '开始'), position: { x: 0, y: 0 } },
        { id: 'isSales', type: 'exclusive', name: t('Is sales?', '是否销售？'), position: { x: 200, y: 0 } },
        { id: 'handover', type: 'task', name: t('Hand over customers', '交接客户'), config: { assignees: [{ kind: 'role', role: 'hr' }] }, position: { x: 400, y: 0 } },
        { id: 'end', type: 'end', name: t('Done', '结束'), position: { x: 600, y: 0 } },
      ],
      edges: [
        { id: 'e1', from: 'start', to: 'isSales' },
        { id: 'e2', from: 'isSales', to: 'handover', condition: { '==': [{ var: 'kind' }, 'sales'] } },
        { id: 'e3', from: 'isSales', to: 'end', default: true },
        { id: 'e4', from: 'handover', to: 'end' },
      ],
    });
    await call('POST', '/definitions/flow/leave-flow/publish', {});
    const token = await runtime.tokenFor('designer-1', ['designer']);
    page = await sessionPage(browser, token, 'designer-1', problems, { viewport: { width: 1400, height: 900 } });
    await page.goto(`${runtime.baseUrl}/build/form/leave`);
    await page
      .getByTestId('field-card-kind')
      .waitFor({ timeout: 30_000 })
      .catch(async (e: unknown) => {
        await saveScreenshot(page, 'failure-form-rename-open');
        throw new Error(`${String(e)}\n${problems.join('\n')}`);
      });
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  const keyInput = () => page.getByTestId('field-properties').locator('input[name="field-key"]');
  const guard = () => page.getByTestId('field-change-guard');
  const draftField = async (key: string) => {
    const list = (await call('GET', '/definitions?kind=form&key=leave&limit=1')) as { items: Array<{ version: number }> };
    const latest = (await call('GET', `/definitions/form/leave?version=${list.items[0]!.version}`)) as { body: { fields: Array<{ key: string; visibleIf?: unknown }> } };
    return latest.body.fields.find((f) => f.key === key);
  };

  it('renames a key after warning about the published flow, and rewrites the visibleIf that read it', async ({ onTestFailed }) => {
    onTestFailed(() => saveScreenshot(page, 'failure-form-rename'));
    await page.getByTestId('field-card-kind').click();
    await keyInput().fill('leaveKind');
    await keyInput().press('Enter');
    await guard().waitFor();
    expect(await guard().textContent()).toContain('Used by flow ‘Offboarding’ (condition of ‘Is sales?’): they will stop working until you update them.');
    // Declining keeps the old key.
    await page.getByTestId('guard-cancel').click();
    await expect.poll(() => keyInput().inputValue()).toBe('kind');
    await keyInput().fill('leaveKind');
    await keyInput().press('Enter');
    await page.getByTestId('guard-confirm').click();
    await page.getByTestId('field-card-leaveKind').waitFor();
    await expect.poll(async () => (await draftField('reason'))?.visibleIf, { timeout: 15_000 }).toEqual({ '==': [{ var: 'leaveKind' }, 'other'] });
  });

  it('undoes and redoes with the toolbar and the keyboard, typing in one input as one step', async ({ onTestFailed }) => {
    onTestFailed(() => saveScreenshot(page, 'failure-form-undo'));
    await page.getByTestId('form-undo').click();
    await page.getByTestId('field-card-kind').waitFor();
    await page.getByTestId('form-redo').click();
    await page.getByTestId('field-card-leaveKind').waitFor();

    await page.getByTestId('field-card-reason').click();
    const label = page.getByTestId('field-properties').locator('input[name="field-label.en"]');
    await label.click();
    await label.press('End');
    await page.keyboard.type(' given', { delay: 20 });
    await page.getByTestId('form-canvas').click({ position: { x: 5, y: 5 } });
    await expect.poll(() => page.getByTestId('field-card-reason').locator('strong').textContent()).toBe('Reason given');
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('field-card-reason').locator('strong').textContent()).toBe('Reason');
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => page.getByTestId('field-card-reason').locator('strong').textContent()).toBe('Reason given');
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await page.getByTestId('field-card-kind').waitFor();
    await page.keyboard.press('Control+y');
    await page.getByTestId('field-card-leaveKind').waitFor();
  });

  it('asks before deleting a field other fields and the flow read, naming them; deletes an unread one at once', async ({ onTestFailed }) => {
    onTestFailed(() => saveScreenshot(page, 'failure-form-delete'));
    // The flow reads "kind", which no field has any more: only the form's own Reason reads leaveKind.
    await page.getByRole('button', { name: 'Remove field leaveKind' }).click();
    await guard().waitFor();
    expect(await guard().textContent()).toBe('Used in this form by ‘Reason’: their conditions or formulas will read a field that no longer exists.');
    await page.getByTestId('guard-cancel').click();
    expect(await page.getByTestId('field-card-leaveKind').count()).toBe(1);
    await page.getByTestId('form-undo').click();
    await page.getByRole('button', { name: 'Remove field kind' }).click();
    await guard().waitFor();
    const text = await guard().textContent();
    expect(text).toContain('Used in this form by ‘Reason’');
    expect(text).toContain('Used by flow ‘Offboarding’ (condition of ‘Is sales?’): they will stop working until you update them.');
    await page.getByTestId('guard-cancel').click();
    await expect.poll(() => guard().isVisible()).toBe(false);
    await page.getByTestId('form-redo').click();
    await page.getByTestId('field-card-leaveKind').waitFor();

    await page.getByRole('button', { name: 'Remove field reason' }).click();
    await guard().waitFor();
    expect(await guard().textContent()).toContain('Used in this form by ‘Note’');
    await page.getByTestId('guard-confirm').click();
    await expect.poll(() => page.getByTestId('field-card-reason').count()).toBe(0);
    await page.getByTestId('form-undo').click();
    await page.getByTestId('field-card-reason').waitFor();

    await page.getByRole('button', { name: 'Remove field note' }).click();
    await expect.poll(() => page.getByTestId('field-card-note').count()).toBe(0);
    expect(await guard().count()).toBe(0);
    await page.getByTestId('form-undo').click();
    await page.getByTestId('field-card-note').waitFor();
  });

  it('explains a duplicate key under the input in both languages, keeps what was typed and applies nothing', async ({ onTestFailed }) => {
    onTestFailed(() => saveScreenshot(page, 'failure-form-duplicate-key'));
    await page.getByTestId('field-card-reason').click();
    await keyInput().fill('note');
    const message = page.getByTestId('field-key-taken');
    await message.waitFor();
    expect(await message.textContent()).toBe('Another field already uses the key ‘note’ (‘Note’). Keys must be unique.');
    expect(await keyInput().getAttribute('aria-invalid')).toBe('true');
    await keyInput().press('Enter');
    await keyInput().blur();
    expect(await keyInput().inputValue()).toBe('note');
    expect(await page.getByTestId('field-card-reason').count()).toBe(1);
    // Switching the language reloads the definition (the API client speaks the new language): type again.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await page.getByTestId('field-card-reason').click();
    await keyInput().fill('note');
    await expect.poll(() => message.textContent()).toBe('另一个字段（“备注”）已在使用标识“note”。标识必须唯一。');
    await keyInput().fill('reasonText');
    await expect.poll(() => message.count()).toBe(0);
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    expect(problems).toEqual([]);
  });
});
