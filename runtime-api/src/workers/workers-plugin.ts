import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { onBackgroundStart } from '../app/start-after-listen.js';
import { executionServices } from '../execution/execution-services.js';
import { setDataHandler } from './set-data-handler.js';
import { startFlowHandler } from './start-flow-handler.js';

/**
 * Registers the built-in outbox handlers (setData, startFlow) and ties the workers to the app's life:
 * started when the app is ready, or once it listens when server.ts asks (BATON_WORKERS on), stopped on
 * close before the caller closes the database. Other modules register their handlers on `app.baton.outboxHandlers` while the app is built;
 * the workers read the registry on every claim, so order does not matter.
 */
export const workersPlugin = fp(
  async (app: FastifyInstance) => {
    const services = executionServices(app.baton.database, app.baton.config);
    app.baton.outboxHandlers.register(setDataHandler(services));
    app.baton.outboxHandlers.register(startFlowHandler(services));
    // Entries the workers appended are chained right after their commit (the sweep is only the safety net).
    app.baton.workers.onCommitted(() => {
      app.baton.audit.flush().catch((err: unknown) => app.log.warn({ err }, 'audit chaining after a worker commit failed; the sweep retries'));
    });
    // At start-up their first round fires the timers that fell due while the service was down.
    onBackgroundStart(app, () => {
      if (app.baton.config.workers.enabled) app.baton.workers.start();
    });
    // preClose runs first thing in app.close(): no new claims while other plugins shut down.
    app.addHook('preClose', async () => {
      app.baton.workers.halt();
    });
    app.addHook('onClose', async () => {
      await app.baton.workers.stop();
    });
  },
  { name: 'baton-workers' },
);
