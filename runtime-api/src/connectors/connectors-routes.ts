import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { randomUUID } from 'node:crypto';
import { principalOf } from '../auth/auth-plugin.js';
import { withErrors } from '../app/schema-helpers.js';
import { runCommand } from '../commands/run-command.js';
import { ApiError } from '../errors/api-error.js';
import type { ConnectorRuntime } from './connector-runtime.js';
import {
  ConnectorKeyParams,
  ConnectorListResult,
  ConnectorTestResult,
  ConnectorTypeListResult,
  ConnectorViewSchema,
  DeliveryListQuery,
  DeliveryListResult,
  MASKED,
  PutConnectorBody,
  type ConnectorView,
} from './connector-schemas.js';
import { connectorDb, lastDeliveries, loadConnector, type ConnectorRow, type DeliveryRow } from './connector-store.js';
import { listDeliveries } from './delivery-list.js';
import { localizedError, runConnectorAction } from './run-connector-action.js';
import { missingSecrets, saveConnector } from './save-connector.js';
import './connector-errors.js';

function lastDeliveryView(row: DeliveryRow | undefined) {
  if (!row) return null;
  return { at: row.at.toISOString(), action: row.action, status: row.status, attempt: row.attempt, error: row.error };
}

export const connectorsRoutes: FastifyPluginAsyncTypebox<{ runtime: ConnectorRuntime }> = async (app, { runtime }) => {
  const db = app.baton.database.db;
  const publicUrl = app.baton.config.connectors.publicUrl;
  /** Who may read a connector's config (no secret values: those are masked): designers, and admins. */
  const readers = ['designer'] as const;
  /**
   * Who may see which connectors exist, their health and their types, without config or secrets: readers
   * and auditors (who also read deliveries, below) — their way into the deliveries they audit.
   */
  const listers = ['designer', 'auditor'] as const;

  const view = (row: ConnectorRow, last: DeliveryRow | undefined): ConnectorView => {
    const type = runtime.types.get(row.type);
    const missing = missingSecrets(type, row.secrets);
    const inbound = row.type === 'webhook' && (row.config.direction === 'in' || row.config.direction === 'both');
    return {
      key: row.key,
      type: row.type,
      configured: type !== undefined && missing.length === 0,
      enabled: row.enabled,
      disabledReason: row.disabled_reason,
      disabledAt: row.disabled_at ? row.disabled_at.toISOString() : null,
      config: row.config,
      secrets: Object.fromEntries(Object.keys(row.secrets).map((name) => [name, MASKED])) as Record<string, typeof MASKED>,
      missingSecrets: missing,
      inboundUrl: inbound ? `${publicUrl ?? ''}/api/hooks/${row.key}` : null,
      version: row.version,
      createdBy: row.created_by,
      createdAt: row.created_at.toISOString(),
      updatedBy: row.updated_by,
      updatedAt: row.updated_at.toISOString(),
      lastDelivery: lastDeliveryView(last),
    };
  };

  app.get(
    '/connector-types',
    {
      config: { roles: listers },
      schema: { tags: ['connectors'], summary: 'Connector types this server knows (built-in and plugins), with their config schemas', response: withErrors({ 200: ConnectorTypeListResult }) },
    },
    async () => ({
      items: runtime.types.list().map((t) => ({
        type: t.type,
        version: t.version,
        label: t.label,
        description: t.description,
        configSchema: t.configSchema as Record<string, unknown>,
        secrets: t.secrets.map((s) => ({ name: s.name, required: s.required, description: s.description })),
        anySecrets: t.anySecrets === true,
        actions: Object.entries(t.actions).map(([name, a]) => ({ name, label: a.label ?? null, paramsSchema: a.paramsSchema as Record<string, unknown> })),
        channel: t.channel?.channel ?? null,
      })),
    }),
  );

  app.get(
    '/connectors',
    {
      config: { roles: listers },
      schema: { tags: ['connectors'], summary: 'Configured connectors and those only declared by published definitions, with their last delivery', response: withErrors({ 200: ConnectorListResult }) },
    },
    async () => {
      const rows = await connectorDb(db).selectFrom('connectors').selectAll().orderBy('key').execute();
      const last = await lastDeliveries(db, rows.map((r) => r.key));
      const items = rows.map((row) => {
        const v = view(row, last.get(row.key));
        return { key: v.key, type: v.type, configured: v.configured, enabled: v.enabled, disabledReason: v.disabledReason, lastDelivery: v.lastDelivery };
      });
      const declared = await db.selectFrom('definitions').select(['key', 'body']).where('kind', '=', 'connector').where('status', '=', 'published').execute();
      for (const def of declared) {
        if (items.some((i) => i.key === def.key)) continue;
        const type = String((def.body as { type?: unknown }).type ?? '').split('@')[0] ?? '';
        items.push({ key: def.key, type, configured: false, enabled: false, disabledReason: 'not configured yet: PUT /api/connectors/' + def.key, lastDelivery: null });
      }
      items.sort((a, b) => a.key.localeCompare(b.key));
      return { items };
    },
  );

  app.get(
    '/connectors/:key',
    {
      config: { roles: readers },
      schema: { tags: ['connectors'], summary: 'One connector: config, which secrets are set (masked), state, last delivery', params: ConnectorKeyParams, response: withErrors({ 200: ConnectorViewSchema }) },
    },
    async (request) => {
      const row = await loadConnector(db, request.params.key);
      if (!row) throw new ApiError('BATON_E_CONNECTOR_NOT_FOUND', { key: request.params.key }, [], '/params/key');
      return view(row, (await lastDeliveries(db, [row.key])).get(row.key));
    },
  );

  app.put(
    '/connectors/:key',
    {
      config: { roles: [] },
      schema: {
        tags: ['connectors'],
        summary: 'Create or replace a connector (admin): config checked by its type, secrets stored encrypted and never returned',
        params: ConnectorKeyParams,
        body: PutConnectorBody,
        response: withErrors({ 200: ConnectorViewSchema, 201: ConnectorViewSchema }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      return runCommand(request, reply, async (trx) => {
        const { row, created } = await saveConnector(trx, { runtime, secrets: app.baton.secrets }, principal.userId, request.params.key, request.body, request.locale, new Date());
        return { status: created ? 201 : 200, body: view(row, (await lastDeliveries(trx, [row.key])).get(row.key)) };
      });
    },
  );

  app.post(
    '/connectors/:key/test',
    {
      config: { roles: [] },
      schema: {
        tags: ['connectors'],
        summary: 'A harmless round trip to the peer (admin): a signed ping, a SCIM config read, a test message, an SMTP login',
        params: ConnectorKeyParams,
        response: withErrors({ 200: ConnectorTestResult }),
      },
    },
    async (request) => {
      const row = await loadConnector(db, request.params.key);
      if (!row) throw new ApiError('BATON_E_CONNECTOR_NOT_FOUND', { key: request.params.key }, [], '/params/key');
      const started = performance.now();
      const result = await runConnectorAction(
        { runtime, secrets: app.baton.secrets, db, publicUrl },
        { row, action: null, params: {}, idempotencyKey: `test-${randomUUID()}`, attempt: 1, now: new Date(), signal: AbortSignal.timeout(120_000), instanceId: null },
      );
      const status = result.status === 'ok' ? ('delivered' as const) : result.status;
      return {
        ok: result.status === 'ok',
        status,
        message: result.status === 'ok' ? (result.note ?? 'ok') : (localizedError(result, request.locale) ?? result.error),
        code: result.status === 'ok' ? null : (result.code ?? null),
        durationMs: Math.round(performance.now() - started),
        log: (result.log as Record<string, unknown> | undefined) ?? null,
      };
    },
  );

  app.get(
    '/connectors/:key/deliveries',
    {
      config: { roles: ['auditor'] },
      schema: {
        tags: ['connectors'],
        summary: 'The connector\'s deliveries, newest first, with proofs (SCIM: revocation verified at …): filtered by status, action and time, keyset-paged (auditors, admins)',
        params: ConnectorKeyParams,
        querystring: DeliveryListQuery,
        response: withErrors({ 200: DeliveryListResult }),
      },
    },
    async (request) => listDeliveries(db, request.params.key, request.query),
  );
};
