import type { DomainEvent, InvokeEffect } from '@baton/engine';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { writeOutbox } from '../../execution/effect-rows.js';
import { connectorDb } from '../connector-store.js';
import { eventMatches, sendsOut, type WebhookConfig } from './webhook-connector.js';

/** One event and its stable id: `<instanceId>#<history seq>` for flows, `record:<id>#<version>:<type>` for records. */
export interface PublishedEvent {
  id: string;
  event: DomainEvent;
}

export interface PublishOptions {
  /**
   * The connector whose inbound call caused these events (CommandEnv.originConnector). It does not get them
   * back: a record its own system just sent would otherwise return to that system, which writes it again and
   * sends it back — an endless echo between two systems syncing both ways. Other connectors still get them.
   */
  origin?: string | undefined;
}

/**
 * Webhook subscriptions receive domain events through the outbox: call this in the command's transaction
 * with the events it recorded. For every enabled outgoing webhook whose `events` filter matches (except the
 * connector whose inbound call caused them), one `invoke <connector> deliverEvent` row is written, keyed
 * `event:<connector>:<event id>`, so the event is delivered after commit, at least once, with that key as
 * its `webhook-id` — and a replayed command adds nothing. Returns how many deliveries were queued.
 */
export async function publishDomainEvents(
  trx: Kysely<Database>,
  events: readonly PublishedEvent[],
  known?: readonly WebhookSubscription[],
  options: PublishOptions = {},
): Promise<number> {
  if (events.length === 0) return 0;
  const subscriptions = known ?? (await loadWebhookSubscriptions(trx));
  const effects: InvokeEffect[] = [];
  for (const { key, config } of subscriptions) {
    const webhook = config as WebhookConfig;
    if (!sendsOut(webhook) || !webhook.baseUrl || key === options.origin) continue;
    for (const { id, event } of events) {
      if (!eventMatches(webhook.events, event.type)) continue;
      effects.push({
        type: 'invoke',
        key: `event:${key}:${id}`,
        connector: key,
        action: 'deliverEvent',
        params: { event: event as unknown as Record<string, unknown> },
        ...(event.instanceId ? { instanceId: event.instanceId } : {}),
      });
    }
  }
  return writeOutbox(trx, null, effects);
}

/** An enabled outgoing webhook connector, as publishDomainEvents reads it. */
export interface WebhookSubscription {
  key: string;
  config: unknown;
}

/** The enabled webhook connectors (commands cache this per catalog version: execution/catalog-values.ts). */
export async function loadWebhookSubscriptions(trx: Kysely<Database>): Promise<WebhookSubscription[]> {
  return connectorDb(trx).selectFrom('connectors').select(['key', 'config']).where('type', '=', 'webhook').where('enabled', '=', true).execute();
}

/** Ids for events appended to an instance's history after `afterSeq` (what appendHistory numbered them). */
export function instanceEventIds(instanceId: string, afterSeq: number, events: readonly DomainEvent[]): PublishedEvent[] {
  return events.map((event, i) => ({ id: `${instanceId}#${afterSeq + i + 1}`, event: { ...event, instanceId: event.instanceId ?? instanceId } }));
}

/** Ids for a record's events (the record version orders them). */
export function recordEventIds(recordId: string, version: number, events: readonly DomainEvent[]): PublishedEvent[] {
  return events.map((event) => ({ id: `record:${recordId}#${version}:${event.type}`, event }));
}
