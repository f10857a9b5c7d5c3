import type { FieldOption } from '../shared/condition/field-options.js';
import { fromJsonLogic, isFullyVisual } from '../shared/condition/condition-model.js';

/**
 * A task's checklist gate as rows: "every row of <table> has <column> ticked" or "<field> is ticked or
 * filled in", all of which must hold. It maps to the JsonLogic the engine's gate blockers read
 * (engine/src/flows/gate-blockers.ts), so a refusal names each open row and field.
 */
export type ChecklistItem = { kind: 'table'; table: string; column: string } | { kind: 'field'; field: string; check: FieldCheck };

/** How a field is checked: ticked (`== true`), filled in (`!!`), or yes-or-filled (a bare `var`). */
export type FieldCheck = 'ticked' | 'filled' | 'set';

export const FIELD_CHECKS: readonly FieldCheck[] = ['ticked', 'filled', 'set'];

export type GateMode = 'checklist' | 'condition' | 'json';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `{"var": "x"}` → "x" (a plain path only). */
function varOf(v: unknown): string | undefined {
  if (!isObject(v) || Object.keys(v).length !== 1 || typeof v.var !== 'string' || v.var === '') return undefined;
  return v.var;
}

/** `{"var": f}`, `{"!!": {"var": f}}` or `{"==": [{"var": f}, true]}` over a top-level field. */
function fieldCheck(op: string, args: unknown, part: Json): ChecklistItem | undefined {
  const ticked = op === '==' && Array.isArray(args) && args.length === 2 && args[1] === true;
  const [field, check]: [string | undefined, FieldCheck] =
    op === 'var' ? [varOf(part), 'set'] : op === '!!' ? [varOf(args), 'filled'] : ticked ? [varOf((args as unknown[])[0]), 'ticked'] : [undefined, 'set'];
  return field !== undefined && !field.includes('.') ? { kind: 'field', field, check } : undefined;
}

function itemOf(part: unknown): ChecklistItem | undefined {
  if (!isObject(part) || Object.keys(part).length !== 1) return undefined;
  const [op] = Object.keys(part);
  const args = part[op!];
  const field = fieldCheck(op!, args, part);
  if (field) return field;
  if ((op !== 'none' && op !== 'all') || !Array.isArray(args) || args.length !== 2) return undefined;
  const table = varOf(args[0]);
  const column = op === 'none' && isObject(args[1]) && Object.keys(args[1]).length === 1 ? varOf(args[1]['!']) : op === 'all' ? varOf(args[1]) : undefined;
  return table !== undefined && column !== undefined ? { kind: 'table', table, column } : undefined;
}

/** The gate's checklist rows, [] for no gate, or null when the gate is something a checklist cannot show. */
export function checklistFromGate(gate: unknown): ChecklistItem[] | null {
  if (gate === undefined) return [];
  const parts = isObject(gate) && Object.keys(gate).length === 1 && Array.isArray(gate.and) ? gate.and : [gate];
  const items = parts.map(itemOf);
  return items.every((i): i is ChecklistItem => i !== undefined) && items.length > 0 ? items : null;
}

/** Whether a row names everything it needs. */
export function isComplete(item: ChecklistItem): boolean {
  return item.kind === 'table' ? item.table !== '' && item.column !== '' : item.field !== '';
}

function itemLogic(item: ChecklistItem): unknown {
  // "No row whose column is not ticked": the shape the offboarding pack's gates use.
  if (item.kind === 'table') return { none: [{ var: item.table }, { '!': { var: item.column } }] };
  if (item.check === 'ticked') return { '==': [{ var: item.field }, true] };
  return item.check === 'filled' ? { '!!': { var: item.field } } : { var: item.field };
}

/** The gate for complete rows (half-filled rows wait for their choice); undefined when none is complete. */
export function gateFromChecklist(items: readonly ChecklistItem[]): unknown {
  const parts = items.filter(isComplete).map(itemLogic);
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : { and: parts };
}

/** The editor a gate opens in: the simplest one that shows it exactly. */
export function gateMode(gate: unknown): GateMode {
  if (checklistFromGate(gate) !== null) return 'checklist';
  if (isObject(gate) && isFullyVisual(fromJsonLogic(gate))) return 'condition';
  return 'json';
}

/** Which modes can show the gate exactly (JSON always can). */
export function modesFor(gate: unknown): Record<GateMode, boolean> {
  return { checklist: checklistFromGate(gate) !== null, condition: gate === undefined || (isObject(gate) && isFullyVisual(fromJsonLogic(gate))), json: true };
}

/** A problem of one row, at the part of it to fix: `key` is a pickers:gateErrors message. */
export interface ChecklistError {
  index: number;
  part: 'table' | 'column' | 'field';
  key: 'chooseTable' | 'chooseColumn' | 'chooseField' | 'unknownTable' | 'unknownColumn' | 'unknownField';
  name?: string;
}

/**
 * Rows that cannot work, checked against the bound form's fields (none known: names are not checked): a
 * missing choice, a table, column or field the form does not have.
 */
export function checklistErrors(items: readonly ChecklistItem[], fields: readonly FieldOption[] | undefined): ChecklistError[] {
  const out: ChecklistError[] = [];
  const known = fields && fields.length > 0 ? fields : undefined;
  items.forEach((item, index) => {
    if (item.kind === 'field') {
      if (item.field === '') out.push({ index, part: 'field', key: 'chooseField' });
      else if (known && !known.some((f) => f.path === item.field && f.columns === undefined)) out.push({ index, part: 'field', key: 'unknownField', name: item.field });
      return;
    }
    const table = known?.find((f) => f.path === item.table && f.columns !== undefined);
    if (item.table === '') out.push({ index, part: 'table', key: 'chooseTable' });
    else if (known && !table) out.push({ index, part: 'table', key: 'unknownTable', name: item.table });
    if (item.column === '') out.push({ index, part: 'column', key: 'chooseColumn' });
    else if (table && !table.columns!.some((c) => c.path === item.column)) out.push({ index, part: 'column', key: 'unknownColumn', name: item.column });
  });
  return out;
}

/** A JSON gate that is not an expression object (a string or number would always hold, or never). */
export function jsonGateError(value: unknown): 'notObject' | null {
  return value === undefined || isObject(value) ? null : 'notObject';
}
