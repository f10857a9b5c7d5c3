import { pointerSegment } from '../errors/issue.js';
import type { Condition, ReportField, Scalar } from './report-model.js';
import { buildComparison, buildMembership, type CompareOp } from './build-comparison.js';
import type { ConditionScope } from './filter-conditions.js';
import { REPORTS_ERRORS } from './reports-errors.js';

const COMPARISONS: Record<string, CompareOp> = { '==': '=', '===': '=', '!=': '<>', '!==': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };
const FLIP: Record<CompareOp, CompareOp> = { '=': '=', '<>': '<>', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
const PARAM_PREFIX = '$params.';

type Operand = { field: ReportField } | { value: Scalar | null } | { values: Array<Scalar | null> } | { missing: true } | { bad: Condition };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function at(path: string, ...segments: Array<string | number>): string {
  return path + segments.map((s) => '/' + pointerSegment(s)).join('');
}

/**
 * A JsonLogic condition as a report condition, for the subset that maps to SQL: ==, !=, <, <=, >, >=
 * (three operands: between), in (a field and a list), and, or, !. Fields are { "var": "field" },
 * parameters { "var": "$params.key" }. Anything else is refused with the JSON Pointer of the offending
 * part, never evaluated: a filter can only ever become bound values in a fixed SQL shape.
 */
export function jsonLogicToCondition(logic: unknown, path: string, scope: ConditionScope): Condition {
  const shape = (p: string, detail: string, detailZh: string) => scope.complain(REPORTS_ERRORS.BATON_E_REPORT_FILTER_SHAPE, p, { detail, detailZh });
  if (typeof logic === 'boolean') return { kind: 'const', value: logic };
  if (!isPlainObject(logic)) return shape(path, 'a filter is an object such as {"==": [{"var": "status"}, "completed"]}', '筛选条件应为对象，例如 {"==": [{"var": "status"}, "completed"]}');
  const ops = Object.keys(logic);
  if (ops.length !== 1) return shape(path, `an operation object has exactly one key, this one has ${ops.length}`, `运算对象只能有一个键，此处有 ${ops.length} 个`);
  const op = ops[0] as string;
  const raw = logic[op];
  const argsPath = at(path, op);
  const args = Array.isArray(raw) ? raw : [raw];

  if (op === 'and' || op === 'or') {
    if (args.length === 0) return { kind: 'const', value: op === 'and' };
    return { kind: op, items: args.map((a, i) => jsonLogicToCondition(a, Array.isArray(raw) ? at(argsPath, i) : argsPath, scope)) };
  }
  if (op === '!') {
    if (args.length !== 1) return shape(argsPath, '"!" takes one condition', '"!" 只接受一个条件');
    return { kind: 'not', item: jsonLogicToCondition(args[0], Array.isArray(raw) ? at(argsPath, 0) : argsPath, scope) };
  }

  const operand = (v: unknown, p: string): Operand => {
    if (isPlainObject(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1 && keys[0] === 'var') {
        const name = Array.isArray(v.var) ? v.var[0] : v.var;
        if (typeof name !== 'string' || name === '') return { bad: shape(at(p, 'var'), '"var" names a field, e.g. {"var": "status"}', '"var" 应指定字段，例如 {"var": "status"}') };
        if (name.startsWith(PARAM_PREFIX)) {
          const key = name.slice(PARAM_PREFIX.length);
          if (!scope.params.has(key)) return { bad: scope.complain(REPORTS_ERRORS.BATON_E_REPORT_PARAM_UNKNOWN, at(p, 'var'), { key, known: [...scope.params.keys()].map((k) => `"${k}"`).join(', ') || '—' }) };
          const value = scope.params.get(key);
          if (value === undefined) return { missing: true };
          return Array.isArray(value) ? { values: value } : { value };
        }
        const field = scope.field(name, at(p, 'var'));
        return field ? { field } : { bad: { kind: 'const', value: false } };
      }
      return { bad: shape(p, 'an operand is a field ({"var": …}), a parameter ({"var": "$params.…"}) or a literal value; nested operations are not supported here', '操作数只能是字段（{"var": …}）、参数（{"var": "$params.…"}）或字面值；此处不支持嵌套运算') };
    }
    if (Array.isArray(v)) {
      const scalars = v.every((x) => x === null || ['string', 'number', 'boolean'].includes(typeof x));
      return scalars ? { values: v as Array<Scalar | null> } : { bad: shape(p, 'a list holds only texts, numbers, true/false or null', '列表只能包含文本、数字、true/false 或 null') };
    }
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return { value: v };
    return { bad: shape(p, 'unsupported operand', '不支持的操作数') };
  };
  const operandPath = (i: number) => (Array.isArray(raw) ? at(argsPath, i) : argsPath);

  if (op === 'in') {
    if (args.length !== 2) return shape(argsPath, '"in" takes a field and a list: {"in": [{"var": "type"}, ["a", "b"]]}', '"in" 需要一个字段和一个列表：{"in": [{"var": "type"}, ["a", "b"]]}');
    const left = operand(args[0], operandPath(0));
    const right = operand(args[1], operandPath(1));
    if ('bad' in left) return left.bad;
    if ('bad' in right) return right.bad;
    if ('missing' in right) return { kind: 'const', value: true };
    if (!('field' in left)) return shape(operandPath(0), 'the first operand of "in" is a field', '"in" 的第一个操作数应为字段');
    if (!('values' in right)) return shape(operandPath(1), '"in" needs a list of values here (substring search is not supported; use the "contains" filter)', '"in" 此处需要取值列表（不支持子串查找，请使用 contains 筛选）');
    return buildMembership(left.field, right.values, scope.timeZone, operandPath(1), scope.complain);
  }

  const cmp = COMPARISONS[op];
  if (!cmp) return scope.complain(REPORTS_ERRORS.BATON_E_REPORT_FILTER_UNSUPPORTED, argsPath, { op });
  if (args.length === 3 && (op === '<' || op === '<=')) {
    // JsonLogic's between: {"<=": [low, {"var": "x"}, high]}.
    const [low, mid, high] = args.map((a, i) => operand(a, operandPath(i))) as [Operand, Operand, Operand];
    for (const o of [low, mid, high]) if ('bad' in o) return o.bad;
    if (!('field' in mid)) return shape(operandPath(1), 'the middle operand of a between is the field', '区间比较的中间操作数应为字段');
    const sides: Condition[] = [];
    for (const [o, i, c] of [[low, 0, FLIP[cmp]], [high, 2, cmp]] as const) {
      if ('missing' in o) continue;
      if (!('value' in o)) return shape(operandPath(i), 'a bound of a between is one value', '区间的边界应为单个值');
      sides.push(buildComparison(mid.field, c, o.value, scope.timeZone, operandPath(i), scope.complain));
    }
    return sides.length === 0 ? { kind: 'const', value: true } : sides.length === 1 ? (sides[0] as Condition) : { kind: 'and', items: sides };
  }
  if (args.length !== 2) return shape(argsPath, `"${op}" takes two operands (three for a between with < or <=)`, `"${op}" 需要两个操作数（使用 < 或 <= 表示区间时为三个）`);
  let left = operand(args[0], operandPath(0));
  let right = operand(args[1], operandPath(1));
  if ('bad' in left) return left.bad;
  if ('bad' in right) return right.bad;
  let finalOp = cmp;
  let valuePath = operandPath(1);
  if (!('field' in left)) {
    [left, right] = [right, left];
    finalOp = FLIP[cmp];
    valuePath = operandPath(0);
  }
  if (!('field' in left)) return shape(argsPath, 'compare a field ({"var": …}) with a value', '请将字段（{"var": …}）与一个值比较');
  if ('field' in right) return shape(valuePath, 'compare a field with a value, not with another field', '请将字段与一个值比较，而不是与另一个字段比较');
  if ('missing' in right) return { kind: 'const', value: true };
  if ('values' in right) {
    if (finalOp !== '=' && finalOp !== '<>') return shape(valuePath, 'a list can only be compared with == or !=', '列表只能用 == 或 != 比较');
    const member = buildMembership(left.field, right.values, scope.timeZone, valuePath, scope.complain);
    return finalOp === '=' ? member : { kind: 'not', item: member };
  }
  return buildComparison(left.field, finalOp, right.value, scope.timeZone, valuePath, scope.complain);
}
