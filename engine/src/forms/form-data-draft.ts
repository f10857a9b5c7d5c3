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
 * A submitted `__proto__` key (JSON.parse makes it an own property) stays a plain own key of the copy:
 * assigning it would set the copy's prototype, so values the submission lacks would be read from it.
 */
export function defineOwn(data: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(data, key, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * `Object.assign(into, row)` for a submitted row: a row with an own `__proto__` key (rare) is copied key by
 * key so that key stays an own key of the copy (reported as undeclared) instead of setting its prototype.
 * The common row keeps Object.assign, the cheapest copy of a JSON.parse'd row.
 */
function assignRow(into: Record<string, unknown>, row: Record<string, unknown>): Record<string, unknown> {
  if (!Object.prototype.hasOwnProperty.call(row, '__proto__')) return Object.assign(into, row);
  for (const key of Object.keys(row)) {
    if (key !== '__proto__') into[key] = row[key];
    else defineOwn(into, key, row[key]);
  }
  return into;
}

/**
 * Copy-on-write editing of submitted form data: the caller's object is never mutated, the top level is
 * copied on the first change only (a resubmission whose computed values, access and visibility change
 * nothing is never copied during validation), and only the rows that actually change are copied (copying
 * every row of three 20-row tables would cost more than the rest of a validation). Bookkeeping is in
 * arrays indexed by table slot and row: Map and Set lookups were a tenth of a validation.
 */
export class FormDataDraft {
  /** The input until the first change, then the draft's own copy. */
  private current: Record<string, unknown>;
  private owned = false;
  private readonly plain: boolean;
  private keys: readonly string[] | undefined;
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
  constructor(
    private readonly input: Record<string, unknown>,
    private readonly lastKeys: readonly string[] = NO_KEYS,
  ) {
    this.current = input;
    this.plain = plainWithOwnKeysOnly(input);
    // Only an ordinary object is read in place: anything else (a class instance, a null prototype) could
    // answer reads through its prototype differently from the plain copy the pipeline has always seen.
    if (!this.plain || Object.getPrototypeOf(input) !== Object.prototype) this.own();
  }

  /** The data as it stands now: the input itself until the first change. Read it again after a write. */
  get data(): Record<string, unknown> {
    return this.current;
  }

  /** The submission's own keys, in order (the data check tells undeclared keys from them). */
  get inputKeys(): readonly string[] {
    if (this.keys === undefined) this.keys = this.listKeys();
    return this.keys;
  }

  /** The data to hand back: the draft's copy, or a fresh copy of the input when nothing changed. */
  result(): Record<string, unknown> {
    if (this.owned) return this.current;
    const input = this.input;
    // A spread copy is the cheapest (V8 clones the shape), but it would also copy symbol keys, which the
    // key-by-key copy leaves out: such an input takes the usual copy.
    if (this.plain && Object.getOwnPropertySymbols(input).length === 0) {
      this.owned = true;
      this.current = { ...input };
      return this.current;
    }
    return this.own();
  }

  private listKeys(): readonly string[] {
    const input = this.input;
    if (!this.plain) return Object.keys(input);
    const lastKeys = this.lastKeys;
    let keys: string[] | undefined;
    let n = 0;
    for (const key in input) {
      if (keys !== undefined) keys.push(key);
      else if (lastKeys[n] === key) n++;
      else {
        keys = lastKeys.slice(0, n);
        keys.push(key);
      }
    }
    return keys ?? (n === lastKeys.length ? lastKeys : lastKeys.slice(0, n));
  }

  /** The draft's own top level, copied from the input on first use; row scopes follow the copy. */
  private own(): Record<string, unknown> {
    if (this.owned) return this.current;
    const input = this.input;
    // A key loop, not spread or Object.assign: a spread copy turns slow when a key is added afterwards (a
    // computed field), 7× the copy itself; Object.assign costs 10× more when the input is in V8's
    // dictionary mode (an object built key by key in code) and is not clearly faster on JSON.parse output.
    // for-in (own keys only on a plain object) walks V8's enum cache and reads through it: a third cheaper
    // than Object.keys plus keyed reads on the 60-field handover. The key list is made on the way.
    const data: Record<string, unknown> = {};
    if (this.plain && this.keys === undefined) {
      const lastKeys = this.lastKeys;
      let keys: string[] | undefined;
      let n = 0;
      for (const key in input) {
        if (key !== '__proto__') data[key] = input[key];
        else defineOwn(data, key, input[key]);
        if (keys !== undefined) keys.push(key);
        else if (lastKeys[n] === key) n++;
        else {
          keys = lastKeys.slice(0, n);
          keys.push(key);
        }
      }
      this.keys = keys ?? (n === lastKeys.length ? lastKeys : lastKeys.slice(0, n));
    } else if (this.plain) {
      for (const key in input) {
        if (key !== '__proto__') data[key] = input[key];
        else defineOwn(data, key, input[key]);
      }
    } else {
      const keys = this.inputKeys;
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i] as string;
        if (key !== '__proto__') data[key] = input[key];
        else defineOwn(data, key, input[key]);
      }
    }
    this.current = data;
    this.owned = true;
    for (const shared of this.sharedScopes) if (shared !== undefined) shared.parent = data;
    for (const list of this.scopes) if (list !== undefined) for (const scope of list) if (scope !== undefined) scope.$parent = data;
    return data;
  }

  set(key: string, value: unknown): void {
    const data = this.current;
    if (isAbsent(value)) {
      if (!(key in data)) return;
    } else if (data[key] === value && Object.prototype.hasOwnProperty.call(data, key)) return;
    // A table replaced whole (restored by access, or computed) is no longer the copy writableRow made.
    const slot = this.copiedKeys.indexOf(key);
    if (slot >= 0) {
      this.copiedKeys[slot] = '';
      const table = this.copiedSlots[slot] as number;
      this.ownedRows[table] = undefined;
      this.ownedTables[table] = undefined;
    }
    if (isAbsent(value)) delete this.own()[key];
    else this.own()[key] = value;
  }

  /** Removes a top-level value (an invisible field). */
  remove(key: string): void {
    if (key in this.current) delete this.own()[key];
  }

  /** The row, made safe to write: the table array and the row are copied on first write. */
  writableRow(table: TableRef, index: number): Record<string, unknown> {
    let owned = this.ownedRows[table.slot];
    let rows = this.ownedTables[table.slot];
    if (!owned || !rows) {
      const data = this.own();
      rows = (data[table.key] as Array<Record<string, unknown>>).slice();
      data[table.key] = rows;
      this.ownedTables[table.slot] = rows;
      this.ownedRows[table.slot] = owned = [];
      this.copiedKeys.push(table.key);
      this.copiedSlots.push(table.slot);
    }
    if (owned[index]) return rows[index] as Record<string, unknown>;
    owned[index] = true;
    const row = assignRow({}, rows[index] as Record<string, unknown>);
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
      if (shared === undefined) this.sharedScopes[table.slot] = shared = new RowScope(row, this.current, index);
      else {
        shared.row = row;
        shared.index = index;
      }
      return shared;
    }
    let list = this.scopes[table.slot];
    if (!list) this.scopes[table.slot] = list = [];
    let scope = list[index];
    if (!scope) list[index] = scope = makeRowScope(row, this.current, index);
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
  const scope = assignRow({ $parent: parent, $index: index }, row);
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
