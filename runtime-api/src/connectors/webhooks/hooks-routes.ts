import type { JsonLogic } from '@baton/engine';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import { unstorableBodyError } from '../../app/json-body-parser.js';
import { Closed, KeySchema, withErrors } from '../../app/schema-helpers.js';
import { runCommand } from '../../commands/run-command.js';
import { ApiError } from '../../errors/api-error.js';
import { commandEnv, executionServices } from '../../execution/execution-services.js';
import { connectorDb, connectorInstance, loadConnector } from '../connector-store.js';
import { evaluateTemplate } from '../json-template.js';
import { startFlowFromHook, upsertRecordFromHook, type InboundOutcome } from './inbound-actions.js';
import { recordInboundAccepted, recordInboundRefused } from './inbound-deliveries.js';
import { WEBHOOK_SECRET, type WebhookConfig } from './webhook-connector.js';
import { verifyWebhook } from './webhook-signature.js';
import './hook-errors.js';

const HookResult = Closed({
  status: Type.Union([Type.Literal('started'), Type.Literal('created'), Type.Literal('updated'), Type.Literal('ignored')]),
  instanceId: Type.Optional(Type.String()),
  recordId: Type.Optional(Type.String()),
});

type HookBody = { status: 'started' | 'created' | 'updated' | 'ignored'; instanceId?: string; recordId?: string };

// Ids are kept well past any timestamp window, so a replay is refused for as long as its signature is valid.
const SEEN_ID_RETENTION = '2 days';

function evaluate(logic: JsonLogic, payload: unknown, target: string): unknown {
  try {
    return evaluateTemplate(logic, payload, { now: new Date().toISOString() });
  } catch (err) {
    throw new ApiError('BATON_E_HOOK_MAPPING_FAILED', { target, detail: (err as Error).message }, [], '');
  }
}

/**
 * POST /api/hooks/:key — no bearer token: the caller is authenticated by its Standard Webhooks signature
 * (HMAC over the raw body, compared in constant time), within the connector's timestamp window (300 s by
 * default); a webhook-id seen before is refused. The accepted payload is mapped (JsonLogic) to a flow start
 * or a record upsert in the same transaction that remembers the id, so a failed mapping can be retried.
 */
export const hooksRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = executionServices(app.baton.database, app.baton.config);
  const db = app.baton.database.db;
  // The signature covers the exact bytes sent: keep the raw body, parse it only after verifying.
  // The API's JSON parser (prototype-poisoning safe), run on the verified text.
  const jsonParser = app.getDefaultJsonParser('error', 'error');
  const parseJson = (request: FastifyRequest, raw: string) =>
    new Promise<unknown>((resolve, reject) => {
      jsonParser(request, raw, (err: Error | null, value?: unknown) => (err ? reject(new ApiError('BATON_E_HOOK_BODY_INVALID')) : resolve(value)));
    });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.post(
    '/hooks/:key',
    {
      // Public to the bearer-token check only: the signature below is this route's authentication.
      config: { public: true, idempotency: false },
      schema: {
        tags: ['connectors'],
        summary: 'Incoming webhook (Standard Webhooks signature instead of a token): starts a flow or writes a record',
        description: 'Authenticated by the `webhook-signature` header (HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<raw body>` with the connector\'s signing secret), not by a bearer token. Timestamps older or newer than the connector\'s window (300 s) and webhook-ids seen before are refused.',
        security: [],
        params: Closed({ key: KeySchema }),
        response: withErrors({ 200: HookResult, 201: HookResult, 202: HookResult }),
      },
    },
    async (request, reply) => {
      const { key } = request.params;
      const notFound = () => new ApiError('BATON_E_HOOK_NOT_FOUND', { key }, [], '/params/key');
      const row = await loadConnector(db, key);
      const config = (row?.config ?? {}) as WebhookConfig;
      if (!row || row.type !== 'webhook' || !row.enabled || (config.direction !== 'in' && config.direction !== 'both') || !config.inbound) throw notFound();
      const secret = connectorInstance(row, app.baton.secrets).secret(WEBHOOK_SECRET);
      if (!secret) throw notFound();
      const raw = typeof request.body === 'string' ? request.body : '';
      const verdict = verifyWebhook(secret, request.headers, raw, Math.floor(Date.now() / 1000), config.toleranceSeconds ?? 300);
      if (!verdict.ok) {
        request.log.info({ connector: key, reason: verdict.reason }, 'incoming webhook refused');
        if (verdict.reason === 'headers') throw new ApiError('BATON_E_HOOK_HEADERS', { detail: verdict.detail }, [], '/headers');
        if (verdict.reason === 'timestamp') throw new ApiError('BATON_E_HOOK_TIMESTAMP_SKEW', { detail: verdict.detail }, [], '/headers/webhook-timestamp');
        throw new ApiError('BATON_E_HOOK_SIGNATURE_INVALID', {}, [], '/headers/webhook-signature');
      }
      // From here the sender is known: every outcome is recorded for the connector's admins (inbound-deliveries.ts).
      const call = { connectorKey: key, webhookId: verdict.id, startedAt: performance.now() };
      try {
        const payload = await parseJson(request, raw);
        if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) throw new ApiError('BATON_E_HOOK_BODY_INVALID');
        // What the API's JSON parser refuses (too deep, text PostgreSQL cannot store) is refused here too: a 400, never a 500.
        const unstorable = unstorableBodyError(payload, request.locale);
        if (unstorable) throw unstorable;
        const inbound = config.inbound;
        const actor = `hook:${key}`;
        return await runCommand<HookBody>(request, reply, async (trx) => {
          const tdb = connectorDb(trx);
          await tdb.deleteFrom('webhook_seen_ids').where('connector_key', '=', key).where('seen_at', '<', sql<Date>`now() - ${SEEN_ID_RETENTION}::interval`).execute();
          const fresh = await tdb.insertInto('webhook_seen_ids').values({ connector_key: key, webhook_id: verdict.id }).onConflict((oc) => oc.doNothing()).returning('webhook_id').executeTakeFirst();
          if (!fresh) throw new ApiError('BATON_E_HOOK_REPLAYED', { id: verdict.id }, [], '/headers/webhook-id');
          if (inbound.match !== undefined && !evaluate(inbound.match, payload, 'a match')) {
            await recordInboundAccepted(trx, call, { status: 'ignored' });
            return { status: 202, body: { status: 'ignored' as const } };
          }
          const mapped = evaluate(inbound.map, payload, inbound.action === 'start-flow' ? 'a flow start' : 'a record');
          if (mapped === null || typeof mapped !== 'object' || Array.isArray(mapped)) {
            throw new ApiError('BATON_E_HOOK_MAPPING_FAILED', { target: inbound.action === 'start-flow' ? 'a flow start' : 'a record', detail: 'the mapping did not return an object' });
          }
          // The events this call causes are not echoed back to the connector that sent it (publish-domain-events.ts).
          const env = { ...(await commandEnv(trx, services, actor, request.locale)), originConnector: key };
          const outcome: InboundOutcome = inbound.action === 'start-flow'
            ? await startFlowFromHook(env, inbound.flow ?? '', mapped as Record<string, unknown>, actor)
            : await upsertRecordFromHook(env, { hookKey: key, formKey: inbound.form ?? '', idField: inbound.idField, actAs: inbound.actAs }, mapped as Record<string, unknown>, payload);
          await recordInboundAccepted(trx, call, outcome);
          return { status: outcome.status === 'updated' ? 200 : 201, body: outcome };
        });
      } catch (err) {
        await recordInboundRefused(db, call, err).catch((failure: unknown) => request.log.error({ err: failure, connector: key }, 'could not record a refused incoming webhook'));
        throw err;
      }
    },
  );
};
