/**
 * The visual condition builder's model and its two-way mapping to JsonLogic. Anything the builder cannot
 * show (a hand-written expression) is kept as `raw`, never lost or rewritten.
 */
export type CompareOp = '==' | '!=' | '>' | '>=' | '<' | '<=' | 'in' | 'contains' | 'empty' | 'notEmpty';

export const COMPARE_OPS: readonly CompareOp[] = ['==', '!=', '>', '>=', '<', '<=', 'in', 'contains', 'empty', 'notEmpty'];

/** Operators that take no value. */
export const UNARY_OPS: ReadonlySet<CompareOp> = new Set(['empty', 'notEmpty']);

export type Operand = { literal: unknown } | { field: string };

export interface Comparison {
  kind: 'compare';
  field: string;
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

export interface Raw {
  kind: 'raw';
  logic: unknown;
}

export type Condition = Comparison | Group | Raw;

export function emptyGroup(): Group {
  return { kind: 'group', combinator: 'and', negate: false, children: [] };
}

const BINARY: Record<string, CompareOp> = { '==': '==', '!=': '!=', '>': '>', '>=': '>=', '<': '<', '<=': '<=' };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{"var": "a.b"}` (or `{"var": ["a.b"]}`) → "a.b"; anything else → undefined. */
function varPath(value: unknown): string | undefined {
  if (!isPlainObject(value) || Object.keys(value).length !== 1 || !('var' in value)) return undefined;
  const v = value.var;
  if (typeof v === 'string' && v !== '') return v;
  if (Array.isArray(v) && v.length === 1 && typeof v[0] === 'string' && v[0] !== '') return v[0];
  return undefined;
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

function parseComparison(op: string, args: unknown): Comparison | undefined {
  if (op in BINARY && Array.isArray(args) && args.length === 2) {
    const field = varPath(args[0]);
    const value = operand(args[1]);
    if (field !== undefined && value !== undefined) return { kind: 'compare', field, op: BINARY[op]!, value };
    return undefined;
  }
  if (op === 'in' && Array.isArray(args) && args.length === 2 && Array.isArray(args[1]) && args[1].every(isLiteral)) {
    const field = varPath(args[0]);
    if (field !== undefined) return { kind: 'compare', field, op: 'in', value: { literal: args[1] } };
    return undefined;
  }
  if (op === 'includes' && Array.isArray(args) && args.length === 2) {
    const field = varPath(args[0]);
    const value = operand(args[1]);
    if (field !== undefined && value !== undefined) return { kind: 'compare', field, op: 'contains', value };
    return undefined;
  }
  if (op === '!!') {
    const field = varPath(Array.isArray(args) && args.length === 1 ? args[0] : args);
    if (field !== undefined) return { kind: 'compare', field, op: 'notEmpty' };
  }
  return undefined;
}

/** JsonLogic → builder model. `undefined` (no condition) is an empty group. */
export function fromJsonLogic(logic: unknown): Condition {
  if (logic === undefined) return emptyGroup();
  if (!isPlainObject(logic)) return { kind: 'raw', logic };
  const entry = single(logic);
  if (!entry) return { kind: 'raw', logic };
  const [op, args] = entry;
  if ((op === 'and' || op === 'or') && Array.isArray(args)) {
    return { kind: 'group', combinator: op, negate: false, children: args.map((a) => fromJsonLogic(a)) };
  }
  if (op === '!') {
    const inner = Array.isArray(args) && args.length === 1 ? args[0] : args;
    const field = varPath(inner);
    if (field !== undefined) return { kind: 'compare', field, op: 'empty' };
    const parsed = fromJsonLogic(inner);
    if (parsed.kind === 'group' && !parsed.negate) return { ...parsed, negate: true };
    return { kind: 'raw', logic };
  }
  return parseComparison(op, args) ?? { kind: 'raw', logic };
}

function operandLogic(value: Operand | undefined): unknown {
  if (!value) return null;
  return 'field' in value ? { var: value.field } : value.literal;
}

/**
 * Builder model → JsonLogic. An empty group (and a comparison with no field yet) is `undefined`: the
 * definition then has no condition at all, rather than an always-true one.
 */
export function toJsonLogic(condition: Condition): unknown {
  switch (condition.kind) {
    case 'raw':
      return condition.logic;
    case 'compare': {
      if (condition.field === '') return undefined;
      const left = { var: condition.field };
      switch (condition.op) {
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
