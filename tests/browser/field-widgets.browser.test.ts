import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from './harness/api.js';
import { hasChromium, launchChromium, skipNotice } from './harness/browser-env.js';
import { startRuntime, type RunningRuntime } from './harness/runtime-server.js';
import { saveScreenshot, sessionPage } from './harness/pages.js';
import { approvalFlow, sceneCaller, t } from './harness/scene.js';

const available = hasChromium();
if (!available) console.log(skipNotice());

// The start page of a form using the field types whose widgets rjsf lacks (money, department, attachment,
// signature): each draws, takes input (a file uploaded, a signature drawn with the pointer) and the request
// starts with the values in the engine's shapes.
describe.skipIf(!available)('field widgets in Chromium', () => {
  let runtime: RunningRuntime;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startRuntime(), launchChromium()]);
    const call = sceneCaller(runtime.baseUrl, runtime.adminToken);
    await call('POST', '/directory/import', {
      departments: [{ id: 'd-eng', name: 'Engineering' }, { id: 'd-fin', name: 'Finance' }],
      users: [{ id: 'ann', name: 'Ann Applicant', departmentId: 'd-eng' }, { id: 'mgr', name: 'Meng Manager' }],
    });
    await call('POST', '/definitions', {
      kind: 'form',
      key: 'expense',
      title: t('Expense claim', '费用报销'),
      fields: [
        { key: 'amount', type: 'money', label: t('Amount', '金额'), config: { currency: 'CNY' }, required: true },
        { key: 'department', type: 'department', label: t('Charged to', '费用部门'), required: true },
        { key: 'receipts', type: 'attachment', label: t('Receipts', '票据'), config: { maxFiles: 3 } },
        { key: 'signature', type: 'signature', label: t('Signature', '签名'), required: true },
      ],
    });
    await call('POST', '/definitions/form/expense/publish', {});
    await call('POST', '/definitions', approvalFlow({ key: 'expense', title: t('Expense', '报销'), form: 'expense' }, { name: t('Approval', '审批'), approverId: 'mgr' }));
    await call('POST', '/definitions/flow/expense/publish', {});
    const token = await runtime.tokenFor('ann', []);
    page = await sessionPage(browser, token, 'ann', problems, { viewport: { width: 1400, height: 1000 } });
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  it('fills money, department, a file and a drawn signature on the start page and submits', async () => {
    await page.goto(`${runtime.baseUrl}/start?flow=expense`);
    await page.locator('#start_amount').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('start_amount-currency').textContent()).toContain('CNY');
    await page.fill('#start_amount', '1234.5');
    await page.locator('#start_amount').blur();
    expect(await page.locator('#start_amount').inputValue()).toBe('1234.50');

    const dept = page.locator('#start_department');
    await expect.poll(() => dept.locator('option').count(), { timeout: 10_000 }).toBeGreaterThan(2);
    await dept.selectOption({ label: 'Finance' });

    await page.locator('#start_receipts').setInputFiles({ name: 'receipt.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% a receipt\n') });
    await page.getByTestId('start_receipts-files').getByText('receipt.pdf').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('start_receipts-files').textContent()).toContain('B');

    // A signature drawn with the pointer, then saved (uploaded as a PNG).
    const pad = page.locator('canvas#start_signature');
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + 100);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 20 + i * 25, box.y + 100 - (i % 2) * 40);
    await page.mouse.up();
    await page.getByTestId('start_signature-signature').getByRole('button', { name: 'Sign' }).click();
    await page.getByTestId('start_signature-signed').waitFor({ timeout: 10_000 });
    await saveScreenshot(page, 'field-widgets-start');

    await page.getByTestId('start-submit').click();
    await Promise.race([page.waitForURL(/\/instances\//, { timeout: 15_000 }), page.locator('.error-panel').waitFor({ timeout: 15_000 })]);
    expect(await page.locator('.error-panel').count(), (await page.locator('.error-panel').allTextContents()).join('\n')).toBe(0);
    const instanceId = decodeURIComponent(page.url().split('/instances/')[1]!.split(/[?#]/)[0]!);
    const inst = await api<{ data: Record<string, unknown> }>(runtime.baseUrl, runtime.adminToken, 'GET', `/instances/${instanceId}`);
    expect(inst.body.data).toMatchObject({
      amount: { amount: '1234.50', currency: 'CNY' },
      department: 'd-fin',
      receipts: [{ name: 'receipt.pdf', contentType: 'application/pdf' }],
      signature: { signerId: 'ann' },
    });
    const sig = inst.body.data.signature as { fileId: string; sha256: string; signedAt: string };
    expect(sig.sha256).toMatch(/^[a-f0-9]{64}$/);
    // The signature file is a PNG its signer may read back.
    const res = await fetch(`${runtime.baseUrl}/api/files/${sig.fileId}`, { headers: { authorization: `Bearer ${await runtime.tokenFor('ann', [])}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('image/png');

    // The approver's task page shows the same values through the same widgets, the signature drawn from its file.
    const mgr = await sessionPage(browser, await runtime.tokenFor('mgr', []), 'mgr', problems, { viewport: { width: 1400, height: 1000 } });
    await mgr.goto(`${runtime.baseUrl}/inbox`);
    const row = mgr.locator('[data-testid^=task-row-]');
    await row.first().waitFor({ timeout: 15_000 });
    await row.first().getByRole('link').click();
    await mgr.getByTestId('task-form').waitFor({ timeout: 15_000 });
    expect(await mgr.locator('#task_amount').inputValue()).toBe('1234.50');
    const taskDept = mgr.locator('#task_department');
    await expect.poll(() => taskDept.locator('option:checked').textContent(), { timeout: 10_000 }).toBe('Finance');
    await mgr.getByTestId('task_receipts-files').getByText('receipt.pdf').waitFor();
    const inked = () =>
      mgr.locator('canvas#task_signature').evaluate((el) => {
        // Runs in the page; this project's types have no DOM, hence the narrow shape.
        const c = el as unknown as { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } };
        const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < px.length; i += 4) if (px[i]! > 0) n++;
        return n;
      });
    await expect.poll(inked, { timeout: 10_000 }).toBeGreaterThan(100);
    await saveScreenshot(mgr, 'field-widgets-task');
    expect(problems).toEqual([]);
  });
});
