import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app/build-app.js';
import { openDatabase } from '../../src/db/open-database.js';
import { testConfig } from '../harness/for-each-database.js';

// A real pool pointed at a port where no PostgreSQL listens: what clients see while the server is down.
describe('database unavailable', () => {
  it('answers 503 with Retry-After and a code, not a 500', async () => {
    const database = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:1/none', onConnectionError: () => {} });
    const app = await buildApp({ db: database, config: testConfig({ databaseUrl: 'postgres://postgres@127.0.0.1:1/none' }), logger: false });
    try {
      const authed = await app.inject({ method: 'GET', url: '/api/definitions', headers: { authorization: 'Bearer x' } });
      expect(authed.statusCode).toBe(503);
      expect(authed.headers['retry-after']).toBe('5');
      expect(authed.json().error.code).toBe('BATON_E_DATABASE_UNAVAILABLE');
      const health = await app.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode).toBe(503);
    } finally {
      await app.close();
      await database.close();
    }
  });
});
