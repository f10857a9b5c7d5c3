import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { ApiError } from '../errors/api-error.js';
import { DELIVERY_COUNT_CAP, type DeliveryListQueryValue, type DeliveryListResultValue } from './connector-schemas.js';
import { connectorDb } from './connector-store.js';
import './connector-errors.js';

/*
 * A connector's delivery log, filtered and keyset-paged. The order is the row id, newest first: ids are handed
 * out in insertion order and never repeat, so rows written in the same millisecond still page without a
 * duplicate or a gap, and the (connector_key, id) index of migration 0008 serves every page. `at` is the
 * writer's clock when it recorded the row, so it follows the id; the date filters read it.
 */

/** The cursor is opaque to clients: base64url of ["d", <last id>], so its shape can change without a new parameter. */
function encodeCursor(id: number | string): string {
  return Buffer.from(JSON.stringify(['d', String(id)])).toString('base64url');
}

function decodeCursor(cursor: string): string {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed[0] === 'd' && typeof parsed[1] === 'string' && /^\d{1,18}$/.test(parsed[1])) return parsed[1];
  } catch {
    // falls through to the error below
  }
  throw new ApiError('BATON_E_CONNECTOR_CURSOR_INVALID', { cursor: cursor.slice(0, 40) }, [], '/querystring/cursor');
}

type Filters = Omit<DeliveryListQueryValue, 'limit' | 'cursor'>;

function filtered(db: Kysely<Database>, key: string, filters: Filters) {
  let query = connectorDb(db).selectFrom('connector_deliveries').where('connector_key', '=', key);
  if (filters.status !== undefined) query = query.where('status', 'in', [...new Set(filters.status)]);
  if (filters.action !== undefined) query = query.where('action', '=', filters.action);
  if (filters.from !== undefined) query = query.where('at', '>=', new Date(filters.from));
  if (filters.to !== undefined) query = query.where('at', '<', new Date(filters.to));
  return query;
}

/** How many rows match, up to the cap (a log of millions is not counted to the last row for a page header). */
async function countUpTo(db: Kysely<Database>, key: string, filters: Filters): Promise<{ count: number; exact: boolean }> {
  const capped = filtered(db, key, filters).select(sql`1`.as('one')).limit(DELIVERY_COUNT_CAP + 1);
  const row = await connectorDb(db)
    .selectFrom(capped.as('matching'))
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  const n = Number(row.n);
  return n > DELIVERY_COUNT_CAP ? { count: DELIVERY_COUNT_CAP, exact: false } : { count: n, exact: true };
}

/** One page of a connector's deliveries, newest first; the first page (no cursor) also says how many match. */
export async function listDeliveries(db: Kysely<Database>, key: string, query: DeliveryListQueryValue): Promise<DeliveryListResultValue> {
  const { limit = 50, cursor, ...filters } = query;
  if (filters.from !== undefined && filters.to !== undefined && Date.parse(filters.from) >= Date.parse(filters.to)) {
    throw new ApiError('BATON_E_CONNECTOR_DELIVERY_RANGE', { from: filters.from, to: filters.to }, [], '/querystring/to');
  }
  let page = filtered(db, key, filters).selectAll();
  if (cursor !== undefined) page = page.where('id', '<', decodeCursor(cursor) as unknown as number);
  const [rows, total] = await Promise.all([
    page.orderBy('id', 'desc').limit(limit + 1).execute(),
    cursor === undefined ? countUpTo(db, key, filters) : null,
  ]);
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return {
    items: shown.map((r) => ({
      id: Number(r.id),
      at: r.at.toISOString(),
      action: r.action,
      status: r.status,
      attempt: r.attempt,
      idempotencyKey: r.idempotency_key,
      instanceId: r.instance_id,
      subject: r.subject,
      error: r.error,
      proof: r.proof,
      durationMs: r.duration_ms,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null,
    total,
  };
}
