import fs from 'node:fs';
import type { Browser } from 'playwright-core';

/** Debian's Chromium: playwright cannot download its own browser here (see shared/STACK-NOTES.md). */
export const CHROMIUM = process.env.BATON_CHROMIUM ?? '/usr/bin/chromium';

export function hasChromium(): boolean {
  return fs.existsSync(CHROMIUM);
}

/** Printed once, plainly, when the browser suites cannot run on this machine. */
export function skipNotice(): string {
  return `Browser suites skipped: ${CHROMIUM} is missing (install Debian's chromium; .ci/run does).`;
}

/** Launches Debian's Chromium headless; playwright-core is loaded only when a suite really runs. */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
}
