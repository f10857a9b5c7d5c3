import type { ReportDefinition } from '@baton/engine';
import type { DefinitionRef } from '../definitions/use-definition-editor.js';

export type ReportBody = ReportDefinition & { version: number };
export type Measure = ReportDefinition['measures'][number];
export type Dimension = NonNullable<ReportDefinition['dimensions']>[number];
export type Filter = NonNullable<ReportDefinition['filters']>[number];
export type ChartType = NonNullable<ReportDefinition['chart']>['type'];

export const SOURCES = ['form', 'flow-instances', 'tasks', 'steps', 'history', 'directory'] as const;
export const MEASURE_OPS = ['count', 'distinct-count', 'sum', 'avg', 'min', 'max', 'ratio', 'duration', 'headcount'] as const;
export const FIELD_OPS: ReadonlySet<string> = new Set(['distinct-count', 'sum', 'avg', 'min', 'max']);
export const DIMENSION_KINDS = ['field', 'date', 'department', 'tenure', 'words'] as const;
export const BUCKETS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export const FILTER_OPS = ['eq', 'ne', 'in', 'not-in', 'gt', 'gte', 'lt', 'lte', 'between', 'contains', 'is-empty', 'not-empty', 'within-department'] as const;
export const CHART_TYPES: readonly ChartType[] = ['table', 'bar', 'stacked-bar', 'line', 'area', 'pie', 'donut', 'kpi', 'funnel', 'scatter', 'heatmap', 'word-cloud'];

export function newReport(key: string): ReportBody {
  return {
    kind: 'report',
    key,
    version: 1,
    title: { en: key, 'zh-CN': key },
    dataset: { source: 'flow-instances' },
    measures: [{ op: 'count', key: 'count', label: { en: 'Count', 'zh-CN': '数量' } }],
    chart: { type: 'table' },
  };
}

export function reportReferences(def: ReportBody): DefinitionRef[] {
  const ds = def.dataset as { source: string; form?: string; flow?: string };
  const refs: DefinitionRef[] = [];
  if (ds.form) refs.push({ kind: 'form', key: ds.form });
  if (ds.flow) refs.push({ kind: 'flow', key: ds.flow });
  return refs;
}

/** A measure switched to another operation keeps its key and label; the field only when the new op reads one. */
export function withOp(measure: Measure, op: (typeof MEASURE_OPS)[number]): Measure {
  const base = { key: measure.key, label: measure.label };
  const field = (measure as { field?: string }).field ?? '';
  switch (op) {
    case 'count':
      return { ...base, op };
    case 'ratio':
      return { ...base, op, numerator: '', denominator: '' };
    case 'duration':
      return { ...base, op, from: { event: 'flow.started' }, to: { event: 'flow.completed' }, unit: 'days', stat: 'avg' };
    case 'headcount':
      return { ...base, op, stat: 'average' };
    default:
      return { ...base, op, field } as Measure;
  }
}

export function withDimensionKind(dimension: Dimension, kind: (typeof DIMENSION_KINDS)[number]): Dimension {
  const key = dimension.key;
  const field = (dimension as { field?: string }).field ?? '';
  switch (kind) {
    case 'date':
      return { kind, key, field, bucket: 'month' };
    case 'tenure':
      return { kind, key, from: field, bands: [{ key: 'short', label: { en: 'Under a year', 'zh-CN': '一年以内' }, below: 12 }, { key: 'long', label: { en: 'A year or more', 'zh-CN': '一年及以上' } }] };
    default:
      return { kind, key, field } as Dimension;
  }
}

type TopNDimension = Extract<Dimension, { kind: 'field' | 'department' }>;

/** The dimension with its top-N count set from an input ("" removes the option; `by` and the label are kept). */
export function withTopN(dimension: TopNDimension, input: string): Dimension {
  const { topN, ...rest } = dimension;
  const n = Number(input);
  if (input.trim() === '' || !Number.isFinite(n)) return rest as Dimension;
  return { ...rest, topN: { ...topN, n: Math.trunc(n) } } as Dimension;
}
