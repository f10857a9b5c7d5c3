import type { IsoDateTime } from './common.js';

/** An outbox entry: an effect delivered after its commit (runtime-api workers-schemas.ts OutboxViewSchema). */
export interface OutboxEntry {
  id: string;
  instanceId: string | null;
  /** notify, invoke, setData, startFlow, renderDocument. */
  type: string;
  /** pending, delivered or dead. */
  status: string;
  attempts: number;
  idempotencyKey: string;
  lastError: string | null;
  nextAttemptAt: IsoDateTime;
  lockedUntil: IsoDateTime | null;
  createdAt: IsoDateTime;
  deliveredAt: IsoDateTime | null;
}

/** GET /outbox (OutboxListQuery). */
export interface OutboxListQuery {
  status?: 'pending' | 'delivered' | 'dead';
  instanceId?: string;
  /** Effect type. */
  type?: string;
  limit?: number;
  offset?: number;
}

export interface OutboxList {
  items: OutboxEntry[];
  limit: number;
  offset: number;
}
