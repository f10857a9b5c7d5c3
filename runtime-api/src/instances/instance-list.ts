import { defineErrors } from '@baton/engine';
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Static } from 'typebox';
import { INSTANCE_ADMIN_ROLES } from '../access/instance-access.js';
import { hasAnyRole, ROLES, type Principal } from '../auth/principal.js';
import type { Database } from '../db/database.js';
import { ApiError } from '../errors/api-error.js';
import { viewerFlowsOf } from '../reports/report-catalog.js';
import type { InstanceCountsResult, InstanceListResult, InstanceSummarySchema } from './instance-schemas.js';

export const INSTANCE_LIST_ERRORS = defineErrors({
  BATON_E_INSTANCE_CURSOR_INVALID: {
    status: 400,
    en: 'The cursor "{cursor}" is not one this list gave out: start again without a cursor.',
    'zh-CN': '游标“{cursor}”不是本列表返回的：请去掉 cursor 从第一页重新开始。',
  },
  BATON_E_INSTANCE_VERSION_NEEDS_FLOW: {
    status: 400,
    en: 'A version filter needs flowKey: name the flow whose version you mean.',
    'zh-CN': '按版本筛选需要同时提供 flowKey：请指明是哪个流程的版本。',
  },
});

type Eb = ExpressionBuilder<Database, 'instances'>;

/**
 * The rows a caller may list, as instanceViewOf decides one by one: everything for HR and admins; otherwise
 * the instances of flows naming one of their roles as viewers, and those they started, are the subject of,
 * or hold or held a task of. Everyone else's instances stay invisible (not even counted).
 */
export async function visibleInstances(db: Kysely<Database>, principal: Principal): Promise<((eb: Eb) => Expression<SqlBool>) | null> {
  if (hasAnyRole(principal, [...INSTANCE_ADMIN_ROLES])) return null;
  const viewerFlows = await viewerFlowsOf(db, principal.roles);
  const me = principal.userId;
  return (eb: Eb) =>
    eb.or([
      eb('instances.started_by', '=', me),
      eb('instances.subject_id', '=', me),
      eb.exists(
        eb
          .selectFrom('tasks')
          .select(sql`1`.as('one'))
          .whereRef('tasks.instance_id', '=', 'instances.id')
          .where(sql<boolean>`tasks.assignees @> ${JSON.stringify([me])}::jsonb`),
      ),
      ...(viewerFlows.length > 0 ? [eb('instances.flow_key', 'in', viewerFlows)] : []),
    ]);
}

/** created_at in microseconds since the epoch (text: exact), so rows written by now() page correctly too. */
interface Cursor {
  us: string;
  id: string;
}

function encodeCursor(us: string, id: string): string {
  return Buffer.from(JSON.stringify([us, id])).toString('base64url');
}

function decodeCursor(cursor: string): Cursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && /^\d{1,17}$/.test(parsed[0]) && typeof parsed[1] === 'string') {
      return { us: parsed[0], id: parsed[1] };
    }
  } catch {
    // falls through to the error below
  }
  throw new ApiError('BATON_E_INSTANCE_CURSOR_INVALID', { cursor: cursor.slice(0, 40) }, [], '/querystring/cursor');
}

export interface InstanceListInput {
  flowKey?: string | undefined;
  version?: number | undefined;
  status?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

function activeNodesOf(tokens: unknown): string[] {
  if (!Array.isArray(tokens)) return [];
  return [...new Set(tokens.map((t) => (t && typeof t === 'object' ? (t as { nodeId?: unknown }).nodeId : undefined)).filter((n): n is string => typeof n === 'string'))];
}

/** Newest first, keyset-paged on (created_at, id): a page stays stable while new instances start. */
export async function listInstances(db: Kysely<Database>, principal: Principal, input: InstanceListInput): Promise<Static<typeof InstanceListResult>> {
  if (input.version !== undefined && input.flowKey === undefined) throw new ApiError('BATON_E_INSTANCE_VERSION_NEEDS_FLOW', {}, [], '/querystring/version');
  const visible = await visibleInstances(db, principal);
  let query = db
    .selectFrom('instances')
    .select(['id', 'flow_key', 'flow_version', 'business_key', 'status', 'started_by', 'subject_id', 'created_at', 'updated_at', 'completed_at', sql<unknown>`state -> 'tokens'`.as('tokens'),
      sql<string>`(extract(epoch from created_at) * 1000000)::bigint::text`.as('at_us'),
    ]);
  if (visible) query = query.where(visible);
  if (input.flowKey !== undefined) query = query.where('flow_key', '=', input.flowKey);
  if (input.version !== undefined) query = query.where('flow_version', '=', input.version);
  if (input.status !== undefined && input.status !== 'all') query = query.where('status', '=', input.status);
  if (input.cursor !== undefined) {
    const { us, id } = decodeCursor(input.cursor);
    query = query.where(sql<boolean>`(created_at, id) < (timestamptz 'epoch' + ${us}::bigint * interval '1 microsecond', ${id})`);
  }
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(input.limit + 1).execute();
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  const items: Array<Static<typeof InstanceSummarySchema>> = page.map((r) => ({
    id: r.id,
    flowKey: r.flow_key,
    flowVersion: r.flow_version,
    businessKey: r.business_key,
    status: r.status,
    initiator: r.started_by,
    subjectId: r.subject_id,
    activeNodes: r.status === 'running' ? activeNodesOf(r.tokens) : [],
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    completedAt: r.completed_at ? r.completed_at.toISOString() : null,
  }));
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor(last.at_us, last.id) : null };
}

/**
 * Instances per version and status of one flow. Designers see every instance counted (they decide whether a
 * version may be retired; counts name no one); others count only what they may see.
 */
export async function countInstances(db: Kysely<Database>, principal: Principal, flowKey: string): Promise<Static<typeof InstanceCountsResult>> {
  const all = hasAnyRole(principal, [ROLES.designer, ...INSTANCE_ADMIN_ROLES]);
  const visible = all ? null : await visibleInstances(db, principal);
  let query = db
    .selectFrom('instances')
    .select(['flow_version', 'status', sql<string | number>`count(*)`.as('n')])
    .where('flow_key', '=', flowKey)
    .groupBy(['flow_version', 'status']);
  if (visible) query = query.where(visible);
  const rows = await query.execute();
  const versions = new Map<number, { version: number; running: number; total: number; byStatus: Record<string, number> }>();
  for (const row of rows) {
    const n = Number(row.n);
    let entry = versions.get(row.flow_version);
    if (!entry) versions.set(row.flow_version, (entry = { version: row.flow_version, running: 0, total: 0, byStatus: {} }));
    entry.byStatus[row.status] = n;
    entry.total += n;
    if (row.status === 'running') entry.running += n;
  }
  return { flowKey, scope: all ? 'all' : 'visible', versions: [...versions.values()].sort((a, b) => b.version - a.version) };
}
