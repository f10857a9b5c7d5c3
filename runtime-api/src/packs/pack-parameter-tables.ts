import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** An operator's value for one pack parameter on this installation (migration 0012). */
export interface PackParameterValuesTable {
  pack_key: string;
  key: string;
  /** Any JSON value; written as JSON text. */
  value: ColumnType<unknown, string, string>;
  updated_by: string;
  updated_at: Timestamp;
}

// Joins the runtime's Database type here, beside its migration, rather than in db/database.ts.
declare module '../db/database.js' {
  interface Database {
    pack_parameter_values: PackParameterValuesTable;
  }
}
