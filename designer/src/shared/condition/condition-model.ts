/**
 * The visual condition builder's model and its two-way mapping to JsonLogic. Anything the builder cannot
 * show (a hand-written expression) is kept as `raw`, never lost or rewritten.
 */
export type CompareOp = '==' | '!=' | '>' | '>=' | '<' | '<=' | 'in' | 'contains' | 'empty' | 'notEmpty' | 'truthy';

export const COMPARE_OPS: readonly CompareOp[] = ['==', '!=', '>', '>=', '<', '<=', 'in', 'contains', 'empty', 'notEmpty', 'truthy'];

/** Operators that take no value. `truthy` is a bare `{"var": …}` ("is set / yes"), `notEmpty` its `!!` form. */
export const UNARY_OPS: ReadonlySet<CompareOp> = new Set(['empty', 'notEmpty', 'truthy']);

export type Operand = { literal: unknown } | { field: string };

export interface Comparison {
  kind: 'compare';
  field: string;
  /**
   * When set, the left side is the directory record of the person in `field` and this is the attribute
   * read from it (`{"directory": [{"var": field}, lookup]}`, e.g. "attributes.jobFamily").
   */
  lookup?: string;
  op: CompareOp;
  /** Absent for unary operators; a list of literals for `in`. */
  value?: Operand;
}

export interface Group {
  kind: 'group';
  combinator: 'and' | 'or';
  negate: boolean;
  children: Condition[];
}

/** `{"some"|"all"|"none": [{"var": list}, condition]}`: a test over the rows of a sub-table. */
export interface Quantifier {
  kind: 'quantifier';
  quantifier: 'some' | 'all' | 'none';
  list: string;
  /** Reads the row's own columns. */
  condition: Group;
}

/** Why an expression stays as JSON: an operator the builder has no row for, or a shape it would rewrite. */
export type RawReason = { code: 'operator'; operator: string } | { code: 'shape' };

export interface Raw {
  kind: 'raw';
  logic: unknown;
  reason?: RawReason;
}

export type Condition = Comparison | Group | Quantifier | Raw;

export const QUANTIFIERS: readonly Quantifier['quantifier'][] = ['some', 'all', 'none'];

export function emptyGroup(): Group {
  return { kind: 'group', combinator: 'and', negate: false, children: [] };
}

const BINARY: Record<string, CompareOp> = { '==': '==', '!=': '!=', '>': '>', '>=': '>=', '<': '<', '<=': '<=' };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{"var": "a.b"}` → "a.b"; anything else (a default, the list form) → undefined. */
function varPath(value: unknown): string | undefined {
  if (!isPlainObject(value) || Object.keys(value).length !== 1 || !('var' in value)) return undefined;
  return typeof value.var === 'string' && value.var !== '' ? value.var : undefined;
}

/** The left side of a comparison: a field, or a directory attribute of the person in a field. */
function subject(value: unknown): Pick<Comparison, 'field' | 'lookup'> | undefined {
  const field = varPath(value);
  if (field !== undefined) return { field };
  if (!isPlainObject(value) || Object.keys(value).length !== 1 || !Array.isArray(value.directory)) return undefined;
  const [person, attribute, ...rest] = value.directory as unknown[];
  const personField = varPath(person);
  if (personField === undefined || typeof attribute !== 'string' || attribute === '' || rest.length > 0) return undefined;
  return { field: personField, lookup: attribute };
}

function isLiteral(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function operand(value: unknown): Operand | undefined {
  const path = varPath(value);
  if (path !== undefined) return { field: path };
  if (isLiteral(value)) return { literal: value };
  return undefined;
}

function single(logic: Record<string, unknown>): [string, unknown] | undefined {
  const keys = Object.keys(logic);
  return keys.length === 1 ? [keys[0]!, logic[keys[0]!]] : undefined;
}

function compare(left: Pick<Comparison, 'field' | 'lookup'>, op: CompareOp, value?: Operand): Comparison {
  return { kind: 'compare', ...left, op, ...(value !== undefined ? { value } : {}) };
}

function parseComparison(op: string, args: unknown): Comparison | undefined {
  const pair = Array.isArray(args) && args.length === 2 ? args : undefined;
  const left = pair ? subject(pair[0]) : undefined;
  if (op in BINARY && pair && left) {
    const value = operand(pair[1]);
    return value !== undefined ? compare(left, BINARY[op]!, value) : undefined;
  }
  if (op === 'in' && pair && left && Array.isArray(pair[1]) && pair[1].every(isLiteral)) return compare(left, 'in', { literal: pair[1] });
  if (op === 'includes' && pair && left) {
    const value = operand(pair[1]);
    return value !== undefined ? compare(left, 'contains', value) : undefined;
  }
  if (op === '!!' || op === '!') {
    const inner = subject(args);
    return inner ? compare(inner, op === '!!' ? 'notEmpty' : 'empty') : undefined;
  }
  if (op === 'var' || op === 'directory') {
    const inner = subject({ [op]: args });
    return inner ? compare(inner, 'truthy') : undefined;
  }
  return undefined;
}

function parseQuantifier(op: string, args: unknown): Quantifier | undefined {
  if (!(QUANTIFIERS as readonly string[]).includes(op) || !Array.isArray(args) || args.length !== 2) return undefined;
  const list = varPath(args[0]);
  if (list === undefined) return undefined;
  const inner = fromJsonLogic(args[1]);
  const condition = inner.kind === 'group' ? inner : { ...emptyGroup(), children: [inner] };
  return { kind: 'quantifier', quantifier: op as Quantifier['quantifier'], list, condition };
}

function parseNode(logic: unknown): Condition {
  if (!isPlainObject(logic)) return { kind: 'raw', logic, reason: { code: 'shape' } };
  const entry = single(logic);
  if (!entry) return { kind: 'raw', logic, reason: { code: 'shape' } };
  const [op, args] = entry;
  if ((op === 'and' || op === 'or') && Array.isArray(args)) {
    return { kind: 'group', combinator: op, negate: false, children: args.map((a) => fromJsonLogic(a)) };
  }
  if (op === '!' && subject(args) === undefined) {
    const parsed = fromJsonLogic(args);
    if (parsed.kind === 'group' && !parsed.negate) return { ...parsed, negate: true };
    return { kind: 'raw', logic, reason: { code: 'shape' } };
  }
  const known = parseComparison(op, args) ?? parseQuantifier(op, args);
  if (known) return known;
  const understood = op in BINARY || ['in', 'includes', '!!', '!', 'var', 'directory', 'and', 'or', ...QUANTIFIERS].includes(op);
  return { kind: 'raw', logic, reason: understood ? { code: 'shape' } : { code: 'operator', operator: op } };
}

/** Same JSON value, key order aside (definitions are compared as data, not text). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => k in b && sameJson(a[k], b[k]));
}

/**
 * JsonLogic → builder model. `undefined` (no condition) is an empty group. Every node is checked to
 * serialize back to exactly what was read; one that would not (`{"and": [x]}`, `{"var": ["a"]}`) stays raw,
 * so opening and saving a definition never rewrites its expressions.
 */
export function fromJsonLogic(logic: unknown): Condition {
  if (logic === undefined) return emptyGroup();
  const parsed = parseNode(logic);
  if (parsed.kind === 'raw' || sameJson(toJsonLogic(parsed), logic)) return parsed;
  return { kind: 'raw', logic, reason: { code: 'shape' } };
}

/** True when the builder shows the whole condition as rows (no part left as JSON). */
export function isFullyVisual(condition: Condition): boolean {
  if (condition.kind === 'raw') return false;
  if (condition.kind === 'group') return condition.children.every(isFullyVisual);
  if (condition.kind === 'quantifier') return isFullyVisual(condition.condition);
  return true;
}

function operandLogic(value: Operand | undefined): unknown {
  if (!value) return null;
  return 'field' in value ? { var: value.field } : value.literal;
}

function leftLogic(condition: Comparison): unknown {
  const field = { var: condition.field };
  return condition.lookup !== undefined ? { directory: [field, condition.lookup] } : field;
}

function comparisonLogic(condition: Comparison): unknown {
  if (condition.field === '') return undefined;
  const left = leftLogic(condition);
  switch (condition.op) {
    case 'truthy':
      return left;
    case 'empty':
      return { '!': left };
    case 'notEmpty':
      return { '!!': left };
    case 'in': {
      const list = condition.value && 'literal' in condition.value && Array.isArray(condition.value.literal) ? condition.value.literal : [];
      return { in: [left, list] };
    }
    case 'contains':
      return { includes: [left, operandLogic(condition.value)] };
    default:
      return { [condition.op]: [left, operandLogic(condition.value)] };
  }
}

/**
 * Builder model → JsonLogic. An empty group (and a comparison with no field yet) is `undefined`: the
 * definition then has no condition at all, rather than an always-true one.
 */
export function toJsonLogic(condition: Condition): unknown {
  switch (condition.kind) {
    case 'raw':
      return condition.logic;
    case 'compare':
      return comparisonLogic(condition);
    case 'quantifier': {
      const inner = toJsonLogic(condition.condition);
      if (condition.list === '' || inner === undefined) return undefined;
      return { [condition.quantifier]: [{ var: condition.list }, inner] };
    }
    case 'group': {
      const parts = condition.children.map(toJsonLogic).filter((p) => p !== undefined);
      if (parts.length === 0) return undefined;
      const body = parts.length === 1 && !condition.negate ? parts[0] : { [condition.combinator]: parts };
      return condition.negate ? { '!': body } : body;
    }
  }
}

/** The model of a condition with the child at `path` (indexes into nested groups) replaced or removed. */
export function updateAt(root: Condition, path: readonly number[], next: Condition | null): Condition {
  if (path.length === 0) return next ?? emptyGroup();
  if (root.kind !== 'group') return root;
  const [head, ...rest] = path;
  const children = root.children.flatMap((child, i) => {
    if (i !== head) return [child];
    if (rest.length === 0) return next ? [next] : [];
    return [updateAt(child, rest, next)];
  });
  return { ...root, children };
}
