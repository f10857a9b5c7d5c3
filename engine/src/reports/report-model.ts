import type { LocalizedText, ValueFormat } from '../definitions/generated/report.js';

/**
 * The dialect-free query model a report compiles to. Everything here is data: the runtime turns it into
 * parameterised SQL (every value below is bound, never spliced), a test can assert on it, and another
 * backend could read it. Field names are logical columns of the dataset, not table columns.
 */

export type ReportSource = 'form' | 'flow-instances' | 'tasks' | 'history' | 'steps' | 'directory';

/** What SQL type a value is read as. `unknown`: a JSON value whose form field type is not known. */
export type ReportValueType = 'string' | 'number' | 'boolean' | 'date' | 'datetime' | 'unknown';

/** Attributes of a directory user that a `user` value can be followed to ("employeeId.department"). */
export type DirectoryAttribute = 'name' | 'department' | 'position' | 'managerId' | 'hireDate' | 'leaveDate' | 'email' | 'attributes';

export interface ReportField {
  /** The reference as the definition wrote it ("employeeId.department"). */
  ref: string;
  /**
   * A logical column of the dataset row ("status", "startedAt", "$createdAt"), or a JSON column ("data",
   * "payload", "attributes", "row" = the current sub-table row) read at `path`.
   */
  column: string;
  /** Keys under a JSON column; empty for plain columns. Bound as parameters, never spliced. */
  path: string[];
  /** Follow the value (a user id) into the directory and read this attribute (and JSON path under attributes). */
  via?: { attribute: DirectoryAttribute; path: string[] };
  type: ReportValueType;
  /** What the value denotes, for dimensions and checks. */
  role?: 'user' | 'department' | 'text' | 'money';
}

export type Scalar = string | number | boolean;

/** How both sides of a comparison are read in SQL. */
export type CompareAs = 'string' | 'number' | 'boolean' | 'date' | 'datetime';

export type Condition =
  | { kind: 'and' | 'or'; items: Condition[] }
  | { kind: 'not'; item: Condition }
  | { kind: 'compare'; field: ReportField; op: '=' | '<>' | '<' | '<=' | '>' | '>='; value: Scalar; as: CompareAs }
  | { kind: 'in'; field: ReportField; values: Scalar[]; as: CompareAs }
  | { kind: 'null'; field: ReportField; negate: boolean }
  | { kind: 'empty'; field: ReportField; negate: boolean }
  | { kind: 'contains'; field: ReportField; value: string }
  | { kind: 'within-department'; field: ReportField; department: string }
  | { kind: 'const'; value: boolean };

/** A point in time of the row's instance: an event of its history (first or last), or a field. */
export type ReportInstant =
  | { kind: 'event'; event: string; node?: string; occurrence: 'first' | 'last' }
  | { kind: 'field'; field: ReportField };

export type DurationUnit = 'minutes' | 'hours' | 'days' | 'business-hours' | 'business-days';
export type DurationStat = 'avg' | 'p50' | 'p90' | 'min' | 'max' | 'sum';

interface MeasureBase {
  key: string;
  label: LocalizedText;
  format?: ValueFormat;
  /** Rows must also match this to count towards the measure. */
  where?: Condition;
}

export type MeasureModel =
  | (MeasureBase & { op: 'count' })
  | (MeasureBase & { op: 'distinct-count'; field: ReportField })
  | (MeasureBase & { op: 'sum' | 'avg' | 'min' | 'max'; field: ReportField; as: CompareAs })
  | (MeasureBase & { op: 'duration'; from: ReportInstant; to: ReportInstant; unit: DurationUnit; stat: DurationStat })
  /** Computed after aggregation from two other measures of the same row. */
  | (MeasureBase & { op: 'ratio'; numerator: string; denominator: string; scale: number })
  /** Computed by a second query over the directory, per period of the date dimension. */
  | (MeasureBase & { op: 'headcount'; stat: HeadcountStat; directoryWhere?: Condition });

export type DateBucket = 'day' | 'week' | 'month' | 'quarter' | 'year';

export interface TenureBandModel {
  key: string;
  label: LocalizedText;
  /** Exclusive upper bound in whole months; undefined for the last band. */
  below?: number;
}

/**
 * The value a top-N dimension gives every row outside its top n, labelled "Other" / "其他". A "$" value
 * never comes out of a dataset column of people's data, and a cell stays a plain scalar for CSV and charts.
 */
export const OTHER_VALUE = '$other';

/** Keep the n values with the largest `by` measure (over the whole result); group the rest as OTHER_VALUE. */
export interface TopNModel {
  n: number;
  by: string;
  otherLabel?: LocalizedText;
}

export type DimensionModel =
  | { kind: 'field'; key: string; label?: LocalizedText; field: ReportField; labels?: Record<string, LocalizedText | undefined>; topN?: TopNModel }
  | { kind: 'date'; key: string; label?: LocalizedText; field: ReportField; bucket: DateBucket; timeZone: string; weekStart: 'monday' | 'sunday' }
  /**
   * `to` undefined: the end of the row's date-dimension period when the report has one, else the report date.
   * `at` (set when the report has a headcount measure, `to` then unused): the day headcount puts people in
   * bands, so a row's person is in the band they are counted in: `period-start` = the later of the period's
   * first day and `from` (hired during the period: their first day), `period-end` = the period's last day.
   */
  | { kind: 'tenure'; key: string; label?: LocalizedText; from: ReportField; to?: ReportField; at?: 'period-start' | 'period-end'; bands: TenureBandModel[] }
  | { kind: 'department'; key: string; label?: LocalizedText; field: ReportField; level?: number; root?: string; topN?: TopNModel }
  | { kind: 'words'; key: string; label?: LocalizedText; field: ReportField; stopWords: string[]; minLength: number; top: number };

/** How headcount sums a period: see engine/docs/reports.md "Headcount". */
export type HeadcountStat = 'average' | 'period-start' | 'period-end' | 'during-period';

/** How a dimension is computed on a directory row, for headcount measures. */
export type HeadcountDimension =
  | { kind: 'period' }
  | { kind: 'field'; field: ReportField }
  | { kind: 'department'; level?: number; root?: string }
  | { kind: 'tenure'; bands: TenureBandModel[] };

export interface ReportDataset {
  source: ReportSource;
  form?: string;
  /** Sub-table whose rows are the dataset's rows (form datasets). */
  rows?: string;
  flow?: string;
  node?: string;
  nodes?: string[];
  events?: string[];
}

export interface ReportSort {
  key: string;
  direction: 'asc' | 'desc';
}

/** A compiled report with its parameters, filters and the report date bound: ready to become SQL. */
export interface ReportQuery {
  reportKey: string;
  reportVersion: number;
  dataset: ReportDataset;
  timeZone: string;
  /** ISO instant the report is run at; "today" is its date in `timeZone`. */
  now: string;
  today: string;
  where?: Condition;
  measures: MeasureModel[];
  dimensions: DimensionModel[];
  /** Set when the report has a headcount measure: one entry per dimension, in order. */
  headcount?: HeadcountDimension[];
  sort: ReportSort[];
  limit: number;
  drillColumns: ReportField[];
}
