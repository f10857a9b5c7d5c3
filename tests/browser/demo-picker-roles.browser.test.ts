import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPackFolder } from '../../packages/cli/src/index.js';
import { hasChromium, launchChromium, skipNotice } from './harness/browser-env.js';
import { startRuntime, type RunningRuntime } from './harness/runtime-server.js';
import { saveScreenshot, trackedPage } from './harness/pages.js';
import { sceneCaller } from './harness/scene.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const PACK_DIR = path.resolve(here, '../../templates/offboarding');
const available = hasChromium();
if (!available) console.log(skipNotice());

// QA P5: the demo "sign in as" picker showed role ids ("admin-affairs") instead of role names.
describe.skipIf(!available)('demo picker: role names in the reader\'s language', () => {
  let runtime: RunningRuntime;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startRuntime(), launchChromium()]);
    const { bundle } = await readPackFolder(PACK_DIR, { demo: true });
    await sceneCaller(runtime.baseUrl, runtime.adminToken)('POST', '/packs/import?demo=true', bundle);
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
