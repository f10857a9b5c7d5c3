import { sharedSchemaCompiler } from '../definitions/validate-against-schema.js';
import { BOOLEAN, BOOLEAN_OR_NULL, CHOICE, DATE, quickOf, quickPasses, STRING, type QuickCheck } from '../json-schema/quick-checks.js';
import { defineOwn } from './form-data-draft.js';
import { isIsoDate } from './iso-date-formats.js';
import type { SchemaCheck } from '../json-schema/schema-error.js';
import type { FieldType } from './field-type.js';
import type { FieldNode, FormModel } from './form-model.js';
import { bareValueSchema } from './form-schemas.js';

// Module-local alias (see json-schema/object-keywords.ts: export getters under a CommonJS transpile).
const passes = quickPasses;
const isDate = isIsoDate;

type ValueCheck = NonNullable<FieldType['validateValue']>;

/** One field or column: its structural check (inline quick form when it has one) and its type's own check. */
class Slot {
  constructor(
    readonly key: string,
    readonly quick: QuickCheck | undefined,
    readonly full: SchemaCheck,
    readonly validateValue: ValueCheck | undefined,
    readonly config: Record<string, unknown>,
    /** For a column: it is required (statically or by requiredIf). */
    readonly required: boolean,
    /** A sub-table (its rows are checked as the walk visits them). */
    readonly table: boolean,
  ) {}
}

/**
 * A sub-table's columns as parallel arrays (the row loop reads numbers and functions, not one object per
 * cell), with the last row key order seen (rows of one table mostly share it).
 */
class TablePlan {
  lastKeys: string[] = [];
  lastColumns: number[] = [];
  /** QuickCheck kind per column, 0 = call `full`. */
  readonly kinds: number[];
  /** A CHOICE column's allowed values. */
  readonly choices: ReadonlyArray<ReadonlySet<unknown>>;
  readonly mins: number[];
  readonly maxs: number[];
  readonly fulls: SchemaCheck[];
  readonly slots: Slot[];
  readonly required: boolean[];
  readonly owns: boolean[];
  constructor(
    columns: Slot[],
    readonly byKey: Map<string, number>,
  ) {
    this.slots = columns;
    this.kinds = columns.map((c) => (c.quick === undefined ? 0 : c.quick.kind));
    this.choices = columns.map((c) => c.quick?.values ?? EMPTY_CHOICES);
    this.mins = columns.map((c) => c.quick?.min ?? 0);
    this.maxs = columns.map((c) => c.quick?.max ?? Infinity);
    this.fulls = columns.map((c) => c.full);
    this.required = columns.map((c) => c.required);
    this.owns = columns.map((c) => c.validateValue !== undefined);
  }
}

const EMPTY_CHOICES: ReadonlySet<unknown> = new Set();

/** Keys the generic row check also reads outside `items`: with them the table's schema is left to it. */
const ARRAY_SHAPE_KEYWORDS = ['items', 'prefixItems', 'additionalItems', 'unevaluatedItems', '$ref'];

function slotOf(node: FieldNode, required: boolean): Slot {
  const full = sharedSchemaCompiler().compile(bareValueSchema(node));
  return new Slot(node.key, quickOf(full), full, node.type.validateValue as ValueCheck | undefined, node.config, required, node.columns !== undefined);
}

/** The value's structure, then (on a value that passed it, as the FieldType contract says) its type's own check. */
function valuePasses(slot: Slot, v: unknown): boolean {
  const quick = slot.quick;
  if (quick !== undefined ? !passes(quick, v, slot.full) : !slot.full(v, '', null, '')) return false;
  const own = slot.validateValue;
  return own === undefined || own(v, slot.config).length === 0;
}

function isEmptyValue(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/**
 * The happy path of a form's data check, fused into validation's visibility walk: each visible field's and
 * each cell's structure (the same compiled checks the form's JSON Schema is made of, inline when they are
 * simple) and its type's `validateValue`, as the walk reaches them, in their final state (computed, access
 * restored, hidden cells removed). It only ever answers "certainly clean": on any doubt the full check runs
 * and reports every error with its path exactly as before. Unknown top-level keys are told from the
 * submission's key list (no pipeline step adds or removes an undeclared key), with the last list seen cached.
 */
export class FormDataCheck {
  private lastInputKeys: readonly string[] = [];
  private lastHasUnknown = true;

  private constructor(
    /** By index in model.fields. */
    private readonly fields: Slot[],
    /** By the table's slot (FieldNode.slot). */
    private readonly tables: TablePlan[],
    private readonly known: ReadonlySet<string>,
  ) {}

  /** Undefined when some field needs the generic check (a container type shaping its own items, or checking its value itself). */
  static build(model: FormModel): FormDataCheck | undefined {
    const fields: Slot[] = [];
    const tables: TablePlan[] = [];
    for (const node of model.fields) {
      if (node.columns) {
        const base = node.type.valueSchema(node.config);
        if (typeof base !== 'object' || node.type.validateValue || ARRAY_SHAPE_KEYWORDS.some((k) => base[k] !== undefined)) return undefined;
        const byKey = new Map<string, number>();
        node.columns.forEach((column, i) => byKey.set(column.key, i));
        const required = new Set(node.requiredColumns);
        tables[node.slot] = new TablePlan(node.columns.map((column) => slotOf(column, required.has(column))), byKey);
      }
      fields.push(slotOf(node, false));
    }
    return new FormDataCheck(fields, tables, new Set(model.fields.map((f) => f.key)));
  }

  /**
   * A visible field's final value (the `index`-th of model.fields; undefined = absent). A sub-table's rows
   * must all be records here; their cells are checked by rowPasses as the walk visits them.
   */
  fieldPasses(index: number, v: unknown): boolean {
    if (v === undefined) return true;
    const slot = this.fields[index] as Slot;
    if (!valuePasses(slot, v)) return false;
    if (slot.table && Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const row: unknown = v[i];
        if (typeof row !== 'object' || row === null || Array.isArray(row)) return false;
      }
    }
    return true;
  }

  /**
   * A visible row's final cells: -1 when one fails (or is not a column), else how many of the table's
   * required columns hold a value (the caller then knows whether any required cell needs a closer look).
   */
  rowPasses(tableSlot: number, row: Record<string, unknown>): number {
    const plan = this.tables[tableSlot] as TablePlan;
    const { kinds, mins, maxs, fulls, required, owns } = plan;
    const seenKeys = plan.lastKeys;
    const seenColumns = plan.lastColumns;
    let same = true;
    let n = 0;
    let filled = 0;
    for (const key in row) {
      let c: number;
      if (same && seenKeys[n] === key) c = seenColumns[n] as number;
      else {
        same = false;
        c = plan.byKey.get(key) ?? -1;
      }
      n++;
      // An unknown column: the row schema has additionalProperties false.
      if (c < 0) return -1;
      const v = row[key];
      if (v === undefined) continue;
      // The commonest cell shapes inline (quickPasses' cases); anything else through its closure.
      switch (kinds[c]) {
        case STRING: {
          if (typeof v !== 'string') return -1;
          const min = mins[c] as number;
          if (!(v.length <= (maxs[c] as number) && v.length >= min && (min === 0 || v.length >= 2 * min)) && !(fulls[c] as SchemaCheck)(v, '', null, '')) return -1;
          if (required[c] && v !== '') filled++;
          break;
        }
        case BOOLEAN:
          if (typeof v !== 'boolean') return -1;
          if (required[c]) filled++;
          break;
        case DATE:
          if (typeof v !== 'string' || !isDate(v)) return -1;
          if (required[c]) filled++;
          break;
        case CHOICE:
          // Enum values are non-empty strings or at least not undefined/null/[] here: v is present.
          if (!(plan.choices[c] as ReadonlySet<unknown>).has(v)) return -1;
          if (required[c] && v !== '') filled++;
          break;
        case BOOLEAN_OR_NULL:
          if (v !== null && typeof v !== 'boolean') return -1;
          if (required[c] && v !== null) filled++;
          break;
        default:
          if (!(fulls[c] as SchemaCheck)(v, '', null, '')) return -1;
          if (required[c] && !isEmptyValue(v)) filled++;
      }
      if (owns[c]) {
        const slot = plan.slots[c] as Slot;
        if ((slot.validateValue as ValueCheck)(v, slot.config).length !== 0) return -1;
      }
    }
    if (!same || n !== seenKeys.length) {
      const keys: string[] = [];
      const indexes: number[] = [];
      for (const key in row) {
        keys.push(key);
        indexes.push(plan.byKey.get(key) ?? -1);
      }
      plan.lastKeys = keys;
      plan.lastColumns = indexes;
    }
    return filled;
  }

  /**
   * The part of the final data the full check must explain: undeclared keys and the `failing` fields, in
   * the data's key order. The form's root schema has no keyword but `properties` and
   * `additionalProperties: false`, so this part gives exactly the errors the whole data gives.
   */
  suspects(data: Record<string, unknown>, failing: ReadonlySet<string> | undefined): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(data)) {
      if (this.known.has(key) && failing?.has(key) !== true) continue;
      if (key === '__proto__') defineOwn(out, key, data[key]);
      else out[key] = data[key];
    }
    return out;
  }

  /** The key list of the last submission checked (FormDataDraft reuses it when the next has the same keys). */
  get lastKeys(): readonly string[] {
    return this.lastInputKeys;
  }

  /** Whether the submission had a key the form does not declare. */
  hasUnknown(keys: readonly string[]): boolean {
    const last = this.lastInputKeys;
    if (keys === last) return this.lastHasUnknown;
    if (keys.length === last.length) {
      let same = true;
      for (let i = 0; i < keys.length; i++) {
        if (keys[i] !== last[i]) {
          same = false;
          break;
        }
      }
      if (same) return this.lastHasUnknown;
    }
    let unknown = false;
    for (const key of keys) if (!this.known.has(key)) unknown = true;
    // Frozen: the draft hands this very array back as a later submission's key list.
    this.lastInputKeys = Object.freeze(keys.slice());
    this.lastHasUnknown = unknown;
    return unknown;
  }
}
