import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { sql } from 'kysely';
import { Closed, withErrors } from '../app/schema-helpers.js';

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    {
      config: { public: true },
      // Plain JSON.stringify of the two fields: the first health check at start-up would otherwise load and
      // run fast-json-stringify (see app/lazy-schemas.ts) before answering.
      serializerCompiler: () => (data) => JSON.stringify(data),
      schema: {
        tags: ['health'],
        security: [],
        summary: 'Liveness and database reachability (no token needed)',
        response: withErrors({
          200: Closed({ status: Type.Literal('ok'), db: Type.Union([Type.Literal('postgres'), Type.Literal('pglite')]) }),
        }),
      },
    },
    async () => {
      const database = app.baton.database;
      if (database.pglite) {
        // The embedded database lives in this process: open means reachable. A query would only wait behind
        // the transaction holding its one connection (the starter pack's import at start-up, a timer batch)
        // and say nothing more about health.
        if (database.pglite.closed) {
          throw Object.assign(new Error('the embedded database is closed'), { code: '57P01' });
        }
      } else {
        await sql`select 1`.execute(database.db);
      }
      return { status: 'ok' as const, db: database.dialect };
    },
  );
};
