import type { Effect, EffectType } from '@baton/engine';
import type { Kysely } from 'kysely';
import type { RuntimeConfig } from '../config/runtime-config.js';
import type { Database } from '../db/database.js';

/** One claimed outbox row, handed to the handler of its effect type after the command that wrote it committed. */
export interface OutboxDelivery<E extends Effect = Effect> {
  id: string;
  instanceId: string | null;
  effect: E;
  /** The effect's stable key: send it to receivers (e.g. as `webhook-id` / `Idempotency-Key`). */
  idempotencyKey: string;
  /** 1 on the first try. */
  attempt: number;
}

/**
 * What a handler reports. `retry` is scheduled with exponential backoff and jitter (at least `retryAfterMs`
 * when the peer said so); `dead` goes straight to the dead letter (e.g. HTTP 410, a config error); after the
 * last allowed attempt a `retry` becomes `dead` too. `log` is kept in the delivery log (secrets redacted by
 * the handler) and shown on the instance's timeline.
 */
export type OutboxOutcome =
  | { status: 'delivered'; log?: DeliveryLog }
  | { status: 'retry'; error: string; retryAfterMs?: number; log?: DeliveryLog }
  | { status: 'dead'; error: string; log?: DeliveryLog };

export interface DeliveryLog {
  request?: { method?: string; url?: string; headers?: Record<string, string>; body?: unknown };
  response?: { status?: number; headers?: Record<string, string>; body?: unknown };
  note?: string;
  durationMs?: number;
}

export interface OutboxHandlerContext {
  db: Kysely<Database>;
  config: RuntimeConfig;
  /** The worker's clock reading for this delivery. */
  now: Date;
  signal: AbortSignal;
}

export interface OutboxHandler<T extends EffectType = EffectType> {
  type: T;
  handle(delivery: OutboxDelivery<Extract<Effect, { type: T }>>, ctx: OutboxHandlerContext): Promise<OutboxOutcome>;
}

/** Handlers by effect type; modules (connectors, documents, notifications) register theirs at app build. */
export class OutboxHandlers {
  readonly #handlers = new Map<EffectType, OutboxHandler>();

  register<T extends EffectType>(handler: OutboxHandler<T>): void {
    if (this.#handlers.has(handler.type)) throw new Error(`an outbox handler for "${handler.type}" is already registered`);
    this.#handlers.set(handler.type, handler as unknown as OutboxHandler);
  }

  get(type: EffectType): OutboxHandler | undefined {
    return this.#handlers.get(type);
  }

  types(): EffectType[] {
    return [...this.#handlers.keys()];
  }
}
