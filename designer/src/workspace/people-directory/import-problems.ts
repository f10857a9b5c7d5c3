/** Why a row (or the whole file) cannot be imported as it is; the page words each code in both languages. */
export type ProblemCode =
  | 'fileEmpty'
  | 'fileUnreadable'
  | 'missingColumn'
  | 'csvSyntax'
  | 'required'
  | 'tooLong'
  | 'badId'
  | 'badEmail'
  | 'badDate'
  | 'badMobile'
  | 'badRole'
  | 'duplicateId'
  | 'ownManager'
  | 'unknownDepartmentName'
  | 'ambiguousDepartmentName'
  | 'unknownDepartment'
  | 'unknownManager'
  | 'jsonShape';

/** A problem found before sending: where (file line and column, or JSON entry) and what. */
export interface ImportProblem {
  /** 1-based line of the file (CSV), null for JSON entries and whole-file problems. */
  line: number | null;
  /** users/departments index for JSON entries, so the list can say "user #4". */
  entry?: { list: 'users' | 'departments'; index: number };
  /** The column header as written in the file, or the JSON field. */
  column: string | null;
  code: ProblemCode;
  params?: Record<string, string | number>;
}

/** Columns (headers as written in the file) that the import ignored: worth a note, not a refusal. */
export interface IgnoredColumns {
  headers: string[];
}
