import type { Effect, EffectType } from '@baton/engine';
import type { FastifyBaseLogger } from 'fastify';
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
 * What a handler reports; a handler that throws counts as `retry` with the error's message. `retry` is
 * scheduled with exponential backoff and jitter (at least `retryAfterMs` when the peer said so); `dead` goes
 * straight to the dead letter (e.g. HTTP 410, a config error); after the last allowed attempt a `retry`
 * becomes `dead` too. `log` is kept in the delivery log (secrets redacted by the handler; bodies over 32 KB
 * are cut) and shown on the instance's timeline: request and response to HR/admins, the summary to others.
 * Deliveries are at least once: use `idempotencyKey` so a redelivery after a crash changes nothing.
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
  /** Aborted when the delivery takes longer than BATON_OUTBOX_HANDLER_TIMEOUT_MS or the process shuts down. */
  signal: AbortSignal;
  /** The app's logger (component: workers). Never log secrets. */
  log: FastifyBaseLogger;
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

  /**
   * Puts `handler` in place of the one registered for its type (if any) and returns that one: for tests
   * that need a stand-in, and for a deployment that deliberately swaps a built-in. `register` stays strict.
   */
  replace<T extends EffectType>(handler: OutboxHandler<T>): OutboxHandler | undefined {
    const previous = this.#handlers.get(handler.type);
    this.#handlers.set(handler.type, handler as unknown as OutboxHandler);
    return previous;
  }

  /** Removes the handler of a type (its rows wait again); returns it. */
  unregister(type: EffectType): OutboxHandler | undefined {
    const previous = this.#handlers.get(type);
    this.#handlers.delete(type);
    return previous;
  }

  get(type: EffectType): OutboxHandler | undefined {
    return this.#handlers.get(type);
  }

  types(): EffectType[] {
    return [...this.#handlers.keys()];
  }
}
