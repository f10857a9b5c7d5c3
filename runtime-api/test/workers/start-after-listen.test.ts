import { expect, it } from 'vitest';
import { buildApp } from '../../src/app/build-app.js';
import { BACKGROUND_START_DELAY_MS, startBackgroundWorkAfterListen } from '../../src/app/start-after-listen.js';
import { workerDb } from '../../src/workers/worker-database.js';
import { forEachDatabase, testConfig } from '../harness/for-each-database.js';
import { leaveForm, makeDue, setUp, startInstance, waitFlow } from './worker-fixtures.js';

/**
 * server.ts starts the workers and the audit chainer once the server listens (their first queries no
 * longer delay the first health answer): nothing runs at `ready`, the first round just after `listen` fires
 * what fell due while the service was down, and closing before listening starts nothing.
 */
forEachDatabase('background work started after listen', (ctx) => {
  let as: (user: string) => string = () => '';
  const db = () => workerDb(ctx().database.db);
  // Workers on, polling only once a minute: only the first round (at start) can fire a timer.
  const base = testConfig();
  const config = testConfig({ workers: { ...base.workers, enabled: true, pollIntervalMs: 60_000 } });
  const timerStatus = async (id: string) => (await db().selectFrom('timers').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

  it('sets up', async () => {
    as = await setUp(ctx(), [leaveForm, waitFlow]);
  });

  it('starts nothing at ready, fires at listen what fell due while the service was down', async () => {
    const id = await startInstance(ctx(), as('emp'), 'wait', { employeeId: 'emp', lastWorkingDay: '2031-01-10' });
    const [timer] = await db().selectFrom('timers').select('id').where('instance_id', '=', id).where('kind', '=', 'node').execute();
    await makeDue(ctx(), timer!.id);
    const app = await buildApp({ db: ctx().database, config, logger: false });
    try {
      startBackgroundWorkAfterListen(app);
      await app.ready();
      expect(app.baton.workers.running).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await timerStatus(timer!.id)).toBe('scheduled');
      await app.listen({ port: 0, host: '127.0.0.1' });
      // A health check that came in just after listen is answered before the first round starts.
      expect(app.baton.workers.running).toBe(false);
      expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      const deadline = Date.now() + 10_000;
      while ((await timerStatus(timer!.id)) !== 'fired' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await timerStatus(timer!.id)).toBe('fired');
      expect(app.baton.workers.running).toBe(true);
    } finally {
      await app.close();
    }
    expect(app.baton.workers.running).toBe(false);
  });

  it('starts them at ready for an app that is not marked (buildApp + inject, as the tests do)', async () => {
    const app = await buildApp({ db: ctx().database, config, logger: false });
    try {
      await app.ready();
      expect(app.baton.workers.running).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('starts nothing when the app closes before it listens, or in the moment after', async () => {
    for (const listen of [false, true]) {
      const app = await buildApp({ db: ctx().database, config, logger: false });
      startBackgroundWorkAfterListen(app);
      await app.ready();
      if (listen) await app.listen({ port: 0, host: '127.0.0.1' });
      await app.close();
      await new Promise((resolve) => setTimeout(resolve, BACKGROUND_START_DELAY_MS + 100));
      expect(app.baton.workers.running).toBe(false);
    }
  });
});
