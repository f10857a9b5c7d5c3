import { pointer } from '../errors/issue.js';
import { isOperation } from '../expressions/compile-context.js';
import type { JsonLogic } from '../expressions/expression-types.js';
import { plainRowLabel } from '../forms/row-label.js';
import type { Locale } from '../i18n/localized-text.js';

/** One thing that keeps a checklist gate from holding: a field, or a row of a sub-table (and its column). */
export interface GateBlocker {
  /** JSON Pointer into the task submission: "/data/assets/1/returned", "/data/settlementConfirmed". */
  path: string;
  field: string;
  /** 0-based row of a sub-table, when the blocker is a row. */
  row?: number;
  column?: string;
  /** A short text that names the row for a person (an asset row's tag, else a text cell), when it has one. */
  label?: string;
}

type Evaluate = (logic: JsonLogic, data?: unknown) => unknown;

/** The literal path of a `{"var": "x"}` (or `{"var": ["x", default]}`), else undefined. */
function varPath(logic: unknown): string | undefined {
  if (!isOperation(logic) || Object.keys(logic).length !== 1 || !('var' in logic)) return undefined;
  const arg = Array.isArray(logic.var) ? logic.var[0] : logic.var;
  return typeof arg === 'string' && arg !== '' ? arg : undefined;
}

/** The single `var` a predicate reads (the column a row must tick), else undefined. */
function onlyVar(logic: unknown): string | undefined {
  const found = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isOperation(node)) return;
    const path = varPath(node);
    if (path !== undefined) found.add(path);
    else Object.values(node).forEach(walk);
  };
  walk(logic);
  return found.size === 1 ? [...found][0] : undefined;
}

/** Names a row of sub-table `table` for a person (NodeContext.rowLabel), or nothing. */
export type RowLabeller = (table: string, row: unknown) => string | undefined;

const truthy = (v: unknown): boolean => (Array.isArray(v) ? v.length > 0 : Boolean(v));

/**
 * Which fields or rows keep a failing gate from holding, for the common checklist shapes: `and` of parts,
 * `all` / `none` over a sub-table (the rows that fail the predicate), and a comparison or test of one
 * field. Other shapes yield nothing, and the caller keeps its general message. A row is named by
 * `labelRow` (default: its first non-empty text cell). Pure; never throws.
 */
export function gateBlockers(gate: JsonLogic, data: Readonly<Record<string, unknown>>, evaluate: Evaluate, labelRow: RowLabeller = (_t, row) => plainRowLabel(row)): GateBlocker[] {
  try {
    return blockersOf(gate, data, evaluate, labelRow);
  } catch {
    return [];
  }
}

function blockersOf(gate: JsonLogic, data: Readonly<Record<string, unknown>>, evaluate: Evaluate, labelRow: RowLabeller): GateBlocker[] {
  if (!isOperation(gate) || truthy(evaluate(gate, data))) return [];
  const [op] = Object.keys(gate);
  const args = (gate as Record<string, unknown>)[op!];
  const list = Array.isArray(args) ? args : [args];
  if (op === 'and') return list.flatMap((part) => blockersOf(part as JsonLogic, data, evaluate, labelRow));
  if ((op === 'all' || op === 'none') && list.length === 2) {
    const table = varPath(list[0]);
    const rows = table !== undefined ? data[table] : undefined;
    if (table === undefined || table.includes('.') || !Array.isArray(rows)) return [];
    const column = onlyVar(list[1]);
    const blocks = (row: unknown) => truthy(evaluate(list[1] as JsonLogic, row)) === (op === 'none');
    return rows.flatMap((row, index) => {
      if (!blocks(row)) return [];
      const label = labelRow(table, row);
      return [{ path: column ? pointer('data', table, index, column) : pointer('data', table, index), field: table, row: index, ...(column ? { column } : {}), ...(label ? { label } : {}) }];
    });
  }
  const field = onlyVar(gate);
  return field !== undefined && !field.includes('.') ? [{ path: pointer('data', field), field }] : [];
}

/** A field's ("assets") or column's ("assets.returned") label in a form, when the form gives one. */
export type FieldLabel = (field: string) => string | undefined;

/**
 * The blockers as a short list for a person, in `locale`, by label (the ids stay in the issues' paths):
 * "Assets to return row 2 (LT-0105): Returned; Settlement completed" /
 * "待归还资产第 2 行（LT-0105）：已归还；结算已完成". Without a label a field is named by its id.
 */
export function describeBlockers(blockers: readonly GateBlocker[], locale: Locale, label: FieldLabel = () => undefined): string {
  const zh = locale === 'zh-CN';
  const shown = blockers.slice(0, 5).map((b) => {
    const table = label(b.field) ?? b.field;
    if (b.row === undefined) return table;
    const row = zh ? `${table}第 ${b.row + 1} 行${b.label ? `（${b.label}）` : ''}` : `${table} row ${b.row + 1}${b.label ? ` (${b.label})` : ''}`;
    if (!b.column) return row;
    const column = label(`${b.field}.${b.column}`) ?? b.column;
    return zh ? `${row}：${column}` : `${row}: ${column}`;
  });
  const list = shown.join(zh ? '；' : '; ');
  return blockers.length > 5 ? `${list} …(+${blockers.length - 5})` : list;
}
