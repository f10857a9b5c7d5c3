import { instantToZonedDate } from '../calendar/zoned-time.js';
import { BatonError, issue } from '../errors/error-catalogue.js';
import type { Issue } from '../errors/issue.js';
import type { Locale } from '../i18n/localized-text.js';
import type { Filter, ReportDefinition } from '../definitions/generated/report.js';
import { analyzeReport, type AnalyzeOptions, type ReportAnalysis } from './analyze-report.js';
import { issuesComplainer } from './build-comparison.js';
import { allOf, filterToCondition, type ConditionScope } from './filter-conditions.js';
import { jsonLogicToCondition } from './jsonlogic-condition.js';
import { isFieldProblem, resolveReportField, type FieldScope } from './report-fields.js';
import type { Condition, MeasureModel, ReportField, ReportQuery } from './report-model.js';
import { resolveReportParams, type ParamValue } from './report-params.js';
import { REPORTS_ERRORS } from './reports-errors.js';
import { invertedDateRanges } from './date-ranges.js';
import { REPORT_ERRORS } from '../definitions/report-errors.js';

export type CompileReportOptions = AnalyzeOptions;

export interface ReportRunInput {
  /** Parameter values by key; defaults fill the rest. */
  params?: unknown;
  /** The viewer's extra filters: a list of { field, op, value }, or one JsonLogic condition. */
  filters?: unknown;
  /** The instant the report runs at (ISO 8601): relative dates and "today" count from it. */
  now: string;
  locale?: Locale;
}

export interface CompiledReport {
  key: string;
  version: number;
  definition: ReportDefinition;
  timeZone: string;
  analysis: ReportAnalysis;
  /** Binds parameters, filters and the report date: the query the runtime runs. Throws a BatonError with paths. */
  bind(input: ReportRunInput): ReportQuery;
}

const FILTER_OPS = new Set(['eq', 'ne', 'in', 'not-in', 'gt', 'gte', 'lt', 'lte', 'between', 'contains', 'is-empty', 'not-empty', 'within-department']);

function isStructuredFilter(value: unknown): value is Filter {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const f = value as Record<string, unknown>;
  return typeof f.field === 'string' && typeof f.op === 'string' && FILTER_OPS.has(f.op) && Object.keys(f).every((k) => k === 'field' || k === 'op' || k === 'value');
}

function throwIssues(issues: Issue[]): void {
  if (issues.length === 0) return;
  const first = issues[0] as Issue;
  throw new BatonError(first.code, first.params ?? {}, issues, first.path);
}

interface BindState {
  issues: Issue[];
  locale: Locale;
  timeZone: string;
  today: string;
  params: Map<string, ParamValue>;
}

function conditionScope(state: BindState, fieldScope: FieldScope): ConditionScope {
  const complain = issuesComplainer(state.issues, (code, path, params) => issue(code, path, params, state.locale));
  return {
    timeZone: state.timeZone,
    today: state.today,
    params: state.params,
    complain,
    field: (ref: string, path: string): ReportField | undefined => {
      const resolved = resolveReportField(ref, fieldScope);
      if (!isFieldProblem(resolved)) return resolved;
      complain(resolved.code, path, resolved.params);
      return undefined;
    },
  };
}

/** The viewer's filters: a list of structured filters, or one JsonLogic condition. */
function viewerFilters(filters: unknown, scope: ConditionScope): Condition[] {
  if (filters === undefined || filters === null) return [];
  if (Array.isArray(filters)) {
    return filters.map((f, i) =>
      isStructuredFilter(f)
        ? filterToCondition(f, `/filters/${i}`, scope)
        : jsonLogicToCondition(f, `/filters/${i}`, scope),
    );
  }
  return [jsonLogicToCondition(filters, '/filters', scope)];
}

/** Conditions of the definition and the viewer, with the parameters bound. Issues are collected in state. */
function bindConditions(def: ReportDefinition, analysis: ReportAnalysis, state: BindState, viewer: unknown): { where?: Condition; measures: MeasureModel[] } {
  const scope = conditionScope(state, analysis.scope);
  const all: Condition[] = [];
  def.filters?.forEach((f, i) => all.push(filterToCondition(f, `/filters/${i}`, scope)));
  if (def.where !== undefined) all.push(jsonLogicToCondition(def.where, '/where', scope));
  all.push(...viewerFilters(viewer, scope));
  const where = allOf(all);
  const directory = conditionScope(state, analysis.directoryScope);
  const measures = analysis.measures.map((m): MeasureModel => {
    const filters = def.measures.find((d) => d.key === m.key)?.filters;
    if (!filters || filters.length === 0) return m;
    const index = def.measures.findIndex((d) => d.key === m.key);
    const conditions = filters.map((f, j) => filterToCondition(f, `/measures/${index}/filters/${j}`, m.op === 'headcount' ? directory : scope));
    const condition = allOf(conditions);
    if (!condition) return m;
    return m.op === 'headcount' ? { ...m, directoryWhere: condition } : { ...m, where: condition };
  });
  return { ...(where ? { where } : {}), measures };
}

/**
 * Compiles a report definition (already valid against its schema) into a reusable compiled report:
 * fields resolved and typed, measures and dimensions checked. Throws a BatonError listing every problem
 * with its JSON Pointer. Cache the result by the definition's hash; bind it per run.
 */
export function compileReport(def: ReportDefinition, options: CompileReportOptions): CompiledReport {
  const analysis = analyzeReport(def, options);
  const issues = [...analysis.issues];
  // Filters are checked once with every parameter empty, so literal mistakes surface at compile time.
  const dry: BindState = { issues, locale: options.locale ?? 'en', timeZone: options.timeZone, today: '2000-01-01', params: new Map((def.parameters ?? []).map((p) => [p.key, undefined])) };
  bindConditions(def, analysis, dry, undefined);
  throwIssues(issues);
  return {
    key: def.key,
    version: def.version,
    definition: def,
    timeZone: options.timeZone,
    analysis,
    bind(input: ReportRunInput): ReportQuery {
      const locale = input.locale ?? options.locale ?? 'en';
      const today = instantToZonedDate(input.now, options.timeZone);
      const params = resolveReportParams(def.parameters ?? [], input.params, today, locale);
      const state: BindState = { issues: [], locale, timeZone: options.timeZone, today, params };
      const bound = bindConditions(def, analysis, state, input.filters);
      throwIssues(state.issues);
      throwIssues(invertedDateRanges(def.filters ?? [], params, input.filters, locale));
      return {
        reportKey: def.key,
        reportVersion: def.version,
        dataset: analysis.dataset,
        timeZone: options.timeZone,
        now: input.now,
        today,
        ...(bound.where ? { where: bound.where } : {}),
        measures: bound.measures,
        dimensions: analysis.dimensions,
        ...(analysis.headcount ? { headcount: analysis.headcount } : {}),
        sort: analysis.sort,
        limit: analysis.limit,
        drillColumns: analysis.drillColumns,
      };
    },
  };
}

/**
 * The compile problems of a report, for validateDefinition: what compileReport would refuse. Checked in
 * UTC (time zones of the runtime are not known here).
 */
export function reportCompileIssues(def: ReportDefinition, options: Omit<CompileReportOptions, 'timeZone'>): Issue[] {
  const analysis = analyzeReport(def, { ...options, timeZone: 'UTC' });
  // Unknown fields are checkReportDefinition's (it skips them when the form cannot be resolved); a
  // sub-table column without dataset.rows is refused only when the report runs.
  const owned = new Set<string>([REPORTS_ERRORS.BATON_E_REPORT_SUB_TABLE_NEEDS_ROWS, REPORT_ERRORS.BATON_E_REPORT_UNKNOWN_FIELD, REPORT_ERRORS.BATON_E_REPORT_UNKNOWN_COLUMN, REPORT_ERRORS.BATON_E_REPORT_UNKNOWN_DATASET_COLUMN]);
  const issues = analysis.issues.filter((i) => !owned.has(i.code));
  const dry: BindState = { issues, locale: options.locale ?? 'en', timeZone: 'UTC', today: '2000-01-01', params: new Map((def.parameters ?? []).map((p) => [p.key, undefined])) };
  bindConditions(def, analysis, dry, undefined);
  return issues.filter((i) => !owned.has(i.code));
}
