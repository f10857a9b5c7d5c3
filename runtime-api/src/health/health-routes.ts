import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { sql } from 'kysely';
import { Closed, withErrors } from '../app/schema-helpers.js';

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    {
      config: { public: true },
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
      await sql`select 1`.execute(app.baton.database.db);
      return { status: 'ok' as const, db: app.baton.database.dialect };
    },
  );
};
