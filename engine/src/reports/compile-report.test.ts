import { describe, expect, it } from 'vitest';
import { BatonError } from '../errors/error-catalogue.js';
import type { ReportDefinition } from '../definitions/generated/report.js';
import { validateDefinition } from '../definitions/validate-definition.js';
import { compileReport } from './compile-report.js';
import type { Condition } from './report-model.js';

const form = {
  kind: 'form',
  key: 'exit',
  version: 1,
  title: 'Exit',
  fields: [
    { key: 'employeeId', type: 'user', label: 'Employee' },
    { key: 'department', type: 'department', label: 'Department' },
    { key: 'lastDay', type: 'date', label: 'Last day' },
    { key: 'reasonCategory', type: 'select', label: 'Reason', config: { options: [{ value: 'pay', label: 'Pay' }] } },
    { key: 'reason', type: 'long-text', label: 'Reason' },
    { key: 'bonus', type: 'money', label: 'Bonus' },
    { key: 'score', type: 'number', label: 'Score' },
  ],
};
const resolve = (kind: string, key: string) => (kind === 'form' && key === 'exit' ? form : undefined);

function report(extra: Partial<ReportDefinition> = {}): ReportDefinition {
  return {
    kind: 'report',
    key: 'r',
    version: 1,
    title: 'R',
    dataset: { source: 'form', form: 'exit' },
    parameters: [{ key: 'from', label: 'From', type: 'date', default: { relative: { amount: -1, unit: 'months', startOf: 'month' } } }],
    measures: [{ op: 'count', key: 'n', label: 'N' }],
    ...extra,
  } as ReportDefinition;
}

const compile = (def: ReportDefinition) => compileReport(def, { timeZone: 'Asia/Shanghai', resolve });
const NOW = '2025-03-10T02:00:00Z';

function codes(fn: () => unknown): Array<[string, string]> {
  try {
    fn();
  } catch (err) {
    if (err instanceof BatonError) return err.issues.map((i) => [i.code, i.path]);
    throw err;
  }
  return [];
}

describe('compileReport: fields, measures and dimensions', () => {
  it('types form fields, follows people into the directory and reads money amounts', () => {
    const q = compile(report({
      measures: [{ op: 'sum', key: 'bonus', label: 'Bonus', field: 'bonus' }, { op: 'avg', key: 'score', label: 'S', field: 'score' }],
      dimensions: [
        { kind: 'field', key: 'pos', field: 'employeeId.position' },
        { kind: 'field', key: 'level', field: 'employeeId.level' },
        { kind: 'date', key: 'month', field: 'lastDay', bucket: 'month' },
        { kind: 'department', key: 'dept', field: 'employeeId', level: 2 },
      ],
    })).bind({ now: NOW });
    expect(q.measures[0]).toMatchObject({ op: 'sum', field: { column: 'data', path: ['bonus', 'amount'], type: 'number', role: 'money' }, as: 'number' });
    expect(q.dimensions.map((d) => ('field' in d ? d.field : undefined))).toEqual([
      { ref: 'employeeId.position', column: 'data', path: ['employeeId'], via: { attribute: 'position', path: [] }, type: 'string' },
      { ref: 'employeeId.level', column: 'data', path: ['employeeId'], via: { attribute: 'attributes', path: ['level'] }, type: 'unknown' },
      { ref: 'lastDay', column: 'data', path: ['lastDay'], type: 'date' },
      { ref: 'employeeId', column: 'data', path: ['employeeId'], via: { attribute: 'department', path: [] }, type: 'string', role: 'department' },
    ]);
    expect(q.dimensions[2]).toMatchObject({ bucket: 'month', timeZone: 'Asia/Shanghai', weekStart: 'monday' });
    expect(q.today).toBe('2025-03-10');
  });

  it('refuses measures and dimensions on the wrong kind of field, with paths', () => {
    const def = report({
      measures: [
        { op: 'sum', key: 's', label: 'S', field: 'reasonCategory' },
        { op: 'duration', key: 'd', label: 'D', from: { field: 'reason' }, to: { field: 'lastDay' }, unit: 'days', stat: 'p50' },
        { op: 'headcount', key: 'h', label: 'H', stat: 'average' },
      ],
      dimensions: [
        { kind: 'date', key: 'm', field: 'score', bucket: 'month' },
        { kind: 'department', key: 'dep', field: 'lastDay' },
        { kind: 'words', key: 'w', field: 'reason' },
        { kind: 'words', key: 'w2', field: 'reason' },
        { kind: 'field', key: 'cat', field: 'reasonCategory' },
      ],
    });
    expect(codes(() => compile(def))).toEqual([
      ['BATON_E_REPORT_MEASURE_FIELD_TYPE', '/measures/0/field'],
      ['BATON_E_REPORT_INSTANT_FIELD_TYPE', '/measures/1/from/field'],
      ['BATON_E_REPORT_DIMENSION_FIELD_TYPE', '/dimensions/0/field'],
      ['BATON_E_REPORT_DIMENSION_FIELD_TYPE', '/dimensions/1/field'],
      ['BATON_E_REPORT_WORDS_TWICE', '/dimensions/3'],
      ['BATON_E_REPORT_WORDS_MEASURE', '/measures/0/op'],
      ['BATON_E_REPORT_WORDS_MEASURE', '/measures/1/op'],
      ['BATON_E_REPORT_WORDS_MEASURE', '/measures/2/op'],
      ['BATON_E_REPORT_HEADCOUNT_DIMENSION', '/dimensions/2'],
      ['BATON_E_REPORT_HEADCOUNT_DIMENSION', '/dimensions/3'],
      ['BATON_E_REPORT_HEADCOUNT_DIMENSION', '/dimensions/4'],
    ]);
    // validateDefinition reports the same problems, sorted by path, in both locales.
    const result = validateDefinition(def, { resolve: resolve as never, locale: 'zh-CN' });
    expect(result.errors.map((e) => e.code)).toContain('BATON_E_REPORT_HEADCOUNT_DIMENSION');
    expect(result.errors.find((e) => e.code === 'BATON_E_REPORT_MEASURE_FIELD_TYPE')?.message).toContain('需要数值字段');
  });

  it('maps dimensions on the person to the directory for headcount', () => {
    const q = compile(report({
      measures: [{ op: 'count', key: 'n', label: 'N' }, { op: 'headcount', key: 'h', label: 'H', stat: 'average' }, { op: 'ratio', key: 'rate', label: 'R', numerator: 'n', denominator: 'h', scale: 100 }],
      dimensions: [
        { kind: 'date', key: 'month', field: 'lastDay', bucket: 'month' },
        { kind: 'field', key: 'pos', field: 'employeeId.position' },
        { kind: 'field', key: 'dept', field: 'department' },
        { kind: 'tenure', key: 't', from: 'employeeId.hireDate', to: 'lastDay', bands: [{ key: 'y1', label: '<1', below: 12 }, { key: 'more', label: '1+' }] },
      ],
    })).bind({ now: NOW });
    expect(q.headcount).toEqual([
      { kind: 'period' },
      { kind: 'field', field: { ref: 'employeeId.position', column: 'position', path: [], type: 'string' } },
      { kind: 'field', field: { ref: 'department', column: 'department', path: [], type: 'string', role: 'department' } },
      { kind: 'tenure', bands: [{ key: 'y1', label: '<1', below: 12 }, { key: 'more', label: '1+' }] },
    ]);
  });

  it('refuses event instants on the directory and sub-table columns without rows', () => {
    const dir = report({ dataset: { source: 'directory' }, measures: [{ op: 'duration', key: 'd', label: 'D', from: { event: 'flow.started' }, to: { field: 'leaveDate' }, unit: 'days', stat: 'avg' }] });
    expect(codes(() => compile(dir))).toEqual([['BATON_E_REPORT_DURATION_DATASET', '/measures/0/from']]);
    const withTable = { ...form, fields: [...form.fields, { key: 'assets', type: 'sub-table', label: 'A', fields: [{ key: 'tag', type: 'text', label: 'T' }] }] };
    const def = report({ measures: [{ op: 'distinct-count', key: 'tags', label: 'T', field: 'assets.tag' }] });
    expect(codes(() => compileReport(def, { timeZone: 'UTC', resolve: () => withTable }))).toEqual([['BATON_E_REPORT_SUB_TABLE_NEEDS_ROWS', '/measures/0/field']]);
    const rows = report({ dataset: { source: 'form', form: 'exit', rows: 'assets' }, measures: [{ op: 'distinct-count', key: 'tags', label: 'T', field: 'assets.tag' }] });
    expect(compileReport(rows, { timeZone: 'UTC', resolve: () => withTable }).analysis.measures[0]).toMatchObject({ field: { column: 'row', path: ['tag'], type: 'string' } });
  });
});

describe('compileReport: filters and parameters', () => {
  const def = report({
    filters: [
      { field: 'lastDay', op: 'gte', value: { param: 'from' } },
      { field: 'reasonCategory', op: 'in', value: ['pay', 'growth'] },
    ],
    dimensions: [{ kind: 'field', key: 'cat', field: 'reasonCategory' }],
  });

  it('binds parameters (defaults, relative dates) and the viewer\'s JsonLogic filters', () => {
    const q = compile(def).bind({ now: NOW, filters: { and: [{ '!=': [{ var: 'score' }, 3] }, { '<=': ['2025-01-01', { var: '$createdAt' }, '2025-01-31'] }] } });
    const where = q.where as Extract<Condition, { items: Condition[] }>;
    expect(where.items[0]).toMatchObject({ kind: 'compare', op: '>=', value: '2025-02-01', as: 'date' });
    expect(where.items[1]).toMatchObject({ kind: 'in', values: ['pay', 'growth'], as: 'string' });
    const viewer = where.items[2] as Extract<Condition, { items: Condition[] }>;
    expect(viewer.items[0]).toMatchObject({ kind: 'compare', op: '<>', value: 3, as: 'number' });
    // A bare date against a date-time column is that whole day in the org's time zone (UTC+8).
    expect(viewer.items[1]).toEqual({
      kind: 'and',
      items: [
        { kind: 'compare', field: expect.objectContaining({ column: '$createdAt' }), op: '>=', value: '2024-12-31T16:00:00.000Z', as: 'datetime' },
        { kind: 'compare', field: expect.objectContaining({ column: '$createdAt' }), op: '<', value: '2025-01-31T16:00:00.000Z', as: 'datetime' },
      ],
    });
    // An explicit parameter wins over the default; an empty one drops its filter.
    expect((compile(def).bind({ now: NOW, params: { from: '2024-06-01' } }).where as any).items[0].value).toBe('2024-06-01');
    expect(compile({ ...def, parameters: [{ key: 'from', label: 'F', type: 'date' }] } as ReportDefinition).bind({ now: NOW }).where).toMatchObject({ kind: 'in' });
  });

  it('refuses JsonLogic that does not map to SQL, with the path of the offending part', () => {
    const bind = (filters: unknown) => codes(() => compile(def).bind({ now: NOW, filters }));
    expect(bind({ cat: ['a', 'b'] })).toEqual([['BATON_E_REPORT_FILTER_UNSUPPORTED', '/filters/cat']]);
    expect(bind({ and: [{ '==': [{ var: 'score' }, 1] }, { reduce: [] }] })).toEqual([['BATON_E_REPORT_FILTER_UNSUPPORTED', '/filters/and/1/reduce']]);
    expect(bind({ '==': [{ var: 'score' }, { var: 'bonus' }] })).toEqual([['BATON_E_REPORT_FILTER_SHAPE', '/filters/==/1']]);
    expect(bind({ '==': [{ var: 'score' }, 'many'] })).toEqual([['BATON_E_REPORT_FILTER_TYPE', '/filters/==/1']]);
    expect(bind({ '==': [{ var: 'nope' }, 1] })).toEqual([['BATON_E_REPORT_UNKNOWN_FIELD', '/filters/==/0/var']]);
    expect(bind({ in: [{ var: 'reason' }, 'pay'] })).toEqual([['BATON_E_REPORT_FILTER_SHAPE', '/filters/in/1']]);
    expect(bind({ '==': [{ var: '$params.nope' }, 1] })).toEqual([['BATON_E_REPORT_PARAM_UNKNOWN', '/filters/==/0/var']]);
    expect(bind([{ field: 'lastDay', op: 'lt', value: 'yesterday' }])).toEqual([['BATON_E_REPORT_FILTER_TYPE', '/filters/0/value']]);
    expect(bind('drop table')).toEqual([['BATON_E_REPORT_FILTER_SHAPE', '/filters']]);
  });

  it('checks parameter values', () => {
    const withParams = report({
      parameters: [
        { key: 'from', label: 'F', type: 'date', required: true },
        { key: 'kind', label: 'K', type: 'select', options: [{ value: 'a', label: 'A' }], multiple: true },
      ],
    });
    const bind = (params: unknown) => codes(() => compile(withParams).bind({ now: NOW, params }));
    expect(bind({})).toEqual([['BATON_E_REPORT_PARAM_REQUIRED', '/params/from']]);
    expect(bind({ from: '2025-02-30', kind: ['a', 'b'], extra: 1 })).toEqual([
      ['BATON_E_REPORT_PARAM_UNKNOWN', '/params/extra'],
      ['BATON_E_REPORT_PARAM_TYPE', '/params/from'],
      ['BATON_E_REPORT_PARAM_OPTION', '/params/kind/1'],
    ]);
  });
});
