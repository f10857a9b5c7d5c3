import type { JsonObject } from './common.js';

export interface ReportRunInput {
  filters?: JsonObject[] | JsonObject;
  params?: JsonObject;
}

export interface ReportResult {
  columns?: Array<{ key: string; label?: unknown; [extra: string]: unknown }>;
  rows: JsonObject[];
  [extra: string]: unknown;
}
