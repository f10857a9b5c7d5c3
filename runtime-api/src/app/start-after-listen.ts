import type { FastifyInstance } from 'fastify';

/** The apps (keyed by `app.baton`, shared by every context) whose background work waits for listen. */
const afterListen = new WeakSet<object>();

/**
 * How long after listening the background work starts. Started at once, the workers' first round (~0.35 s of
 * CPU on PGlite's cold caches, on the main thread) ran ahead of the first health check that came in just
 * after listen, and that answer came as late as before. A quarter second lets the first requests through;
 * timers that fell due while the service was down still fire at start-up.
 */
export const BACKGROUND_START_DELAY_MS = 250;

/**
 * Called by server.ts before `listen`: the workers and the audit chainer start shortly after the server
 * listens, not when the app is ready. Their first queries on the embedded database run on the main thread
 * and delayed the first /api/health answer by 0.2–0.4 s; they still run at start-up, just after it.
 */
export function startBackgroundWorkAfterListen(app: FastifyInstance): void {
  afterListen.add(app.baton);
}

/**
 * Runs `start` once: when the app is ready, or, for an app marked by startBackgroundWorkAfterListen,
 * BACKGROUND_START_DELAY_MS after it listens. Tests that build the app and `inject` never listen, so for
 * them nothing changes. Never once the app is closing (a SIGTERM during start-up must not start loops that nothing stops).
 */
export function onBackgroundStart(app: FastifyInstance, start: () => void): void {
  let started = false;
  let closing = false;
  let delayed: NodeJS.Timeout | undefined;
  const once = () => {
    if (started || closing) return;
    started = true;
    start();
  };
  app.addHook('onReady', async () => {
    if (!afterListen.has(app.baton)) once();
  });
  app.addHook('onListen', async () => {
    if (afterListen.has(app.baton)) delayed = setTimeout(once, BACKGROUND_START_DELAY_MS);
  });
  app.addHook('preClose', async () => {
    closing = true;
    clearTimeout(delayed);
  });
}
