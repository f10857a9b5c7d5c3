import { RowScope } from './row-scope-keys.js';

/** The part of a sub-table FieldNode the draft needs: its key, its slot among the form's tables, its scope kind. */
export interface TableRef {
  key: string;
  slot: number;
  /** Its row expressions read a RowScope (row-scope-keys.ts) rather than a copy of each row. */
  sharedScope?: boolean;
}

const NO_KEYS: readonly string[] = [];

/** for-in on it lists exactly Object.keys: a plain (or null-prototype) object, nothing enumerable inherited. */
function plainWithOwnKeysOnly(input: object): boolean {
  const proto: unknown = Object.getPrototypeOf(input);
  if (proto === null) return true;
  if (proto !== Object.prototype) return false;
  // A polluted Object.prototype (an enumerable key added to it) must not leak into the copy.
  for (const key in proto) if (key !== undefined) return false;
  return true;
}

/**
 * Copy-on-write editing of submitted form data: the caller's object is never mutated, and only the rows
 * that actually change are copied (copying every row of three 20-row tables would cost more than the
 * rest of a validation). Bookkeeping is in arrays indexed by table slot and row: Map and Set lookups
 * were a tenth of a validation.
 */
export class FormDataDraft {
  readonly data: Record<string, unknown>;
  /** The submission's own keys, in order (the data check tells undeclared keys from them). */
  readonly inputKeys: readonly string[];
  private readonly ownedRows: Array<boolean[] | undefined> = [];
  /** The copied row arrays, by slot (reading them back from `data` is a dictionary lookup). */
  private readonly ownedTables: Array<Array<Record<string, unknown>> | undefined> = [];
  private readonly copiedKeys: string[] = [];
  private readonly copiedSlots: number[] = [];
  private readonly scopes: Array<Array<Record<string, unknown> | undefined> | undefined> = [];
  private readonly sharedScopes: Array<RowScope | undefined> = [];

  /**
   * `lastKeys`: the key list of a previous submission (FormDataCheck keeps it); when this input has the same
   * keys in the same order, `inputKeys` is that very array and no list is built.
   */
  constructor(input: Record<string, unknown>, lastKeys: readonly string[] = NO_KEYS) {
    // A key loop, not spread or Object.assign: a spread copy turns slow when a key is added afterwards (a
    // computed field), 7× the copy itself; Object.assign costs 10× more when the input is in V8's
    // dictionary mode (an object built key by key in code) and is not clearly faster on JSON.parse output.
    // for-in (own keys only on a plain object) walks V8's enum cache and reads through it: a third cheaper
    // than Object.keys plus keyed reads on the 60-field handover.
    const data: Record<string, unknown> = {};
    if (plainWithOwnKeysOnly(input)) {
      let keys: string[] | undefined;
      let n = 0;
      for (const key in input) {
        data[key] = input[key];
        if (keys !== undefined) keys.push(key);
        else if (lastKeys[n] === key) n++;
        else {
          keys = lastKeys.slice(0, n);
          keys.push(key);
        }
      }
      this.inputKeys = keys ?? (n === lastKeys.length ? lastKeys : lastKeys.slice(0, n));
    } else {
      const keys = Object.keys(input);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i] as string;
        data[key] = input[key];
      }
      this.inputKeys = keys;
    }
    this.data = data;
  }

  set(key: string, value: unknown): void {
    // A table replaced whole (restored by access, or computed) is no longer the copy writableRow made.
    const slot = this.copiedKeys.indexOf(key);
    if (slot >= 0) {
      this.copiedKeys[slot] = '';
      const table = this.copiedSlots[slot] as number;
      this.ownedRows[table] = undefined;
      this.ownedTables[table] = undefined;
    }
    if (isAbsent(value)) {
      if (key in this.data) delete this.data[key];
    } else this.data[key] = value;
  }

  /** The row, made safe to write: the table array and the row are copied on first write. */
  writableRow(table: TableRef, index: number): Record<string, unknown> {
    let owned = this.ownedRows[table.slot];
    let rows = this.ownedTables[table.slot];
    if (!owned || !rows) {
      rows = (this.data[table.key] as Array<Record<string, unknown>>).slice();
      this.data[table.key] = rows;
      this.ownedTables[table.slot] = rows;
      this.ownedRows[table.slot] = owned = [];
      this.copiedKeys.push(table.key);
      this.copiedSlots.push(table.slot);
    }
    if (owned[index]) return rows[index] as Record<string, unknown>;
    owned[index] = true;
    const row = Object.assign({}, rows[index]);
    rows[index] = row;
    // The row's shared scope follows the copy, so the row's next expressions read what was written.
    const shared = this.sharedScopes[table.slot];
    if (shared !== undefined && shared.index === index) shared.row = row;
    return row;
  }

  setInRow(table: TableRef, index: number, key: string, value: unknown): void {
    const row = this.writableRow(table, index);
    if (isAbsent(value)) delete row[key];
    else row[key] = value;
  }

  /**
   * The expression data of a row. A table with a shared scope gets its one RowScope repointed at the row
   * (allocating or refilling a scope per row was the largest cost of validating a sub-table); otherwise a
   * full copy of the row plus `$parent` (the whole form) and `$index` is built once per row and validation
   * and kept in step by the passes. Valid until the next rowScope call for the same table.
   */
  rowScope(table: TableRef, index: number, row: Record<string, unknown>): unknown {
    if (table.sharedScope === true) {
      let shared = this.sharedScopes[table.slot];
      if (shared === undefined) this.sharedScopes[table.slot] = shared = new RowScope(row, this.data, index);
      else {
        shared.row = row;
        shared.index = index;
      }
      return shared;
    }
    let list = this.scopes[table.slot];
    if (!list) this.scopes[table.slot] = list = [];
    let scope = list[index];
    if (!scope) list[index] = scope = makeRowScope(row, this.data, index);
    return scope;
  }
}

/**
 * Updates a row's scope after a pass changed the row (a computed value, a hidden column removed), so the
 * row's later expressions see it. A shared RowScope reads the row itself, which the pass edits (through
 * writableRow, which repoints the scope at the copy): nothing to do.
 */
export function setInScope(table: TableRef, scope: unknown, key: string, value: unknown): void {
  if (table.sharedScope === true) return;
  const copy = scope as Record<string, unknown>;
  if (isAbsent(value)) delete copy[key];
  else copy[key] = value;
}

/**
 * `Object.assign` onto a literal that already holds `$parent`/`$index`: spreading the row and then adding
 * them was 20× slower on V8 (1.5 µs a row). Reassigned after, so a row cannot shadow them.
 */
export function makeRowScope(row: Record<string, unknown>, parent: Record<string, unknown>, index: number): Record<string, unknown> {
  const scope: Record<string, unknown> = Object.assign({ $parent: parent, $index: index }, row);
  scope.$parent = parent;
  scope.$index = index;
  return scope;
}

/** A computed or restored value that means "no value": the key is removed rather than stored. */
export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'number' && !Number.isFinite(value));
}

/** What "required" means: no value, an empty string, or an empty list. */
export function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** JsonLogic truthiness: an empty array is false. */
export function truthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
