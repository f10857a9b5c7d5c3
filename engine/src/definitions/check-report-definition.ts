import { issue } from '../errors/error-catalogue.js';
import { pointer, type Issue } from '../errors/issue.js';
import type { Filter, FilterValue, ReportDefinition } from './generated/report.js';
import { checkFieldPath, isSubTable, resolveFormFields, type FieldInfo } from './form-field-index.js';
import { REPORT_ERRORS } from './report-errors.js';
import type { SemanticCheckContext } from './semantic-check-context.js';
import { reportColumnPatterns } from '../reports/report-fields.js';
import { reportCompileIssues } from '../reports/compile-report.js';

type Segment = string | number;

/**
 * Columns of the built-in datasets (the report engine's catalogue, src/reports/report-fields.ts);
 * `prefix.*` admits any sub-path, `col.*` a directory attribute of a user.
 */
const DATASET_COLUMNS: Record<string, string[]> = reportColumnPatterns();
const FORM_SYSTEM_COLUMNS = new Set(['$id', '$createdAt', '$updatedAt', '$createdBy', '$instanceId']);

function knownColumn(columns: string[], field: string): boolean {
  return columns.some((c) => (c.endsWith('.*') ? field === c.slice(0, -2) || field.startsWith(c.slice(0, -1)) : field === c));
}

function listKeys(keys: Iterable<string>): string {
  const all = [...keys].map((k) => `"${k}"`);
  return all.length > 0 ? all.join(', ') : '—';
}

/**
 * Semantic checks of a report that its JSON Schema cannot express: keys that must name other parts of the
 * report (ratio operands, chart axes, sort, parameters), dataset columns (checked against the form when
 * the context resolves it), tenure band order and filter operand shapes.
 */
export function checkReportDefinition(def: ReportDefinition, ctx: SemanticCheckContext): Issue[] {
  const issues: Issue[] = [];
  const add = (code: string, path: Segment[], params: Record<string, unknown>) => issues.push(issue(code, pointer(...path), params, ctx.locale));
  const dimensions = def.dimensions ?? [];
  const parameters = new Set((def.parameters ?? []).map((p) => p.key));

  checkDuplicates(def, add);

  const measureKeys = new Set(def.measures.map((m) => m.key));
  const dimensionKeys = new Set(dimensions.map((d) => d.key));
  const ratios = new Map<string, [string, string]>();
  def.measures.forEach((m, i) => {
    if (m.op !== 'ratio') return;
    ratios.set(m.key, [m.numerator, m.denominator]);
    for (const side of ['numerator', 'denominator'] as const) {
      if (!measureKeys.has(m[side])) add(REPORT_ERRORS.BATON_E_REPORT_UNKNOWN_MEASURE, ['measures', i, side], { key: m[side], known: listKeys(measureKeys) });
    }
  });
  def.measures.forEach((m, i) => {
    if (m.op === 'ratio' && dependsOn(m.key, m.key, ratios, new Set())) add(REPORT_ERRORS.BATON_E_REPORT_RATIO_CYCLE, ['measures', i], { key: m.key });
    if (m.op === 'headcount' && !dimensions.some((d) => d.kind === 'date')) add(REPORT_ERRORS.BATON_E_REPORT_HEADCOUNT_NEEDS_DATE, ['measures', i], { key: m.key });
  });

  const chart = def.chart;
  for (const axis of ['x', 'series'] as const) {
    const key = chart?.[axis];
    if (key !== undefined && !dimensionKeys.has(key)) add(REPORT_ERRORS.BATON_E_REPORT_UNKNOWN_DIMENSION, ['chart', axis], { key, known: listKeys(dimensionKeys) });
  }
  chart?.y?.forEach((key, i) => {
    if (!measureKeys.has(key)) add(REPORT_ERRORS.BATON_E_REPORT_UNKNOWN_MEASURE, ['chart', 'y', i], { key, known: listKeys(measureKeys) });
  });
  def.sort?.forEach((s, i) => {
    if (!measureKeys.has(s.by) && !dimensionKeys.has(s.by)) {
      add(REPORT_ERRORS.BATON_E_REPORT_UNKNOWN_SORT_KEY, ['sort', i, 'by'], { key: s.by, known: listKeys([...measureKeys, ...dimensionKeys]) });
    }
  });

  dimensions.forEach((d, i) => {
    if (d.kind !== 'tenure') return;
    let previous = 0;
    d.bands.forEach((band, j) => {
      const last = j === d.bands.length - 1;
      const bad = band.below === undefined ? !last : band.below <= previous;
      if (bad) add(REPORT_ERRORS.BATON_E_REPORT_TENURE_BANDS, ['dimensions', i, 'bands', j], { index: j });
      previous = band.below ?? previous;
    });
  });

  const filters: Array<[Filter, Segment[]]> = [];
  def.filters?.forEach((f, i) => filters.push([f, ['filters', i]]));
  def.measures.forEach((m, i) => m.filters?.forEach((f, j) => filters.push([f, ['measures', i, 'filters', j]])));
  for (const [filter, path] of filters) checkFilter(filter, path, parameters, add);

  checkColumns(def, collectFieldRefs(def, filters), ctx, add);
  // Misused measures and dimensions, filters that cannot become SQL: what compileReport would refuse.
  const seen = new Set(issues.map((i) => `${i.code} ${i.path}`));
  for (const extra of reportCompileIssues(def, { ...(ctx.resolve ? { resolve: ctx.resolve } : {}), locale: ctx.locale })) {
    if (!seen.has(`${extra.code} ${extra.path}`)) issues.push(extra);
  }
  return issues;
}

function checkDuplicates(def: ReportDefinition, add: (code: string, path: Segment[], params: Record<string, unknown>) => void): void {
  const groups: Array<[string, string, Array<{ key: string }>, Segment[]]> = [
    ['measures and dimensions', '度量和维度', [...def.measures, ...(def.dimensions ?? [])], []],
    ['parameters', '参数', def.parameters ?? [], ['parameters']],
  ];
  for (const [what, whatZh, items, base] of groups) {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      if (!seen.has(item.key)) return void seen.add(item.key);
      const path = base.length > 0 ? [...base, index, 'key'] : index < def.measures.length ? ['measures', index, 'key'] : ['dimensions', index - def.measures.length, 'key'];
      add(REPORT_ERRORS.BATON_E_REPORT_DUPLICATE_KEY, path, { key: item.key, what, whatZh });
    });
  }
}

function dependsOn(target: string, key: string, ratios: Map<string, [string, string]>, seen: Set<string>): boolean {
  const operands = ratios.get(key);
  if (!operands || seen.has(key)) return false;
  seen.add(key);
  return operands.some((o) => o === target || dependsOn(target, o, ratios, seen));
}

function checkFilter(
  filter: Filter,
  path: Segment[],
  parameters: Set<string>,
  add: (code: string, path: Segment[], params: Record<string, unknown>) => void,
): void {
  const value = filter.value;
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  values.forEach((v, i) => {
    if (typeof v === 'object' && v !== null && 'param' in v && !parameters.has(v.param)) {
      add(REPORT_ERRORS.BATON_E_REPORT_UNKNOWN_PARAMETER, [...path, 'value', ...(Array.isArray(value) ? [i] : []), 'param'], { key: v.param });
    }
  });
  const shape = expectedShape(filter.op);
  if (shape && !shape.fits(value)) add(REPORT_ERRORS.BATON_E_REPORT_FILTER_VALUE, [...path, 'value'], { op: filter.op, needed: shape.en, neededZh: shape.zh });
}

function expectedShape(op: Filter['op']): { en: string; zh: string; fits(v: FilterValue | undefined): boolean } | undefined {
  if (op === 'between') return { en: 'an array of two values [from, to]', zh: '两个值组成的数组 [起, 止]', fits: (v) => Array.isArray(v) && v.length === 2 };
  if (op === 'in' || op === 'not-in') return { en: 'an array of values', zh: '一个取值数组', fits: (v) => Array.isArray(v) && v.length > 0 };
  if (op === 'is-empty' || op === 'not-empty') return { en: 'no value', zh: '不填取值', fits: (v) => v === undefined };
  return { en: 'a single value', zh: '单个取值', fits: (v) => v !== undefined && !Array.isArray(v) };
}

function collectFieldRefs(def: ReportDefinition, filters: Array<[Filter, Segment[]]>): Array<[string, Segment[]]> {
  const refs: Array<[string, Segment[]]> = [];
  def.measures.forEach((m, i) => {
    if ('field' in m && m.field !== undefined) refs.push([m.field, ['measures', i, 'field']]);
    if (m.op === 'duration') {
      for (const end of ['from', 'to'] as const) {
        const instant = m[end];
        if ('field' in instant) refs.push([instant.field, ['measures', i, end, 'field']]);
      }
    }
  });
  (def.dimensions ?? []).forEach((d, i) => {
    if (d.kind === 'tenure') {
      refs.push([d.from, ['dimensions', i, 'from']]);
      if (d.to !== undefined) refs.push([d.to, ['dimensions', i, 'to']]);
    } else refs.push([d.field, ['dimensions', i, 'field']]);
  });
  for (const [filter, path] of filters) refs.push([filter.field, [...path, 'field']]);
  def.drillDown?.columns.forEach((c, i) => refs.push([c, ['drillDown', 'columns', i]]));
  return refs;
}

function checkColumns(
  def: ReportDefinition,
  refs: Array<[string, Segment[]]>,
  ctx: SemanticCheckContext,
  add: (code: string, path: Segment[], params: Record<string, unknown>) => void,
): void {
  const dataset = def.dataset;
  if (dataset.source !== 'form') {
    const columns = DATASET_COLUMNS[dataset.source] ?? [];
    for (const [field, path] of refs) {
      if (!knownColumn(columns, field)) add(REPORT_ERRORS.BATON_E_REPORT_UNKNOWN_DATASET_COLUMN, path, { field, source: dataset.source, known: listKeys(columns) });
    }
    return;
  }
  const fields = resolveFormFields(ctx, dataset.form);
  if (!fields) return;
  if (dataset.rows !== undefined) {
    const rows: FieldInfo | undefined = fields.get(dataset.rows);
    if (!rows || !isSubTable(rows, ctx)) add(REPORT_ERRORS.BATON_E_REPORT_ROWS_NOT_SUB_TABLE, ['dataset', 'rows'], { field: dataset.rows, form: dataset.form });
  }
  for (const [field, path] of refs) {
    if (field.startsWith('$')) {
      if (!FORM_SYSTEM_COLUMNS.has(field)) add(REPORT_ERRORS.BATON_E_REPORT_UNKNOWN_FIELD, path, { field, form: dataset.form });
      continue;
    }
    const problem = checkFieldPath(field, fields, ctx);
    if (problem?.problem === 'unknown-field') add(REPORT_ERRORS.BATON_E_REPORT_UNKNOWN_FIELD, path, { field: problem.field, form: dataset.form });
    if (problem?.problem === 'unknown-column') add(REPORT_ERRORS.BATON_E_REPORT_UNKNOWN_COLUMN, path, { field: problem.field, column: problem.column });
  }
}
