import { BatonError } from '@baton/engine';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { recordDelivery } from '../connector-store.js';

/*
 * A verified incoming call leaves a `receive` row in connector_deliveries, like an outgoing try: so an admin
 * sees on GET /api/connectors/:key (lastDelivery) and …/deliveries that the hook works, or why it was refused
 * (BATON_E_HOOK_FORBIDDEN after a role change, say) — the sender alone heard the 403. An accepted call's row
 * commits with its write; a refused call's row is written after its transaction rolled back (the
 * webhook-id is not remembered then, so the sender may send the same message again once it is fixed).
 */

export interface InboundCall {
  connectorKey: string;
  webhookId: string;
  startedAt: number;
}

function durationMs(call: InboundCall): number {
  return Math.max(0, Math.round(performance.now() - call.startedAt));
}

export async function recordInboundAccepted(
  trx: Kysely<Database>,
  call: InboundCall,
  outcome: { status: string; instanceId?: string; recordId?: string },
): Promise<void> {
  // A call the inbound "match" condition left alone wrote nothing: a skip, not a delivery.
  const ignored = outcome.status === 'ignored';
  await recordDelivery(trx, {
    connectorKey: call.connectorKey, outboxId: null, idempotencyKey: call.webhookId, instanceId: outcome.instanceId ?? null,
    action: 'receive', subject: outcome.recordId ?? null, attempt: 1, status: ignored ? 'skipped' : 'delivered', error: null,
    proof: ignored ? { state: 'skipped', reason: 'the payload does not meet the connector\'s inbound "match" condition; nothing was written', outcome: 'ignored' } : { outcome: outcome.status },
    durationMs: durationMs(call), at: new Date(),
  });
}

/** Never masks the refusal itself: a failure to record it is only logged by the caller. */
export async function recordInboundRefused(db: Kysely<Database>, call: InboundCall, err: unknown): Promise<void> {
  const error = err instanceof BatonError ? `${err.code} (HTTP ${err.status}): ${err.message}` : 'BATON_E_INTERNAL: the call failed inside the server (see its log)';
  await recordDelivery(db, {
    connectorKey: call.connectorKey, outboxId: null, idempotencyKey: call.webhookId, instanceId: null,
    action: 'receive', subject: null, attempt: 1, status: 'dead', error, proof: null, durationMs: durationMs(call), at: new Date(),
  });
}
