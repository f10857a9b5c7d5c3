import { describe, expect, it } from 'vitest';
import { checkReportDefinition } from './check-report-definition.js';
import { codesAndPaths, context, schemaThenCheck } from './fixtures/check-harness.js';
import { attritionReport, copy, cycleTimeReport } from './fixtures/offboarding-examples.js';

const check = (def: unknown, ctx = context()) => schemaThenCheck('report', def, checkReportDefinition, ctx);

describe('report definitions', () => {
  it('accepts the attrition and cycle-time examples', () => {
    expect(check(attritionReport)).toEqual([]);
    expect(check(cycleTimeReport)).toEqual([]);
  });

  it('reports schema errors with JSON paths in both locales', () => {
    const def = copy(attritionReport) as Record<string, any>;
    def.measures[0].op = 'median';
    def.dimensions[1].bucket = 'fortnight';
    delete def.dataset.form;
    const issues = check(def, context('zh-CN'));
    expect(codesAndPaths(issues)).toEqual([
      ['BATON_E_SCHEMA_REQUIRED', '/dataset/form'],
      ['BATON_E_SCHEMA_DISCRIMINATOR', '/measures/0/op'],
      ['BATON_E_SCHEMA_ENUM', '/dimensions/1/bucket'],
    ]);
    expect(issues[0]?.message).toBe('请添加必填属性 "form"。');
    expect(issues[1]?.messages.en).toContain('"count", "distinct-count"');
  });

  it('names unknown measures in ratios, charts and sorting, and self-referencing ratios', () => {
    const def = copy(attritionReport) as Record<string, any>;
    def.measures[2].denominator = 'heads';
    def.measures.push({ op: 'ratio', key: 'loop', label: 'Loop', numerator: 'loop', denominator: 'leavers' });
    def.chart = { type: 'bar', x: 'quarter', y: ['rate', 'nope'] };
    def.sort = [{ by: 'salary' }];
    const issues = check(def);
    expect(codesAndPaths(issues)).toEqual([
      ['BATON_E_REPORT_UNKNOWN_MEASURE', '/measures/2/denominator'],
      ['BATON_E_REPORT_RATIO_CYCLE', '/measures/4'],
      ['BATON_E_REPORT_UNKNOWN_DIMENSION', '/chart/x'],
      ['BATON_E_REPORT_UNKNOWN_MEASURE', '/chart/y/1'],
      ['BATON_E_REPORT_UNKNOWN_SORT_KEY', '/sort/0/by'],
    ]);
    expect(issues[0]?.message).toBe('There is no measure "heads" in this report: use one of "leavers", "headcount", "rate", "successors", "loop", or add that measure.');
  });

  it('names fields the dataset form does not have, when the form resolves', () => {
    const def = copy(attritionReport) as Record<string, any>;
    def.dimensions[0].field = 'division';
    def.measures[3].field = 'customers.owner';
    def.filters[0].field = '$deletedAt';
    const issues = check(def);
    expect(codesAndPaths(issues)).toEqual([
      ['BATON_E_REPORT_UNKNOWN_COLUMN', '/measures/3/field'],
      ['BATON_E_REPORT_UNKNOWN_FIELD', '/dimensions/0/field'],
      ['BATON_E_REPORT_UNKNOWN_FIELD', '/filters/0/field'],
    ]);
    expect(issues[1]?.messages['zh-CN']).toContain('表单 "offboarding-request" 中没有字段 "division"');
    // Without a resolvable form the same report passes: the check is skipped, not failed.
    expect(check(def, context('en', () => undefined))).toEqual([]);
  });

  it('checks columns of the built-in datasets', () => {
    const def = copy(cycleTimeReport) as Record<string, any>;
    def.dimensions[0].field = 'initiator';
    expect(codesAndPaths(check(def))).toEqual([['BATON_E_REPORT_UNKNOWN_DATASET_COLUMN', '/dimensions/0/field']]);
    def.dimensions[0].field = 'data.anything.deep';
    expect(check(def)).toEqual([]);
  });

  it('checks rows, parameters, filter operands, tenure bands and duplicate keys', () => {
    const def = copy(attritionReport) as Record<string, any>;
    def.dataset.rows = 'reason';
    def.filters[0].value = { param: 'to' };
    def.filters[1].value = 'resignation';
    def.dimensions[2].bands[1].below = 6;
    def.dimensions[2].key = 'dept';
    expect(codesAndPaths(check(def))).toEqual([
      ['BATON_E_REPORT_DUPLICATE_KEY', '/dimensions/2/key'],
      ['BATON_E_REPORT_TENURE_BANDS', '/dimensions/2/bands/1'],
      ['BATON_E_REPORT_UNKNOWN_PARAMETER', '/filters/0/value/param'],
      ['BATON_E_REPORT_FILTER_VALUE', '/filters/1/value'],
      ['BATON_E_REPORT_ROWS_NOT_SUB_TABLE', '/dataset/rows'],
    ]);
  });

  it('needs a date dimension for a headcount measure', () => {
    const def = copy(attritionReport) as Record<string, any>;
    def.dimensions.splice(1, 1);
    def.chart.x = 'dept';
    delete def.chart.series;
    def.sort = [];
    const [only, ...rest] = check(def);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ code: 'BATON_E_REPORT_HEADCOUNT_NEEDS_DATE', path: '/measures/1' });
    expect(only?.messages['zh-CN']).toContain('请添加一个 kind 为 "date" 的维度');
  });
});
