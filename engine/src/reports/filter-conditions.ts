import type { Filter, FilterValue } from '../definitions/generated/report.js';
import type { Condition, ReportField, Scalar } from './report-model.js';
import type { ParamValue } from './report-params.js';
import { relativeDate } from './report-params.js';
import { buildComparison, buildMembership, type Complain } from './build-comparison.js';
import { REPORTS_ERRORS } from './reports-errors.js';

export interface ConditionScope {
  timeZone: string;
  today: string;
  params: Map<string, ParamValue>;
  /** Resolves a field reference; reports a problem through complain and returns undefined. */
  field(ref: string, path: string): ReportField | undefined;
  complain: Complain;
}

/** A value that is absent: its parameter was left empty, so the filter does not apply. */
const MISSING = Symbol('missing');
type Resolved = Scalar | null | Scalar[] | typeof MISSING;

type FilterOperand = Exclude<FilterValue, unknown[]> | string | number | boolean | null;

function resolveValue(value: FilterOperand, scope: ConditionScope): Resolved {
  if (value === null || typeof value !== 'object') return value;
  // A list where one operand belongs (e.g. eq with value []): the operator's own checks below refuse or use it.
  if (Array.isArray(value)) return value as Scalar[];
  if ('param' in value) {
    const v = scope.params.get(value.param);
    return v === undefined ? MISSING : v;
  }
  return relativeDate(value.relative, scope.today);
}

const TRUE: Condition = { kind: 'const', value: true };

function shape(scope: ConditionScope, path: string, detail: string, detailZh: string): Condition {
  return scope.complain(REPORTS_ERRORS.BATON_E_REPORT_FILTER_SHAPE, path, { detail, detailZh });
}

/** Scalars only: a list where one value belongs, or an object, is refused. */
function single(v: Resolved, scope: ConditionScope, path: string): Scalar | null | Condition {
  if (Array.isArray(v)) return v.length === 1 ? (v[0] as Scalar) : shape(scope, path, 'give one value, not a list', '请给出单个值而不是列表');
  return v as Scalar | null;
}

function isCondition(v: unknown): v is Condition {
  return typeof v === 'object' && v !== null && 'kind' in v;
}

/**
 * A structured filter of the definition ({ field, op, value }) as a condition. A parameter left empty
 * drops the filter (or one side of a between): an unset "from" means "from the beginning".
 */
export function filterToCondition(filter: Filter, path: string, scope: ConditionScope): Condition {
  const field = scope.field(filter.field, `${path}/field`);
  if (!field) return { kind: 'const', value: false };
  const valuePath = `${path}/value`;
  const raw = filter.value;
  const op = filter.op;
  if (op === 'is-empty' || op === 'not-empty') return { kind: 'empty', field, negate: op === 'not-empty' };
  if (op === 'between') {
    const [from, to] = (Array.isArray(raw) ? raw : []) as FilterOperand[];
    const sides: Condition[] = [];
    for (const [i, v, cmp] of [[0, from, '>='], [1, to, '<=']] as const) {
      const resolved = resolveValue(v ?? null, scope);
      if (resolved === MISSING || resolved === null) continue;
      const one = single(resolved, scope, `${valuePath}/${i}`);
      if (isCondition(one)) return one;
      sides.push(buildComparison(field, cmp, one, scope.timeZone, `${valuePath}/${i}`, scope.complain));
    }
    return sides.length === 0 ? TRUE : sides.length === 1 ? (sides[0] as Condition) : { kind: 'and', items: sides };
  }
  if (op === 'in' || op === 'not-in') {
    const values: Array<Scalar | null> = [];
    const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
    for (const v of list) {
      const resolved = resolveValue(v as FilterOperand, scope);
      if (resolved === MISSING) continue;
      if (Array.isArray(resolved)) values.push(...resolved);
      else values.push(resolved);
    }
    if (values.length === 0 && list.some((v) => typeof v === 'object' && v !== null && 'param' in v)) return TRUE;
    const member = buildMembership(field, values, scope.timeZone, valuePath, scope.complain);
    return op === 'in' ? member : { kind: 'not', item: member };
  }
  const resolved = resolveValue((raw ?? null) as FilterOperand, scope);
  if (resolved === MISSING) return TRUE;
  if (op === 'within-department') {
    const one = single(resolved, scope, valuePath);
    if (isCondition(one)) return one;
    if (typeof one !== 'string') return shape(scope, valuePath, 'give a department id', '请给出部门编号');
    if (field.role !== 'department' && field.role !== 'user') {
      return shape(scope, `${path}/field`, `"${field.ref}" is neither a department nor a person`, `"${field.ref}" 既不是部门也不是人员`);
    }
    return { kind: 'within-department', field, department: one };
  }
  if (op === 'contains') {
    const one = single(resolved, scope, valuePath);
    if (isCondition(one)) return one;
    if (typeof one !== 'string' || one === '') return shape(scope, valuePath, 'give the text to look for', '请给出要查找的文本');
    return { kind: 'contains', field, value: one };
  }
  // A multi-valued parameter with eq/ne means "any of" / "none of".
  if (Array.isArray(resolved) && (op === 'eq' || op === 'ne')) {
    const member = buildMembership(field, resolved, scope.timeZone, valuePath, scope.complain);
    return op === 'eq' ? member : { kind: 'not', item: member };
  }
  const one = single(resolved, scope, valuePath);
  if (isCondition(one)) return one;
  const cmp = ({ eq: '=', ne: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const)[op];
  return buildComparison(field, cmp, one, scope.timeZone, valuePath, scope.complain);
}

/** All conditions that hold, simplified: constants folded, single items unwrapped. */
export function allOf(conditions: Condition[]): Condition | undefined {
  const items = conditions.filter((c) => !(c.kind === 'const' && c.value));
  if (items.some((c) => c.kind === 'const' && !c.value)) return { kind: 'const', value: false };
  if (items.length === 0) return undefined;
  return items.length === 1 ? items[0] : { kind: 'and', items };
}
