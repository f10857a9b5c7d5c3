import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';

/** Where suites leave screenshots for a person to look at (tests/browser/artifacts). */
export const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

export interface PageOptions {
  locale?: string;
  viewport?: { width: number; height: number };
}

/** A page of its own context whose script errors land in `problems` (a suite ends by expecting none). */
export async function trackedPage(browser: Browser, problems: string[], options: PageOptions = {}, label = ''): Promise<Page> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 900 }, locale: options.locale ?? 'en-US' });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror${label ? ` (${label})` : ''}: ${e.message}`));
  return page;
}

/** A page signed in as `userId` the way the designer keeps a session (sessionStorage), without a sign-in journey. */
export async function sessionPage(browser: Browser, token: string, userId: string, problems: string[], options: PageOptions = {}): Promise<Page> {
  const page = await trackedPage(browser, problems, options, userId);
  await page.context().addInitScript(([tk, id]) => {
    const { sessionStorage } = globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } };
    sessionStorage.setItem('baton.token', tk!);
    sessionStorage.setItem('baton.token.user', id!);
  }, [token, userId]);
  return page;
}
