import type { InvokeEffect } from '@baton/engine';
import { writeOutbox } from '../execution/effect-rows.js';
import type { ExecutionServices } from '../execution/execution-services.js';
import type { OutboxDelivery, OutboxHandler, OutboxHandlerContext, OutboxOutcome } from '../workers/outbox-handler.js';
import { ConnectorFailure } from './connector-failure.js';
import { disableConnector, enabledConnectorsOfType, loadConnector, recordDelivery } from './connector-store.js';
import type { ActionResult } from './connector-type.js';
import { failureResult } from './http/http-outcome.js';
import { reportInvokeOutcome } from './report-invoke-outcome.js';
import { runConnectorAction, type ActionDeps } from './run-connector-action.js';

// Messages and event deliveries are plumbing, not business actions: reporting them on the instance would
// flood its history (and an event about an event delivery would loop through the subscriptions).
const UNREPORTED_ACTIONS = new Set(['sendMessage', 'deliverEvent']);

/** The outcome the outbox worker understands; the note (e.g. the SCIM proof) rides in the log. */
export function toOutcome(result: ActionResult): OutboxOutcome {
  if (result.status === 'ok') {
    const said = result.note ?? (result.proof ? JSON.stringify(result.proof) : undefined);
    // "skipped:" is what the instance timeline reads as "Skipped" (as for a fan-out to no connector, below).
    const note = result.skipped ? `skipped: ${said ?? 'nothing was sent'}` : said;
    return { status: 'delivered', log: { ...result.log, ...(note ? { note } : {}) } };
  }
  if (result.status === 'retry') {
    return { status: 'retry', error: result.error, ...(result.retryAfterMs !== undefined ? { retryAfterMs: result.retryAfterMs } : {}), ...(result.log ? { log: result.log } : {}) };
  }
  return { status: 'dead', error: result.error, ...(result.log ? { log: result.log } : {}) };
}

/**
 * `type:<t>` means every enabled connector of that type at delivery time (so one added after a pack was
 * imported is included): one outbox row per connector, keyed `<effect key>/<connector key>`, so each has its
 * own retries, dead letter and proof. A redelivery of the fan-out inserts nothing new.
 */
async function fanOut(delivery: OutboxDelivery<InvokeEffect>, ctx: OutboxHandlerContext, type: string): Promise<OutboxOutcome> {
  const rows = await enabledConnectorsOfType(ctx.db, type);
  const effect = delivery.effect;
  const effects: InvokeEffect[] = rows.map((row) => ({ ...effect, key: `${delivery.idempotencyKey}/${row.key}`, connector: row.key }));
  const written = await writeOutbox(ctx.db, delivery.instanceId, effects);
  const note = rows.length === 0
    // "skipped:" is the prefix the delivery log (designer/src/workspace/timeline/delivery-log.tsx) shows as "Skipped".
    ? `skipped: no enabled ${type} connector is configured, so nothing was sent`
    : `${effect.action} fanned out to ${rows.map((r) => r.key).join(', ')} (${written} new deliveries)`;
  return { status: 'delivered', log: { note } };
}

/** The name people know a connector's system by, in both languages: its config's `system` (SCIM), else its key. */
export function systemNameOf(key: string, config: Record<string, unknown> | undefined): { en: string; 'zh-CN': string } {
  const system = config?.system;
  if (typeof system === 'string' && system.trim() !== '') return { en: system, 'zh-CN': system };
  if (system && typeof system === 'object') {
    const named = system as Record<string, unknown>;
    const en = typeof named.en === 'string' ? named.en : undefined;
    const zh = typeof named['zh-CN'] === 'string' ? named['zh-CN'] : undefined;
    return { en: en ?? zh ?? key, 'zh-CN': zh ?? en ?? key };
  }
  return { en: key, 'zh-CN': key };
}

export function invokeHandler(deps: ActionDeps & { services: ExecutionServices }): OutboxHandler<'invoke'> {
  return {
    type: 'invoke',
    async handle(delivery, ctx) {
      const effect = delivery.effect;
      if (effect.connector.startsWith('type:')) return fanOut(delivery, ctx, effect.connector.slice('type:'.length).split('/')[0] ?? '');
      const started = performance.now();
      const row = await loadConnector(ctx.db, effect.connector);
      const result = row
        ? await runConnectorAction({ ...deps, db: ctx.db }, {
            row,
            action: effect.action,
            params: effect.params,
            idempotencyKey: delivery.idempotencyKey,
            attempt: delivery.attempt,
            now: ctx.now,
            signal: ctx.signal,
            instanceId: delivery.instanceId,
          })
        : failureResult(new ConnectorFailure('BATON_E_CONNECTOR_MISCONFIGURED', { key: effect.connector, detail: 'no such connector is configured (PUT /api/connectors/:key)' }));
      if (row) {
        await recordDelivery(ctx.db, {
          connectorKey: row.key,
          outboxId: delivery.id,
          idempotencyKey: delivery.idempotencyKey,
          instanceId: delivery.instanceId,
          action: effect.action,
          subject: result.subject ?? null,
          attempt: delivery.attempt,
          status: result.status === 'ok' ? (result.skipped ? 'skipped' : 'delivered') : result.status,
          error: result.status === 'ok' ? null : result.error,
          // A skip's reason is its proof: why nothing was sent.
          proof: result.status === 'ok' ? (result.skipped ? { state: 'skipped', reason: result.note ?? 'nothing was sent', ...result.proof } : (result.proof ?? null)) : null,
          durationMs: Math.round(performance.now() - started),
          at: new Date(),
        });
        if (result.status === 'dead' && result.disable) await disableConnector(ctx.db, row.key, 'the receiver answered 410 Gone', ctx.now);
      }
      const final = result.status !== 'retry' || delivery.attempt >= ctx.config.workers.outboxMaxAttempts;
      if (final && delivery.instanceId && !UNREPORTED_ACTIONS.has(effect.action)) {
        try {
          await reportInvokeOutcome(ctx.db, deps.services, {
            instanceId: delivery.instanceId,
            connector: effect.connector,
            connectorType: row?.type ?? 'unknown',
            system: systemNameOf(effect.connector, row?.config),
            action: effect.action,
            outcome: result.status === 'ok' ? 'succeeded' : 'failed',
            ...(result.status === 'ok' ? (result.proof ? { proof: result.proof } : {}) : { error: result.error }),
          });
        } catch (err) {
          // The delivery's own outcome stands; the instance misses one runtime event, and the log says so.
          ctx.log.warn({ err: err instanceof Error ? err.message : String(err), outboxId: delivery.id }, 'could not record the connector outcome on the instance');
        }
      }
      return toOutcome(result);
    },
  };
}
