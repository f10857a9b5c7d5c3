import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { appendAudit } from '../audit/append-audit.js';
import { runCommand } from '../commands/run-command.js';
import { ApiError } from '../errors/api-error.js';
import { Closed, IsoDateTime, withErrors } from '../app/schema-helpers.js';
import { insertToken } from './api-tokens.js';
import { principalOf } from './auth-plugin.js';
import './auth-errors.js';

const Role = Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$' });

export const tokensRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/tokens',
    {
      // Only admins; and no Idempotency-Key replay, which would have to store the new secret.
      config: { roles: [], idempotency: false },
      schema: {
        tags: ['auth'],
        summary: 'Mint an API token for a directory user (shown once in the response)',
        body: Closed({
          userId: Type.String({ minLength: 1, maxLength: 128 }),
          roles: Type.Optional(Type.Array(Role, { maxItems: 20, uniqueItems: true, description: 'Granted on top of the user\'s directory roles.' })),
          label: Type.Optional(Type.String({ maxLength: 200 })),
          expiresAt: Type.Optional(IsoDateTime),
        }),
        response: withErrors({
          201: Closed({
            id: Type.String(),
            token: Type.String({ description: 'The secret: store it now, it is never shown again.' }),
            userId: Type.String(),
            roles: Type.Array(Type.String()),
            label: Type.Union([Type.String(), Type.Null()]),
            expiresAt: Type.Union([IsoDateTime, Type.Null()]),
          }),
        }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { userId, roles = [], label, expiresAt } = request.body;
      const expiry = expiresAt ? new Date(expiresAt) : null;
      if (expiry && expiry.getTime() <= Date.now()) throw new ApiError('BATON_E_TOKEN_EXPIRY_PAST', {}, [], '/expiresAt');
      return runCommand(request, reply, async (trx) => {
        const user = await trx.selectFrom('directory_users').select(['id']).where('id', '=', userId).where('active', '=', true).executeTakeFirst();
        if (!user) throw new ApiError('BATON_E_TOKEN_USER_UNKNOWN', { userId }, [], '/userId');
        const issued = await insertToken(trx, { userId, roles, label: label ?? null, expiresAt: expiry, createdBy: principal.userId });
        await appendAudit(trx, {
          actor: principal.userId,
          action: 'token.created',
          subjectKind: 'token',
          subjectId: issued.id,
          data: { userId, roles, expiresAt: expiry?.toISOString() ?? null },
        });
        return { status: 201, body: { ...issued, expiresAt: issued.expiresAt?.toISOString() ?? null } };
      });
    },
  );
};
