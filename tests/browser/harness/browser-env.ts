import fs from 'node:fs';

/** Debian's Chromium: playwright cannot download its own browser here (see shared/STACK-NOTES.md). */
export const CHROMIUM = process.env.BATON_CHROMIUM ?? '/usr/bin/chromium';

export function hasChromium(): boolean {
  return fs.existsSync(CHROMIUM);
}

/** Printed once, plainly, when the browser suites cannot run on this machine. */
export function skipNotice(): string {
  return `Browser suites skipped: ${CHROMIUM} is missing (install Debian's chromium; .ci/run does).`;
}
