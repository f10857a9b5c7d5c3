/** The part of a sub-table FieldNode the draft needs: its key and its slot among the form's tables. */
export interface TableRef {
  key: string;
  slot: number;
}

/**
 * Copy-on-write editing of submitted form data: the caller's object is never mutated, and only the rows
 * that actually change are copied (copying every row of three 20-row tables would cost more than the
 * rest of a validation). Bookkeeping is in arrays indexed by table slot and row: Map and Set lookups
 * were a tenth of a validation.
 */
export class FormDataDraft {
  readonly data: Record<string, unknown>;
  private readonly ownedRows: Array<boolean[] | undefined> = [];
  private readonly scopes: Array<Array<Record<string, unknown> | undefined> | undefined> = [];

  constructor(input: Record<string, unknown>) {
    // Object.assign, not spread: V8 gives spread copies a map that turns slow when a key is added
    // afterwards (a computed field), measured at 7× the cost of the copy itself.
    this.data = Object.assign({}, input);
  }

  set(key: string, value: unknown): void {
    if (isAbsent(value)) {
      if (key in this.data) delete this.data[key];
    } else this.data[key] = value;
  }

  /** The row, made safe to write: the table array and the row are copied on first write. */
  writableRow(table: TableRef, index: number): Record<string, unknown> {
    let owned = this.ownedRows[table.slot];
    let rows = this.data[table.key] as Array<Record<string, unknown>>;
    if (!owned) {
      rows = rows.slice();
      this.data[table.key] = rows;
      this.ownedRows[table.slot] = owned = [];
    }
    if (owned[index]) return rows[index] as Record<string, unknown>;
    owned[index] = true;
    const row = Object.assign({}, rows[index]);
    rows[index] = row;
    return row;
  }

  setInRow(table: TableRef, index: number, key: string, value: unknown): void {
    const row = this.writableRow(table, index);
    if (isAbsent(value)) delete row[key];
    else row[key] = value;
  }

  /**
   * The expression scope of a row: its columns plus `$parent` (the whole form) and `$index`. Built once
   * per row and validation, then kept in step with the row by the passes that change it.
   */
  rowScope(table: TableRef, index: number, row: Record<string, unknown>): Record<string, unknown> {
    let list = this.scopes[table.slot];
    if (!list) this.scopes[table.slot] = list = [];
    let scope = list[index];
    if (!scope) list[index] = scope = makeRowScope(row, this.data, index);
    return scope;
  }
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
