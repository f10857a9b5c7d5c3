import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readPackFolder } from '../../../packages/cli/src/index.js';
import { launchChromium } from './browser-env.js';
import { startRuntime, type RunningRuntime } from './runtime-server.js';
import { sceneCaller } from './scene.js';

const PACK_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../templates/offboarding');

/** A runtime with the offboarding pack and its demo people imported, and a Chromium beside it. */
export async function startDemoPackRuntime(): Promise<{ runtime: RunningRuntime; browser: Browser }> {
  const [runtime, browser] = await Promise.all([startRuntime(), launchChromium()]);
  const { bundle } = await readPackFolder(PACK_DIR, { demo: true });
  await sceneCaller(runtime.baseUrl, runtime.adminToken)('POST', '/packs/import?demo=true', bundle);
  return { runtime, browser };
}

/**
 * A fresh browser context (its own session storage) signed in as `userId` through the demo picker; its
 * page errors go to `problems`, and the context to `contexts` for closing.
 */
export async function demoSignIn(
  browser: Browser,
  baseUrl: string,
  userId: string,
  problems: string[],
  contexts: BrowserContext[],
  options: { consoleErrors?: boolean } = {},
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror (${userId}): ${e.message}`));
  if (options.consoleErrors) {
    page.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(`console (${userId}): ${m.text()}`);
    });
  }
  await page.goto(`${baseUrl}/inbox`);
  await page.waitForURL(/\/sign-in/);
  await page.getByTestId('demo-picker').waitFor();
  await page.getByTestId(`demo-${userId}`).click();
  await page.waitForURL(/\/inbox$/);
  return page;
}
