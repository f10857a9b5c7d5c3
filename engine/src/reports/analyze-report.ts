import { issue } from '../errors/error-catalogue.js';
import { isTimeZone } from '../rules/cron-schedule.js';
import { pointer, type Issue } from '../errors/issue.js';
import type { Locale } from '../i18n/localized-text.js';
import type { DefinitionKind } from '../definitions/semantic-check-context.js';
import { resolveFormFields } from '../definitions/form-field-index.js';
import type { SemanticCheckContext } from '../definitions/semantic-check-context.js';
import type { Dimension, Instant, Measure, ReportDefinition } from '../definitions/generated/report.js';
import { isFieldProblem, resolveReportField, type FieldScope } from './report-fields.js';
import type { DimensionModel, HeadcountDimension, MeasureModel, ReportDataset, ReportField, ReportInstant, ReportSort } from './report-model.js';
import { REPORTS_ERRORS } from './reports-errors.js';
import { resolveTopN } from './top-n.js';

export interface AnalyzeOptions {
  /** The organisation's time zone: date buckets and date filters that name none use it. */
  timeZone: string;
  /** Finds the dataset's form, so its fields are typed; without it JSON fields are of unknown type. */
  resolve?: (kind: DefinitionKind, key: string) => unknown;
  locale?: Locale;
}

/** The parts of a report that do not depend on parameters or filters. */
export interface ReportAnalysis {
  dataset: ReportDataset;
  scope: FieldScope;
  directoryScope: FieldScope;
  measures: MeasureModel[];
  dimensions: DimensionModel[];
  headcount?: HeadcountDimension[];
  sort: ReportSort[];
  limit: number;
  drillColumns: ReportField[];
  issues: Issue[];
}

export const DEFAULT_REPORT_LIMIT = 10_000;

const DEFAULT_DRILL: Record<ReportDataset['source'], string[]> = {
  form: ['$id', '$createdAt'],
  'flow-instances': ['id', 'status', 'startedAt', 'completedAt', 'initiatorId'],
  tasks: ['id', 'instanceId', 'node', 'status', 'assigneeId', 'createdAt', 'completedAt', 'dueAt'],
  history: ['id', 'instanceId', 'type', 'node', 'at', 'actorId'],
  steps: ['instanceId', 'node', 'enteredAt', 'leftAt'],
  directory: ['userId', 'name', 'department', 'position', 'hireDate', 'leaveDate'],
};

/** Directory columns a person attribute maps to, for splitting headcount the way the report splits rows. */
const ATTRIBUTE_COLUMNS: Record<string, string> = {
  name: 'name', department: 'department', position: 'position', managerId: 'managerId', hireDate: 'hireDate', leaveDate: 'leaveDate',
};


const TYPE_TEXT: Record<string, string> = { string: 'text', number: 'number', boolean: 'true/false', date: 'date', datetime: 'date-time', unknown: 'unknown' };

/** Resolves every field, measure and dimension of a report and collects what is misused, with paths. */
export function analyzeReport(def: ReportDefinition, options: AnalyzeOptions): ReportAnalysis {
  const locale = options.locale ?? 'en';
  const issues: Issue[] = [];
  const add = (code: string, path: Array<string | number>, params: Record<string, unknown>) => issues.push(issue(code, pointer(...path), params, locale));
  const ds = def.dataset;
  const dataset: ReportDataset = { ...ds } as ReportDataset;
  const form = ds.source === 'form' ? ds.form : undefined;
  const ctx = { resolve: options.resolve, locale } as unknown as SemanticCheckContext;
  const formFields = form ? resolveFormFields(ctx, form) : undefined;
  const scope: FieldScope = { source: ds.source, ...(form ? { form } : {}), ...(ds.source === 'form' && ds.rows ? { rows: ds.rows } : {}), ...(formFields ? { formFields } : {}) };
  const directoryScope: FieldScope = { source: 'directory' };

  const field = (ref: string, path: Array<string | number>): ReportField | undefined => {
    const resolved = resolveReportField(ref, scope);
    if (isFieldProblem(resolved)) return void add(resolved.code, path, resolved.params);
    return resolved;
  };

  const instant = (end: Instant, key: string, path: Array<string | number>): ReportInstant | undefined => {
    if ('event' in end) {
      if (ds.source === 'directory') return void add(REPORTS_ERRORS.BATON_E_REPORT_DURATION_DATASET, path, { key, source: ds.source });
      return { kind: 'event', event: end.event, ...(end.node !== undefined ? { node: end.node } : {}), occurrence: end.occurrence ?? 'first' };
    }
    const f = field(end.field, [...path, 'field']);
    if (!f) return undefined;
    if (!['date', 'datetime', 'unknown'].includes(f.type)) return void add(REPORTS_ERRORS.BATON_E_REPORT_INSTANT_FIELD_TYPE, [...path, 'field'], { key, field: f.ref, type: TYPE_TEXT[f.type] });
    return { kind: 'field', field: f };
  };

  const measures: MeasureModel[] = [];
  def.measures.forEach((m: Measure, i) => {
    const base = { key: m.key, label: m.label, ...(m.format ? { format: m.format } : {}) };
    switch (m.op) {
      case 'count':
        return void measures.push({ ...base, op: 'count' });
      case 'distinct-count': {
        const f = field(m.field, ['measures', i, 'field']);
        return void (f && measures.push({ ...base, op: 'distinct-count', field: f }));
      }
      case 'sum':
      case 'avg':
      case 'min':
      case 'max': {
        const f = field(m.field, ['measures', i, 'field']);
        if (!f) return;
        const numeric = f.type === 'number' || f.type === 'unknown';
        const ordered = m.op === 'min' || m.op === 'max';
        if (!numeric && !(ordered && (f.type === 'date' || f.type === 'datetime' || f.type === 'string'))) {
          return void add(REPORTS_ERRORS.BATON_E_REPORT_MEASURE_FIELD_TYPE, ['measures', i, 'field'], { key: m.key, op: m.op, field: f.ref, type: TYPE_TEXT[f.type] });
        }
        const as = numeric ? 'number' : (f.type as 'date' | 'datetime' | 'string');
        return void measures.push({ ...base, op: m.op, field: f, as });
      }
      case 'duration': {
        const from = instant(m.from, m.key, ['measures', i, 'from']);
        const to = instant(m.to, m.key, ['measures', i, 'to']);
        return void (from && to && measures.push({ ...base, op: 'duration', from, to, unit: m.unit, stat: m.stat }));
      }
      case 'ratio':
        return void measures.push({ ...base, op: 'ratio', numerator: m.numerator, denominator: m.denominator, scale: m.scale ?? 1 });
      case 'headcount':
        return void measures.push({ ...base, op: 'headcount', stat: m.stat });
    }
  });

  const dimensions: DimensionModel[] = [];
  let words = 0;
  (def.dimensions ?? []).forEach((d: Dimension, i) => {
    const base = { key: d.key, ...(d.label !== undefined ? { label: d.label } : {}) };
    const wrongType = (f: ReportField, kind: string, kindZh: string, needed: string, neededZh: string, at: string) =>
      add(REPORTS_ERRORS.BATON_E_REPORT_DIMENSION_FIELD_TYPE, ['dimensions', i, at], { kind, kindZh, key: d.key, needed, neededZh, field: f.ref, type: TYPE_TEXT[f.type] });
    const dated = (f: ReportField) => ['date', 'datetime', 'unknown'].includes(f.type);
    switch (d.kind) {
      case 'field': {
        const f = field(d.field, ['dimensions', i, 'field']);
        const topN = resolveTopN(d.topN, def.measures, ['dimensions', i, 'topN'], add);
        return void (f && dimensions.push({ ...base, kind: 'field', field: f, ...(d.labels ? { labels: d.labels } : {}), ...(topN ? { topN } : {}) }));
      }
      case 'date': {
        const f = field(d.field, ['dimensions', i, 'field']);
        const timeZone = d.timeZone ?? options.timeZone;
        if (!isTimeZone(timeZone)) add(REPORTS_ERRORS.BATON_E_REPORT_TIME_ZONE, ['dimensions', i, 'timeZone'], { timeZone });
        if (!f) return;
        if (!dated(f)) return void wrongType(f, 'date', '日期', 'a date or date-time field', '日期或日期时间字段', 'field');
        return void dimensions.push({ ...base, kind: 'date', field: f, bucket: d.bucket, timeZone, weekStart: d.weekStart ?? 'monday' });
      }
      case 'tenure': {
        const from = field(d.from, ['dimensions', i, 'from']);
        const to = d.to === undefined ? undefined : field(d.to, ['dimensions', i, 'to']);
        if (from && !dated(from)) wrongType(from, 'tenure', '司龄', 'a date field', '日期字段', 'from');
        if (to && !dated(to)) wrongType(to, 'tenure', '司龄', 'a date field', '日期字段', 'to');
        if (!from || (d.to !== undefined && !to)) return;
        return void dimensions.push({ ...base, kind: 'tenure', from, ...(to ? { to } : {}), bands: d.bands.map((b) => ({ key: b.key, label: b.label, ...(b.below !== undefined ? { below: b.below } : {}) })) });
      }
      case 'department': {
        const topN = resolveTopN(d.topN, def.measures, ['dimensions', i, 'topN'], add);
        let f = field(d.field, ['dimensions', i, 'field']);
        if (!f) return;
        if (f.role === 'user') {
          if (f.via) return void add(REPORTS_ERRORS.BATON_E_REPORT_FIELD_TOO_DEEP, ['dimensions', i, 'field'], { field: f.ref });
          f = { ...f, via: { attribute: 'department', path: [] }, role: 'department' };
        } else if (f.role !== 'department' && f.type !== 'unknown') {
          return void wrongType(f, 'department', '部门', 'a department or person field', '部门或人员字段', 'field');
        }
        return void dimensions.push({ ...base, kind: 'department', field: f, ...(d.level !== undefined ? { level: d.level } : {}), ...(d.root !== undefined ? { root: d.root } : {}), ...(topN ? { topN } : {}) });
      }
      case 'words': {
        const f = field(d.field, ['dimensions', i, 'field']);
        if (++words > 1) add(REPORTS_ERRORS.BATON_E_REPORT_WORDS_TWICE, ['dimensions', i], { key: d.key });
        if (!f) return;
        if (f.type !== 'string' && f.type !== 'unknown') return void wrongType(f, 'words', '分词', 'a text field', '文本字段', 'field');
        return void dimensions.push({ ...base, kind: 'words', field: f, stopWords: d.stopWords ?? [], minLength: d.minLength ?? 2, top: d.top ?? 50 });
      }
    }
  });
  if (words > 0) {
    def.measures.forEach((m, i) => {
      if (m.op !== 'count') add(REPORTS_ERRORS.BATON_E_REPORT_WORDS_MEASURE, ['measures', i, 'op'], { key: m.key });
    });
    (def.dimensions ?? []).forEach((d, i) => {
      if ('topN' in d && d.topN) add(REPORTS_ERRORS.BATON_E_REPORT_TOP_N_WORDS, ['dimensions', i, 'topN'], { key: d.key });
    });
  }

  let headcount: HeadcountDimension[] | undefined;
  const firstHeadcount = measures.find((m) => m.op === 'headcount');
  if (firstHeadcount) {
    headcount = headcountDimensions(def, dimensions, add);
    // A rate's numerator and denominator must put a person in the same band: tenure is measured on the
    // day headcount counts people, not at the row's own date (a leaver's tenure at leaving is a band
    // whose headcount may not include them).
    const at = firstHeadcount.stat === 'period-end' ? 'period-end' : 'period-start';
    dimensions.forEach((d, i) => {
      if (d.kind === 'tenure') dimensions[i] = { ...d, at };
    });
  }

  const sort: ReportSort[] = (def.sort ?? []).map((s) => ({ key: s.by, direction: s.direction ?? 'asc' }));
  const drillRefs = def.drillDown?.columns ?? [...new Set([...DEFAULT_DRILL[ds.source], ...dimensions.flatMap((d) => (d.kind === 'tenure' ? [d.from.ref] : [d.field.ref]))])];
  const drillColumns: ReportField[] = [];
  drillRefs.forEach((ref, i) => {
    const f = def.drillDown ? field(ref, ['drillDown', 'columns', i]) : (() => {
      const r = resolveReportField(ref, scope);
      return isFieldProblem(r) ? undefined : r;
    })();
    if (f) drillColumns.push(f);
  });

  return { dataset, scope, directoryScope, measures, dimensions, ...(headcount ? { headcount } : {}), sort, limit: def.limit ?? DEFAULT_REPORT_LIMIT, drillColumns, issues };
}

function headcountDimensions(
  def: ReportDefinition,
  dimensions: DimensionModel[],
  add: (code: string, path: Array<string | number>, params: Record<string, unknown>) => void,
): HeadcountDimension[] {
  const out: HeadcountDimension[] = [];
  let dates = 0;
  const indexOf = (key: string) => (def.dimensions ?? []).findIndex((d) => d.key === key);
  for (const d of dimensions) {
    const refuse = () => add(REPORTS_ERRORS.BATON_E_REPORT_HEADCOUNT_DIMENSION, ['dimensions', indexOf(d.key)], { key: d.key });
    switch (d.kind) {
      case 'date':
        if (++dates > 1) add(REPORTS_ERRORS.BATON_E_REPORT_DATE_TWICE, ['dimensions', indexOf(d.key)], { key: d.key });
        out.push({ kind: 'period' });
        break;
      case 'department':
        out.push({ kind: 'department', ...(d.level !== undefined ? { level: d.level } : {}), ...(d.root !== undefined ? { root: d.root } : {}) });
        break;
      case 'tenure':
        out.push({ kind: 'tenure', bands: d.bands });
        break;
      case 'words':
        refuse();
        break;
      case 'field': {
        const f = d.field;
        if (def.dataset.source === 'directory') out.push({ kind: 'field', field: f });
        else if (f.via && f.via.attribute === 'attributes') out.push({ kind: 'field', field: { ref: f.ref, column: 'attributes', path: f.via.path, type: 'unknown' } });
        else if (f.via && ATTRIBUTE_COLUMNS[f.via.attribute]) {
          const column = ATTRIBUTE_COLUMNS[f.via.attribute] as string;
          out.push({ kind: 'field', field: { ref: f.ref, column, path: [], type: f.type, ...(f.role ? { role: f.role } : {}) } });
        } else if (f.role === 'department') out.push({ kind: 'field', field: { ref: f.ref, column: 'department', path: [], type: 'string', role: 'department' } });
        else refuse();
        break;
      }
    }
  }
  return out;
}
