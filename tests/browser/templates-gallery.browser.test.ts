import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPackFolder } from '../../runtime-api/src/packs/read-pack-folder.js';
import { api } from './harness/api.js';
import { hasChromium, launchChromium, skipNotice } from './harness/browser-env.js';
import { saveScreenshot, sessionPage } from './harness/pages.js';
import { startRuntime, type RunningRuntime } from './harness/runtime-server.js';

const available = hasChromium();
if (!available) console.log(skipNotice());

const OFFBOARDING = fileURLToPath(new URL('../../templates/offboarding', import.meta.url));

// The template centre in real Chromium against the real runtime and the offboarding template as shipped:
// the installation holds the version before it (imported earlier by a designer, one form different), and HR
// upgrades it from the gallery. A designer's unpublished draft first stops the upgrade with the reason in
// words; once published, the upgrade goes through and the card says what it did.
describe.skipIf(!available)('template centre in Chromium', () => {
  let runtime: RunningRuntime;
  let browser: Browser;
  let hrToken = '';
  let designerToken = '';
  let shipped = 0;
  let assetBody: Record<string, unknown> = {};
  const problems: string[] = [];
  const pages: Page[] = [];

  const open = async (token: string, userId: string, locale = 'en-US') => {
    const page = await sessionPage(browser, token, userId, problems, { locale });
    pages.push(page);
    return page;
  };

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startRuntime(), launchChromium()]);
    const bundle = await readPackFolder(OFFBOARDING, { demo: false });
    shipped = (bundle.manifest as { version: number }).version;
    // The version before, as a designer imported it: the same pack with an older title on the asset form.
    const definitions = (bundle.definitions ?? []).map((d) => (d.kind === 'form' && d.key === 'asset' ? { ...d, title: { en: 'Assets (old)', 'zh-CN': '资产（旧）' } } : d));
    const older = await api(runtime.baseUrl, runtime.adminToken, 'POST', '/packs/import', { ...bundle, manifest: { ...bundle.manifest, version: shipped - 1 }, definitions });
    expect(older.status, JSON.stringify(older.body)).toBe(201);
    assetBody = definitions.find((d) => d.kind === 'form' && d.key === 'asset')!;
    // HR's person in the directory: the card names the installer by name, not by user id.
    const people = await api(runtime.baseUrl, runtime.adminToken, 'POST', '/directory/import', { users: [{ id: 'hr-mei', name: '林美 Mei Lin' }] });
    expect(people.status, JSON.stringify(people.body)).toBe(200);
    hrToken = await runtime.tokenFor('hr-mei', ['hr']);
    designerToken = await runtime.tokenFor('des-li', ['designer']);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(pages.map((p) => p.close().catch(() => {})));
    await browser?.close();
    await runtime?.stop();
  });

  it('lets HR upgrade the offboarding template: a pending draft is refused in words, then the upgrade goes through', { timeout: 120_000 }, async () => {
    // A designer is editing the asset form the upgrade changes: the draft stops it.
    const draft = await api<{ version: number }>(runtime.baseUrl, designerToken, 'POST', '/definitions', { ...assetBody, title: { en: 'Assets (editing)', 'zh-CN': '资产（编辑中）' } });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);

    const page = await open(hrToken, 'hr-mei');
    await page.goto(`${runtime.baseUrl}/`);
    await page.getByRole('link', { name: 'Templates' }).click();
    await page.getByRole('heading', { name: 'Template centre' }).waitFor();
    const card = page.getByTestId('template-card-offboarding');
    await card.getByRole('heading', { name: 'Employee offboarding' }).waitFor();
    expect(await card.getAttribute('data-status')).toBe('upgrade-available');
    expect(await page.getByTestId('template-status-offboarding').textContent()).toBe(`Installed: version ${shipped - 1}. Version ${shipped} is available.`);
    const button = page.getByTestId('template-action-offboarding');
    expect(await button.textContent()).toBe(`Upgrade to version ${shipped}`);

    await button.click();
    const failure = card.getByRole('alert');
    await failure.waitFor();
    expect(await failure.textContent()).toContain('Employee offboarding was not installed: nothing was changed.');
    expect(await failure.getAttribute('data-error-code')).toBe('BATON_E_PACK_DRAFTS_PENDING');
    expect(await failure.textContent()).toContain('unpublished draft');
    expect(await button.isEnabled()).toBe(true);

    // The designer publishes the draft; HR tries again.
    const published = await api(runtime.baseUrl, designerToken, 'POST', `/definitions/form/asset/publish`, { version: draft.body.version });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    await button.click();
    const result = page.getByTestId('template-result-offboarding');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.textContent()).toMatch(new RegExp(`^Upgraded from version ${shipped - 1} to ${shipped}: 1 definition published, \\d+ unchanged\\.`));
    expect(await card.getByRole('alert').count()).toBe(0);
    expect(await card.getAttribute('data-status')).toBe('installed');
    expect(await button.textContent()).toBe('Installed');
    expect(await button.isDisabled()).toBe(true);
    expect(await page.getByTestId('template-status-offboarding').textContent()).toContain(`Installed: version ${shipped}, by 林美 Mei Lin`);
    expect(await page.getByTestId('template-status-offboarding').getAttribute('title')).toBe('hr-mei');
    await saveScreenshot(page, 'templates-gallery-upgraded');

    const packs = await api<{ items: Array<{ key: string; version: number; importedBy: string }> }>(runtime.baseUrl, runtime.adminToken, 'GET', '/packs?key=offboarding');
    expect(packs.body.items[0]).toMatchObject({ version: shipped, importedBy: 'hr-mei' });
    const asset = await api<{ version: number; publishedBy: string }>(runtime.baseUrl, hrToken, 'GET', '/definitions/form/asset');
    expect(asset.body).toMatchObject({ version: draft.body.version + 1, publishedBy: 'hr-mei' });
  });

  it('shows the installed state in Chinese after a reload', async () => {
    const page = await open(hrToken, 'hr-mei', 'zh-CN');
    await page.goto(`${runtime.baseUrl}/templates`);
    await page.getByRole('heading', { name: '模板中心' }).waitFor();
    await page.getByTestId('template-card-offboarding').getByRole('heading', { name: '员工离职' }).waitFor();
    expect(await page.getByTestId('template-status-offboarding').textContent()).toContain(`已安装：第 ${shipped} 版，由 林美 Mei Lin`);
    expect(await page.getByTestId('template-action-offboarding').textContent()).toBe('已安装');
    await saveScreenshot(page, 'templates-gallery-zh');
  });

  it('leads a designer to the template centre from Home and from the Packs page', async () => {
    const page = await open(designerToken, 'des-li');
    await page.goto(`${runtime.baseUrl}/`);
    const tile = page.getByTestId('home-templates');
    await tile.waitFor();
    expect(await tile.textContent()).toBe('Templates: install ready-made applications');
    await tile.click();
    await page.getByRole('heading', { name: 'Template centre' }).waitFor();
    await page.goto(`${runtime.baseUrl}/packs`);
    const hint = page.getByTestId('packs-templates-hint');
    await hint.waitFor();
    await hint.getByRole('link', { name: 'Open the template centre' }).click();
    await page.waitForURL(/\/templates$/);
    await page.getByTestId('template-card-offboarding').waitFor();
    expect(problems).toEqual([]);
  });

  it('keeps the template centre from an employee: no link, and the page says which roles it needs', async () => {
    const page = await open(await runtime.tokenFor('emp-wu', []), 'emp-wu');
    await page.goto(`${runtime.baseUrl}/templates`);
    const refusal = page.getByTestId('need-gallery-role');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('hr, designer or admin');
    expect(await page.getByRole('link', { name: 'Templates' }).count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
