import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Closed, withErrors } from '../app/schema-helpers.js';
import { verifyAudit } from './verify-audit.js';

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/audit/verify',
    {
      config: { roles: ['auditor'] },
      schema: {
        tags: ['audit'],
        summary: 'Recompute the audit hash chain and report the first entry that does not follow',
        response: withErrors({
          200: Closed({
            ok: Type.Boolean(),
            entries: Type.Integer(),
            head: Type.Union([Type.String(), Type.Null()]),
            firstBrokenSeq: Type.Optional(Type.Integer()),
          }),
        }),
      },
    },
    async () => verifyAudit(app.baton.database.db),
  );
};
