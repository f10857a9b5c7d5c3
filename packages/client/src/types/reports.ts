import type { JsonObject } from './common.js';

/** A cell value of a report: dimension values are text (dates "YYYY-MM-DD"), numbers or true/false. */
export type ReportCell = string | number | boolean | null;

export interface ReportRunInput {
  /** A list of { field, op, value } filters, or one JsonLogic condition (==, !=, <, <=, >, >=, in, and, or, !). */
  filters?: JsonObject[] | JsonObject;
  /** Parameter values by key; the report's defaults fill the rest. */
  params?: JsonObject;
}

export interface ReportColumn {
  key: string;
  role: 'dimension' | 'measure';
  /** Dimension kind (field, date, tenure, department, words) or measure op (count, duration, ratio…). */
  kind: string;
  label: string;
  type: 'string' | 'number' | 'boolean' | 'date';
  bucket?: string;
  /** Display labels of values: department names, tenure bands, option labels. */
  valueLabels?: Record<string, string>;
  /** The values are ids of people or flow instances; valueLabels hold their names or short references. */
  references?: 'user' | 'instance';
  format?: JsonObject;
  unit?: string;
  stat?: string;
  /** Top-N dimensions: the value standing for every value outside the top n ("Other", labelled in valueLabels). */
  otherValue?: string;
}

export interface ReportResult {
  report: { key: string; version: number; title: string };
  columns: ReportColumn[];
  rows: Array<Record<string, ReportCell>>;
  /** scope "visible": only rows the caller may see one by one were counted. */
  /** `matched`: groups with dataset rows; 0 = no data (no leavers), though headcount may fill rows with zero counts. */
  meta: { scope: 'all' | 'visible'; truncated: boolean; timeZone: string; now: string; rowCount: number; matched: number };
}

export interface ReportDrillInput extends ReportRunInput {
  dimensionValues: Record<string, ReportCell>;
  limit?: number;
  offset?: number;
}

export interface ReportDrillResult {
  columns: Array<{ key: string; field: string; label: string }>;
  /** `id` (the row), `instanceId`, and one entry per drill column keyed by its field. */
  rows: Array<Record<string, ReportCell>>;
  meta: { scope: 'all' | 'visible'; limit: number; offset: number; hasMore: boolean };
}

export interface ReportPreviewInput extends ReportRunInput {
  /** The report definition being edited (kind "report"); it need not be saved or published. */
  definition: JsonObject;
  /** At most this many rows (1–500, default 200); meta.truncated says when more exist. */
  limit?: number;
}
