import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, skipNotice } from './harness/browser-env.js';
import { saveScreenshot, sessionPage } from './harness/pages.js';
import { startRuntime, type RunningRuntime } from './harness/runtime-server.js';

const available = hasChromium();
if (!available) console.log(skipNotice());

/** Every palette entry draws an SVG icon (no two-letter stub) that is not the generic fallback. */
async function expectRealIcons(page: Page, prefix: string): Promise<number> {
  const items = page.locator(`[data-testid^=${prefix}]`);
  await items.first().waitFor({ timeout: 30_000 });
  const icons = await items.evaluateAll((els) =>
    els.map((el) => {
      const icon = el.querySelector('.palette-icon');
      return { id: el.getAttribute('data-testid'), svg: icon?.querySelector('svg') !== null && icon !== null, text: icon?.textContent ?? '', name: icon?.getAttribute('data-icon'), hidden: icon?.getAttribute('aria-hidden') };
    }),
  );
  for (const i of icons) {
    expect(i.svg, `${i.id} has an SVG icon`).toBe(true);
    expect(i.text, `${i.id} icon has no letters`).toBe('');
    expect(i.name, `${i.id} icon is a real one`).not.toBe('generic');
    expect(i.hidden, `${i.id} icon is decorative`).toBe('true');
  }
  return icons.length;
}

// QA P4: palette icons were two-letter stubs and drag announcements named drop areas by their ids.
describe.skipIf(!available)('designer palettes and drag announcements (Chromium)', () => {
  let runtime: RunningRuntime;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startRuntime(), launchChromium()]);
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  it('draws a real icon for every field type and announces "the end of the form", not an id', async ({ onTestFailed }) => {
    const token = await runtime.tokenFor('pal-designer', ['designer']);
    const page = await sessionPage(browser, token, 'pal-designer', problems);
    onTestFailed(() => saveScreenshot(page, 'failure-palette-form'));
    await page.goto(`${runtime.baseUrl}/build/form/pal-a11y`);
    expect(await expectRealIcons(page, 'palette-field-')).toBeGreaterThan(10);

    const live = page.locator('[id^=DndLiveRegion]');
    await page.getByTestId('palette-field-text').focus();
    await page.keyboard.press('Space');
    await expect.poll(() => live.textContent(), { timeout: 5_000 }).toMatch(/the end of the form/);
    await page.keyboard.press('Space');
    await expect.poll(() => live.textContent(), { timeout: 5_000 }).toMatch(/was dropped at the end of the form\./);
    expect(await live.textContent()).not.toMatch(/container|root|section-|section:/);
    await page.getByTestId('field-card-text_1').waitFor({ timeout: 5_000 });
    await saveScreenshot(page, 'palette-form');
    await page.context().close();
  });

  it('draws a real icon for every node type, on the canvas too, and announces "the flow canvas" (zh-CN as well)', async ({ onTestFailed }) => {
    const token = await runtime.tokenFor('pal-designer', ['designer']);
    const page = await sessionPage(browser, token, 'pal-designer', problems, { locale: 'zh-CN' });
    onTestFailed(() => saveScreenshot(page, 'failure-palette-flow'));
    await page.goto(`${runtime.baseUrl}/build/flow/pal-a11y`);
    expect(await expectRealIcons(page, 'palette-node-')).toBeGreaterThan(8);

    const live = page.locator('[id^=DndLiveRegion]');
    await page.getByTestId('palette-node-approval').focus();
    await page.keyboard.press('Space');
    // The keyboard moves the picked-up node 25 px per arrow press: to the right until it is over the canvas.
    for (let i = 0; i < 40 && !/流程画布/.test((await live.textContent()) ?? ''); i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => live.textContent(), { timeout: 5_000 }).toMatch(/^审批 已移到流程画布上方。$/);
    expect(await live.textContent()).not.toMatch(/flow-canvas/);
    await page.keyboard.press('Space');
    await expect.poll(() => live.textContent(), { timeout: 5_000 }).toMatch(/已放到流程画布。/);
    // The dropped node carries its type's icon beside the type name.
    const nodeIcon = page.locator('.flow-node .flow-node-icon[data-icon=stamp] svg').first();
    await nodeIcon.waitFor({ timeout: 10_000 });
    await saveScreenshot(page, 'palette-flow');
    await page.context().close();
  });

  it('had no script errors', () => {
    expect(problems).toEqual([]);
  });
});
