import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** Debian's Chromium: playwright cannot download its own browser here (see shared/STACK-NOTES.md). */
export const CHROMIUM = process.env.BATON_CHROMIUM ?? '/usr/bin/chromium';

export function hasChromium(): boolean {
  return fs.existsSync(CHROMIUM);
}

/** Printed once, plainly, when the browser suites cannot run on this machine. */
export function skipNotice(): string {
  return `Browser suites skipped: ${CHROMIUM} is missing (install Debian's chromium; .ci/run does).`;
}

/** Launches a Chromium of its own, headless; playwright-core is loaded only when a suite really runs. */
export async function launchOwnChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
}

// One Chromium per test worker, shared by the suites the worker runs one after another (the browser project
// does not isolate files): a launch and a close cost 2-4 s on a busy 2-core machine. Each suite still gets
// contexts of its own (separate cookies, storage and pages). It is closed once no suite has used it for a
// moment, so no Chromium outlives its worker.
const IDLE_CLOSE_MS = 3_000;

interface Shared {
  browser: Promise<Browser>;
  leases: number;
  idle?: NodeJS.Timeout;
}

const KEY = Symbol.for('baton.browser-tests.shared-chromium');
const slot = globalThis as unknown as { [KEY]?: Shared };

async function sharedBrowser(): Promise<Shared> {
  let shared = slot[KEY];
  if (shared) {
    const browser = await shared.browser.catch(() => undefined);
    if (browser?.isConnected()) return shared;
    if (slot[KEY] === shared) slot[KEY] = undefined;
  }
  shared = slot[KEY];
  if (!shared) {
    const created: Shared = { browser: launchOwnChromium(), leases: 0 };
    created.browser.catch(() => {
      if (slot[KEY] === created) slot[KEY] = undefined;
    });
    slot[KEY] = shared = created;
  }
  return shared;
}

function release(shared: Shared): void {
  shared.leases--;
  if (shared.leases > 0) return;
  clearTimeout(shared.idle);
  shared.idle = setTimeout(() => {
    if (shared.leases > 0) return;
    if (slot[KEY] === shared) slot[KEY] = undefined;
    void shared.browser.then((b) => b.close()).catch(() => {});
  }, IDLE_CLOSE_MS);
}

/**
 * A suite's own view of the worker's shared Chromium: what it opens (newContext, newPage) is its own, and
 * `close()` closes only that, leaving the browser to the next suite. Everything else is the real Browser.
 */
function lease(browser: Browser, shared: Shared): Browser {
  const contexts = new Set<BrowserContext>();
  let closed = false;
  const track = (context: BrowserContext): BrowserContext => {
    contexts.add(context);
    context.on('close', () => contexts.delete(context));
    return context;
  };
  const own: Partial<Browser> = {
    newContext: async (...args: Parameters<Browser['newContext']>) => track(await browser.newContext(...args)),
    // Like Browser.newPage: a page in a context of its own, closed with the page.
    newPage: async (...args: Parameters<Browser['newPage']>): Promise<Page> => {
      const context = track(await browser.newContext(...args));
      const page = await context.newPage();
      page.on('close', () => void context.close().catch(() => {}));
      return page;
    },
    contexts: () => [...contexts],
    close: async () => {
      if (closed) return;
      closed = true;
      await Promise.all([...contexts].map((c) => c.close().catch(() => {})));
      release(shared);
    },
  };
  return new Proxy(browser, {
    get(target, prop) {
      if (Object.prototype.hasOwnProperty.call(own, prop)) return own[prop as keyof Browser];
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * Debian's Chromium, headless, for one suite: the worker's shared browser (launched on first use), seen
 * through a lease whose `close()` closes the suite's own contexts and pages. Suites keep calling
 * `browser.close()` in afterAll as before. BATON_SHARED_CHROMIUM=0 gives every suite a browser of its own.
 */
export async function launchChromium(): Promise<Browser> {
  if (process.env.BATON_SHARED_CHROMIUM === '0') return launchOwnChromium();
  const shared = await sharedBrowser();
  shared.leases++;
  clearTimeout(shared.idle);
  try {
    return lease(await shared.browser, shared);
  } catch (err) {
    shared.leases--;
    throw err;
  }
}
