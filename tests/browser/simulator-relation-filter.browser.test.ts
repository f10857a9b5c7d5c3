import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPackFolder } from '../../packages/cli/src/index.js';
import { request } from '../../templates/offboarding/test/journeys/journey-kit.js';
import { api } from './harness/api.js';
import { hasChromium, launchChromium, skipNotice } from './harness/browser-env.js';
import { saveScreenshot, sessionPage } from './harness/pages.js';
import { startRuntime, type RunningRuntime } from './harness/runtime-server.js';
import { sceneCaller } from './harness/scene.js';

const PACK_DIR = new URL('../../templates/offboarding', import.meta.url).pathname;
const available = hasChromium();
if (!available) console.log(skipNotice());

type Json = Record<string, any>;

// The request's asset rows offer only the leaver's own assets (the relation's `filter`). The simulation
// judges it as the runtime does (engine judgeRelationFilters over its records): picking somebody else's
// asset is refused at the field, in the runtime's own words, instead of the run going on as if it were fine.
describe.skipIf(!available)('the flow simulation judges relation filters', () => {
  let runtime: RunningRuntime;
  let browser: Browser;
  let page: Page;
  let theirs = '';
  const problems: string[] = [];

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startRuntime(), launchChromium()]);
    const { bundle } = await readPackFolder(PACK_DIR, { demo: false });
    const call = sceneCaller(runtime.baseUrl, runtime.adminToken);
    await call('POST', '/packs/import', bundle);
    await call('POST', '/directory/import', { users: [{ id: 'ana', name: 'Ana Analyst' }, { id: 'zed', name: 'Zed Other' }] });
    const created = await api<Json>(runtime.baseUrl, runtime.adminToken, 'POST', '/records/asset', { data: { tag: 'LT-7001', kind: 'laptop', status: 'in-use', holderId: 'zed' } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    theirs = created.body.id;
    const token = await api<{ token: string }>(runtime.baseUrl, runtime.adminToken, 'POST', '/tokens', { userId: 'ana', roles: ['designer'], label: 'relation filter test' });
    expect(token.status, JSON.stringify(token.body)).toBe(201);
    page = await sessionPage(browser, token.body.token, 'ana', problems, { viewport: { width: 1600, height: 1000 } });
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  /** What the live runtime answers for a request naming `assetId` for `employeeId` (422 when outside the filter). */
  async function runtimeRefusal(employeeId: string, assetId: string, locale: 'en' | 'zh-CN'): Promise<Json> {
    const res = await fetch(`${runtime.baseUrl}/api/flows/offboarding/instances`, {
      method: 'POST',
      headers: { authorization: `Bearer ${runtime.adminToken}`, 'content-type': 'application/json', 'accept-language': locale },
      body: JSON.stringify({ data: request(employeeId, { accounts: [], assets: [{ assetId }] }) }),
    });
    expect(res.status).toBe(422);
    return ((await res.json()) as Json).error;
  }

  it('refuses another employee\'s asset at the field, word for word as the runtime, in en and zh-CN', async ({ onTestFailed }) => {
    onTestFailed(() => saveScreenshot(page, 'failure-simulator-relation-filter'));
    await page.goto(`${runtime.baseUrl}/build/flow/offboarding`);
    await page.getByTestId('toggle-simulate').click();
    await page.getByTestId('sim-start-form').waitFor({ timeout: 20_000 });
    const picker = page.locator('#sim-start_assets_0_assetId');
    await expect.poll(() => picker.inputValue(), { timeout: 20_000 }).toBe('sample-asset-1');
    // The simulation offers every record it holds; the analyst picks Zed's laptop for the sample leaver.
    await picker.selectOption(theirs);
    await page.getByTestId('sim-run').click();
    const issues = page.getByTestId('sim-start-issues');
    await issues.waitFor({ timeout: 10_000 });
    const live = await runtimeRefusal('ana', theirs, 'en');
    expect(live.code).toBe('BATON_E_RELATION_NOT_ALLOWED');
    expect(live.message).toBe(`Choose another record for "Asset" (/data/assets/0/assetId): "${theirs}" is not one this field offers (its filter, e.g. records held by the person named in the form, excludes it).`);
    expect(await issues.textContent()).toContain(live.message);
    // At the field itself, not only in the list above the form.
    const field = page.getByTestId('sim-start-form').locator('.rjsf-field-error', { hasText: 'is not one this field offers' });
    await expect.poll(() => field.count()).toBeGreaterThan(0);
    expect(await page.getByTestId('sim-tasks').count()).toBe(0);
    await saveScreenshot(page, 'simulator-relation-filter-refused');

    // In Chinese: the same pick (made again once the form is drawn in Chinese), the runtime's Chinese words.
    await page.getByLabel('Language').selectOption('zh-CN');
    await expect.poll(() => page.getByTestId('sim-start-form').locator('#sim-start_assets_0_assetId option', { hasText: 'LT-7001' }).count(), { timeout: 20_000 }).toBe(1);
    await picker.selectOption(theirs);
    await page.getByTestId('sim-run').click();
    const liveZh = await runtimeRefusal('ana', theirs, 'zh-CN');
    await expect.poll(() => issues.textContent(), { timeout: 10_000 }).toContain(liveZh.message);
    expect(liveZh.message).toContain('请为“资产”（/data/assets/0/assetId）重新选择记录');
    await page.getByLabel('语言').selectOption('en');

    // The leaver's own (sample) asset passes, and the run goes on to the manager.
    await picker.selectOption('sample-asset-1');
    await page.getByTestId('sim-run').click();
    await page.getByTestId('sim-task-managerApproval').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('sim-start-issues').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
