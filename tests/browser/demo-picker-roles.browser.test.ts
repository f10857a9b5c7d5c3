import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, skipNotice } from './harness/browser-env.js';
import { startDemoPackRuntime } from './harness/demo-pack.js';
import type { RunningRuntime } from './harness/runtime-server.js';
import { saveScreenshot, trackedPage } from './harness/pages.js';

const available = hasChromium();
if (!available) console.log(skipNotice());

// QA P5: the demo "sign in as" picker showed role ids ("admin-affairs") instead of role names.
describe.skipIf(!available)('demo picker: role names in the reader\'s language', () => {
  let runtime: RunningRuntime;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    ({ runtime, browser } = await startDemoPackRuntime());
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  for (const [locale, admin, hr] of [['en-US', 'Admin affairs', 'HR'], ['zh-CN', '行政', '人力资源']] as const) {
    it(`names the roles in ${locale}, and finds people by a role name`, async () => {
      const page = await trackedPage(browser, problems, { locale });
      await page.goto(`${runtime.baseUrl}/sign-in`);
      await page.getByTestId('demo-picker').waitFor();
      const adminText = await page.getByTestId('demo-demo-admin-1').innerText();
      expect(adminText).toContain(admin);
      expect(adminText).not.toContain('admin-affairs');
      expect(await page.getByTestId('demo-demo-hr-1').innerText()).toContain(hr);
      await page.locator('#sign-in-demo-filter').fill(admin.toLowerCase());
      await expect.poll(() => page.getByTestId('demo-demo-admin-1').count()).toBe(1);
      expect(await page.getByTestId('demo-demo-hr-1').count()).toBe(0);
      await saveScreenshot(page, `demo-picker-roles-${locale}`);
      await page.context().close();
    });
  }

  it('had no script errors', () => {
    expect(problems).toEqual([]);
  });
});
