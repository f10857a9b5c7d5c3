import { BatonError, issue } from '../errors/error-catalogue.js';
import { pointer } from '../errors/issue.js';
import { deepEqual } from '../shared/deep-equal.js';
import type { CompiledNode } from './compiled-flow.js';
import type { AssigneeSpec } from './flow-definition.js';
import { FLOW_ERRORS } from './flow-errors.js';
import type { FlowTask } from './flow-state.js';
import type { FlowTransition } from './flow-transition.js';

/**
 * The rows an `each` task is for: a task node that gives one task to each person a sub-table column names
 * (`{ kind: 'field', path: 'customers.successorId' }`) hands each of them the rows naming them, and only those.
 * `owner` is the task's slot (the person it was made for); it stays when the task is delegated or
 * transferred, so whoever holds the task then acts for that person's rows.
 */
export interface OwnRows {
  owner: string;
  tables: Array<{ table: string; column: string }>;
}

export function ownRowsOf(node: { config?: unknown }, task: FlowTask): OwnRows | undefined {
  const config = node.config as { each?: unknown; assignees?: AssigneeSpec[] } | undefined;
  if (config?.each !== true || task.slot === undefined) return undefined;
  const tables: OwnRows['tables'] = [];
  for (const spec of config.assignees ?? []) {
    const path = spec.kind === 'field' ? (spec as { path?: unknown }).path : undefined;
    if (typeof path !== 'string') continue;
    const dot = path.indexOf('.');
    if (dot > 0 && !path.includes('.', dot + 1)) tables.push({ table: path.slice(0, dot), column: path.slice(dot + 1) });
  }
  return tables.length > 0 ? { owner: task.slot, tables } : undefined;
}

const cell = (row: unknown, column: string): unknown => (row && typeof row === 'object' ? (row as Record<string, unknown>)[column] : undefined);

/** Whether a row really changed: a key sent as undefined or null (a form's untouched cell) is no change. */
function rowChanged(before: unknown, after: unknown): boolean {
  if (!before || !after || typeof before !== 'object' || typeof after !== 'object') return !deepEqual(before, after);
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    const a = cell(before, key) ?? undefined;
    const b = cell(after, key) ?? undefined;
    if (!deepEqual(a, b)) return true;
  }
  return false;
}

/**
 * Refuses a submission of an `each` task that changes, adds or removes a row handed to someone else
 * (rows matched by index, as field access matches them): one successor cannot confirm another's customers.
 */
export function checkOwnRows(tx: FlowTransition, node: CompiledNode, task: FlowTask, patch: Record<string, unknown>): void {
  const own = ownRowsOf(node.def, task);
  if (!own) return;
  for (const { table, column } of own.tables) {
    if (!Object.hasOwn(patch, table)) continue;
    const before = Array.isArray(tx.state.data[table]) ? (tx.state.data[table] as unknown[]) : [];
    const after = Array.isArray(patch[table]) ? (patch[table] as unknown[]) : [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      if (!rowChanged(before[i], after[i])) continue;
      const holder = i < before.length ? cell(before[i], column) : cell(after[i], column);
      if (holder === own.owner && (i >= after.length || cell(after[i], column) === own.owner)) continue;
      const name = (id: unknown) => (typeof id === 'string' ? (tx.ctx.directory.user(id)?.name ?? id) : '—');
      const params = { nodeId: node.id, table, row: i + 1, holder: name(holder), owner: name(own.owner), user: task.assignees.join(', ') };
      const path = pointer('data', table, i);
      throw new BatonError(FLOW_ERRORS.BATON_E_FLOW_ROW_NOT_YOURS, params, [issue(FLOW_ERRORS.BATON_E_FLOW_ROW_NOT_YOURS, path, params, tx.ctx.locale ?? 'en')], path);
    }
  }
}

/**
 * The data as an `each` task's checklist judges it: its tables keep only the rows handed to its owner, with
 * the index each kept row had (so a blocker can name the row as the submission numbers it).
 */
export function ownRowsView(own: OwnRows, data: Readonly<Record<string, unknown>>): { data: Record<string, unknown>; index: Map<string, number[]> } {
  const out: Record<string, unknown> = { ...data };
  const index = new Map<string, number[]>();
  for (const { table, column } of own.tables) {
    const rows = data[table];
    if (!Array.isArray(rows)) continue;
    const kept: number[] = [];
    rows.forEach((row, i) => cell(row, column) === own.owner && kept.push(i));
    out[table] = kept.map((i) => rows[i]);
    index.set(table, kept);
  }
  return { data: out, index };
}
