import type { FormDefinition, FormField } from '@baton/engine';

/**
 * Rewriting a form's own JsonLogic when a field key changes. Expressions name fields by data path, and
 * what a path means depends on where it sits (engine/src/forms/field-references.ts):
 * - top-level expressions read the form: "lastDay", "assets.0.tag";
 * - a sub-table column's expressions (and rules with `each`) read the ROW: "tag", "$parent.lastDay";
 * - an iterator body (map, filter, all…) reads the items: over `{"var": "assets"}` "tag" is a column;
 *   a reduce body reads "current.tag" and "accumulator";
 * - a relation filter reads "form.<key>" (this form) and "record.<key>" (another form: left alone).
 * So the walk carries a stack of scopes and only rewrites paths whose scope it knows.
 */
export interface KeyRename {
  /** The sub-table whose column is renamed; absent for a top-level field. */
  table?: string;
  from: string;
  to: string;
}

type Scope =
  | { kind: 'form' }
  /** A row of `table`: a column's own expression (`$parent` reaches the form) or an iterator body over it. */
  | { kind: 'row'; table: string; parent: boolean }
  | { kind: 'reduce'; table: string }
  | { kind: 'filter' }
  | { kind: 'opaque' };

interface Walk {
  rename: KeyRename;
  tables: ReadonlySet<string>;
}

const ITERATORS = new Set(['map', 'filter', 'reduce', 'all', 'some', 'none']);
const INDEX = /^\d+$/;

function isPlainObject(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

/** A path read in a scope, with the renamed key replaced (or the same string when it is not named). */
function rewritePath(path: string, scope: Scope, w: Walk): string {
  const segs = path.split('.');
  const { table, from, to } = w.rename;
  const swap = (i: number) => [...segs.slice(0, i), to, ...segs.slice(i + 1)].join('.');
  switch (scope.kind) {
    case 'form':
      if (table === undefined) return segs[0] === from ? swap(0) : path;
      return segs[0] === table && segs.length >= 3 && INDEX.test(segs[1]!) && segs[2] === from ? swap(2) : path;
    case 'row':
      if (segs[0] === '$parent' && scope.parent && segs.length > 1) return `$parent.${rewritePath(segs.slice(1).join('.'), { kind: 'form' }, w)}`;
      return table === scope.table && segs[0] === from ? swap(0) : path;
    case 'reduce':
      return table === scope.table && segs[0] === 'current' && segs[1] === from ? swap(1) : path;
    case 'filter':
      return segs[0] === 'form' && segs.length > 1 ? `form.${rewritePath(segs.slice(1).join('.'), { kind: 'form' }, w)}` : path;
    default:
      return path;
  }
}

/** The sub-table an iterator walks over, when its collection is a plain `var` naming one. */
function iteratedTable(collection: unknown, scope: Scope, w: Walk): string | undefined {
  if (!isPlainObject(collection) || Object.keys(collection).length !== 1 || !('var' in collection)) return undefined;
  const arg = collection.var;
  const path = Array.isArray(arg) ? arg[0] : arg;
  if (typeof path !== 'string') return undefined;
  const prefix = scope.kind === 'form' ? '' : scope.kind === 'row' && scope.parent ? '$parent.' : scope.kind === 'filter' ? 'form.' : null;
  if (prefix === null || !path.startsWith(prefix)) return undefined;
  const rest = path.slice(prefix.length);
  return w.tables.has(rest) ? rest : undefined;
}

function rewriteVal(args: unknown[], stack: Scope[], w: Walk): unknown[] {
  let level = 0;
  let rest = args;
  const leveled = Array.isArray(args[0]);
  if (leveled) {
    level = Math.abs(Number((args[0] as unknown[])[0]) || 0);
    rest = args.slice(1);
  }
  if (rest.length === 0 || !rest.every((s) => typeof s === 'string' || typeof s === 'number')) return args.map((a) => walk(a, stack, w));
  // Each iterator adds two levels (its items and its own context): level 2n climbs n scopes.
  const at = stack.length - 1 - level / 2;
  const scope = level % 2 === 0 && at >= 0 ? stack[at]! : ({ kind: 'opaque' } as Scope);
  const path = rest.map(String).join('.');
  const next = rewritePath(path, scope, w);
  if (next === path) return args;
  const segs = next.split('.');
  return leveled ? [args[0], ...segs] : segs;
}

function walkOperation(op: string, args: unknown, stack: Scope[], w: Walk): unknown {
  const scope = stack[stack.length - 1]!;
  const list = Array.isArray(args) ? args : [args];
  switch (op) {
    case 'preserve':
      return args;
    case 'var': {
      const head = typeof list[0] === 'string' ? rewritePath(list[0], scope, w) : walk(list[0], stack, w);
      const tail = list.slice(1).map((a) => walk(a, stack, w));
      return Array.isArray(args) ? [head, ...tail] : head;
    }
    case 'val':
    case 'exists':
      return Array.isArray(args) ? rewriteVal(args, stack, w) : typeof args === 'string' ? rewritePath(args, scope, w) : walk(args, stack, w);
    case 'missing': {
      const key = (k: unknown) => (typeof k === 'string' ? rewritePath(k, scope, w) : walk(k, stack, w));
      if (!Array.isArray(args)) return key(args);
      return Array.isArray(args[0]) ? [(args[0] as unknown[]).map(key), ...args.slice(1).map(key)] : args.map(key);
    }
    case 'missing_some':
      return Array.isArray(args) && Array.isArray(args[1])
        ? [walk(args[0], stack, w), (args[1] as unknown[]).map((k) => (typeof k === 'string' ? rewritePath(k, scope, w) : k)), ...args.slice(2)]
        : walk(args, stack, w);
    case 'try':
      // Branches after the first read the error, not the data.
      return list.map((branch, i) => walk(branch, i === 0 ? stack : [...stack, { kind: 'opaque' }], w));
    default: {
      if (!ITERATORS.has(op) || !Array.isArray(args)) return walk(args, stack, w);
      const table = iteratedTable(args[0], scope, w);
      const body: Scope = table === undefined ? { kind: 'opaque' } : op === 'reduce' ? { kind: 'reduce', table } : { kind: 'row', table, parent: false };
      return args.map((a, i) => walk(a, i === 1 ? [...stack, body] : stack, w));
    }
  }
}

function walk(node: unknown, stack: Scope[], w: Walk): unknown {
  if (Array.isArray(node)) return node.map((n) => walk(n, stack, w));
  if (!isPlainObject(node)) return node;
  return Object.fromEntries(Object.entries(node).map(([op, args]) => [op, walkOperation(op, args, stack, w)]));
}

function tablesOf(def: Pick<FormDefinition, 'fields'>): Set<string> {
  return new Set(def.fields.filter((f) => f.fields !== undefined).map((f) => f.key));
}

/** One expression rewritten for a rename, read in the scope given ("form", a table's row, or a relation filter). */
export function renameInExpression(logic: unknown, rename: KeyRename, scope: { table?: string; filter?: boolean } = {}, tables: ReadonlySet<string> = new Set()): unknown {
  const start: Scope = scope.filter ? { kind: 'filter' } : scope.table !== undefined ? { kind: 'row', table: scope.table, parent: true } : { kind: 'form' };
  const w: Walk = { rename, tables: scope.table !== undefined ? new Set([...tables, scope.table]) : tables };
  const out = walk(logic, [start], w);
  return JSON.stringify(out) === JSON.stringify(logic) ? logic : out;
}

const LOGIC = ['visibleIf', 'requiredIf', 'computed'] as const;

/** A place in the form that holds expressions: a field or column (item id), or a cross-field rule. */
export type ExpressionOwner = { kind: 'field'; itemId: string; field: FormField } | { kind: 'validation'; index: number; key: string };

function fieldLogic(field: FormField, table: string | undefined, update: (logic: unknown, scope: { table?: string; filter?: boolean }) => unknown): FormField {
  let next = field;
  for (const prop of LOGIC) {
    if (field[prop] === undefined) continue;
    const v = update(field[prop], table === undefined ? {} : { table });
    if (v !== field[prop]) next = { ...next, [prop]: v };
  }
  const filter = field.config?.filter;
  if (filter !== undefined) {
    const v = update(filter, { filter: true });
    if (v !== filter) next = { ...next, config: { ...field.config, filter: v } };
  }
  return next;
}

/** Applies `update` to every expression of the form (fields, columns, relation filters, rules), keeping what it returns. */
function mapExpressions(def: FormDefinition, update: (logic: unknown, scope: { table?: string; filter?: boolean }, owner: ExpressionOwner) => unknown): FormDefinition {
  const fields = def.fields.map((f) => {
    const top = fieldLogic(f, undefined, (l, s) => update(l, s, { kind: 'field', itemId: f.key, field: f }));
    if (!f.fields) return top;
    const columns = f.fields.map((c) => fieldLogic(c, f.key, (l, s) => update(l, s, { kind: 'field', itemId: `${f.key}.${c.key}`, field: c })));
    return columns.some((c, i) => c !== f.fields![i]) ? { ...top, fields: columns } : top;
  });
  const next: FormDefinition = { ...def, fields };
  if (def.validations) {
    next.validations = def.validations.map((v, index) => {
      const scope = v.each === undefined ? {} : { table: v.each };
      const owner: ExpressionOwner = { kind: 'validation', index, key: v.key };
      const assert = update(v.assert, scope, owner);
      const out = assert === v.assert ? v : { ...v, assert };
      if (v.when === undefined) return out;
      const when = update(v.when, scope, owner);
      return when === v.when ? out : { ...out, when };
    });
  }
  return next;
}

/** Every expression of the form rewritten for a key rename, plus the form settings that name top-level keys. */
export function renameReferences(def: FormDefinition, rename: KeyRename): FormDefinition {
  const tables = tablesOf(def);
  const next = mapExpressions(def, (logic, scope) => renameInExpression(logic, rename, scope, tables));
  if (rename.table === undefined) {
    if (next.titleField === rename.from) next.titleField = rename.to;
    if (next.readerFields) next.readerFields = next.readerFields.map((k) => (k === rename.from ? rename.to : k));
  }
  return next;
}

/** The fields (and rules) of the form whose expressions read the item, other than itself and its own columns. */
export function referencesTo(def: FormDefinition, itemId: string): ExpressionOwner[] {
  const dot = itemId.indexOf('.');
  const rename: KeyRename = dot < 0 ? { from: itemId, to: '\u0000' } : { table: itemId.slice(0, dot), from: itemId.slice(dot + 1), to: '\u0000' };
  const tables = tablesOf(def);
  const found = new Map<string, ExpressionOwner>();
  mapExpressions(def, (logic, scope, owner) => {
    const id = owner.kind === 'field' ? owner.itemId : `rule:${owner.index}`;
    const own = owner.kind === 'field' && (id === itemId || id.startsWith(`${itemId}.`));
    if (!own && renameInExpression(logic, rename, scope, tables) !== logic) found.set(id, owner);
    return logic;
  });
  // A rule that checks the field, or runs over the table, reads it without naming it in an expression.
  (def.validations ?? []).forEach((v, index) => {
    const target = v.each === undefined ? v.path : `${v.each}.${v.path}`;
    if (target === itemId || v.each === itemId) found.set(`rule:${index}`, { kind: 'validation', index, key: v.key });
  });
  return [...found.values()];
}
