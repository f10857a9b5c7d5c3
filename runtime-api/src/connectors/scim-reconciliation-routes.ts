import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { randomUUID } from 'node:crypto';
import { withErrors } from '../app/schema-helpers.js';
import type { ConnectorRuntime } from './connector-runtime.js';
import { ReconciliationQuery, ReconciliationResult } from './connector-schemas.js';
import { connectorDb, type ConnectorRow } from './connector-store.js';
import { localizedError, runConnectorAction } from './run-connector-action.js';
import { systemName, type ScimConfig } from './types/scim-connector.js';

type State = 'active' | 'inactive' | 'absent' | 'unknown';

/**
 * GET /api/connectors/scim/reconciliation?userId= asks every SCIM connector, live, whether the person still
 * has an active account, next to the newest revocation proof recorded for them. `stillActive` lists the
 * systems where access has not ended; a system that cannot be asked is `unknown`, never assumed revoked.
 */
export const scimReconciliationRoutes: FastifyPluginAsyncTypebox<{ runtime: ConnectorRuntime }> = async (app, { runtime }) => {
  const db = app.baton.database.db;

  app.get(
    '/connectors/scim/reconciliation',
    {
      config: { roles: ['hr', 'auditor'] },
      schema: {
        tags: ['connectors'],
        summary: 'Where a leaver still has an active account: every SCIM system asked live, with the last revocation proof',
        querystring: ReconciliationQuery,
        response: withErrors({ 200: ReconciliationResult }),
      },
    },
    async (request) => {
      const { userId } = request.query;
      const cdb = connectorDb(db);
      const rows = await cdb.selectFrom('connectors').selectAll().where('type', '=', 'scim').orderBy('key').execute();
      const checkedAt = new Date();
      const items = await Promise.all(
        rows.map(async (row: ConnectorRow) => {
          const system = systemName(row.config as unknown as ScimConfig, row.key, request.locale);
          const proofRow = await cdb
            .selectFrom('connector_deliveries')
            .select(['at', 'proof'])
            .where('connector_key', '=', row.key)
            .where('subject', '=', userId)
            .where('status', '=', 'delivered')
            .where('action', '=', 'deactivateUser')
            .orderBy('id', 'desc')
            .limit(1)
            .executeTakeFirst();
          const proof = proofRow?.proof ?? null;
          const lastProof = proofRow && proof
            ? { at: proofRow.at.toISOString(), note: typeof proof.verifiedAt === 'string' ? `revocation verified at ${proof.verifiedAt}` : `state ${String(proof.state)}`, proof }
            : null;
          const result = await runConnectorAction(
            { runtime, secrets: app.baton.secrets, db, publicUrl: app.baton.config.connectors.publicUrl },
            { row, action: 'findUser', params: { userId }, idempotencyKey: `reconcile-${randomUUID()}`, attempt: 1, now: checkedAt, signal: AbortSignal.timeout(60_000), instanceId: null },
          );
          const state: State = result.status === 'ok' ? ((result.proof?.state as State | undefined) ?? 'unknown') : 'unknown';
          return { key: row.key, system, state, error: result.status === 'ok' ? null : (localizedError(result, request.locale) ?? result.error), lastProof };
        }),
      );
      return { userId, checkedAt: checkedAt.toISOString(), stillActive: items.filter((i) => i.state === 'active').map((i) => i.key), items };
    },
  );
};
