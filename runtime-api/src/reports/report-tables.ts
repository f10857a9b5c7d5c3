import type { Generated, Kysely } from 'kysely';
import type { Database } from '../db/database.js';

/** Tables of migration 0010-reports (rollups and caches the report runner maintains or reads). */
export interface ReportStepVisitsTable {
  id: Generated<number>;
  instance_id: string;
  flow_key: string | null;
  node_id: string;
  node_type: string | null;
  entered_seq: number;
  entered_at: Date;
  left_seq: number | null;
  left_at: Date | null;
}

export interface ReportTextWordsTable {
  /** md5 of the text: texts are segmented once, whoever's report asks first. */
  text_hash: string;
  /** JSON array of the text's distinct words (lower-cased), before stop words are removed. */
  words: string;
}

export interface ReportCalendarDaysTable {
  day: string;
  workday: boolean;
  /** Working days on or before this day since the table's first day: business days are a subtraction. */
  workday_ordinal: number;
}

export interface ReportMetaTable {
  key: string;
  value: string;
}

export type ReportTables = {
  report_step_visits: ReportStepVisitsTable;
  report_text_words: ReportTextWordsTable;
  report_calendar_days: ReportCalendarDaysTable;
  report_meta: ReportMetaTable;
};

export type ReportDb = Kysely<Database & ReportTables>;

/** The runtime's database handle seen with the report tables too (they are not part of the shared Database type). */
export function reportDb(db: Kysely<Database>): ReportDb {
  return db.withTables<ReportTables>();
}
