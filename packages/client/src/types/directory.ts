import type { IsoDate, JsonObject } from './common.js';

export interface DepartmentInput {
  id: string;
  name: string;
  parentId?: string;
  headId?: string;
}

export interface UserInput {
  id: string;
  name: string;
  departmentId?: string;
  position?: string;
  managerId?: string;
  roles?: string[];
  hireDate?: IsoDate;
  leaveDate?: IsoDate;
  email?: string;
  mobile?: string;
  attributes?: JsonObject;
  active?: boolean;
}

/** The user fields an import may keep as stored (all but id and name). */
export type KeepableUserField = 'departmentId' | 'position' | 'managerId' | 'roles' | 'hireDate' | 'leaveDate' | 'email' | 'mobile' | 'attributes' | 'active';

export interface DirectoryImport {
  departments?: DepartmentInput[];
  users?: UserInput[];
  /**
   * Fields a row that leaves them out does not clear: a person already in the directory keeps the stored
   * value (a CSV with no column for them). A row that gives the field still sets it.
   */
  keep?: KeepableUserField[];
}

export interface UpsertCount {
  inserted: number;
  updated: number;
}

export interface DirectoryImportResult {
  departments: UpsertCount;
  users: UpsertCount;
}

export interface ImportPreviewCount {
  inserted: number;
  /** Stored and different (the fields are in changes). */
  updated: number;
  /** Stored and identical: the import rewrites them and counts them as updated. */
  unchanged: number;
}

/** POST /directory/import with dryRun: what the import would do (nothing written) and every problem. */
export interface DirectoryImportPreview {
  dryRun: true;
  /** No issues: the same body without dryRun would be imported. */
  valid: boolean;
  departments: ImportPreviewCount;
  users: ImportPreviewCount;
  /** Entries that would be inserted or updated, in the order sent (at most 1000). */
  changes: Array<{ list: 'users' | 'departments'; index: number; id: string; action: 'insert' | 'update'; fields: string[] }>;
  changesTruncated: boolean;
  /** Schema, duplicate, reference and cycle problems, each with the JSON Pointer of the entry's field. */
  issues: Array<{ code: string; path: string; message: string }>;
}

/** GET /directory/people/export: the list's filters, no paging. */
export type DirectoryPeopleExportQuery = Omit<DirectoryPeopleQuery, 'limit' | 'cursor' | 'id'>;

export interface DirectoryUser {
  id: string;
  name: string;
  departmentId: string | null;
  department: { id: string; name: string } | null;
  position: string | null;
  managerId: string | null;
  roles: string[];
  hireDate: IsoDate | null;
  leaveDate: IsoDate | null;
  email: string | null;
  mobile: string | null;
  attributes: JsonObject;
  active: boolean;
  /** The same status as GET /directory/people's rows, by the organisation's date. */
  status: PersonStatus;
}

/** A department as GET /directory/departments lists it. */
export interface DirectoryDepartment {
  id: string;
  name: string;
  parentId: string | null;
}

/** GET /directory/users: every filter is optional and they combine (all must hold). */
export interface DirectorySearchQuery {
  /** Words that must each appear in the name or the id (case-insensitive substring, any script). */
  q?: string;
  /** Department ids: their people and those of the departments below them. */
  department?: string | readonly string[];
  /** Exact ids (at most 100): the names of values already chosen. */
  id?: readonly string[];
  /**
   * present (default): only people who can still be chosen (active, leave date today or later in the
   * organisation's time zone); all: everyone, people who left included (names of stored values).
   */
  include?: 'present' | 'all';
  /** 1–50, default 20. */
  limit?: number;
  /** nextCursor of the previous page. */
  cursor?: string;
}

/**
 * Whether a person can be chosen: left (leave date before today), inactive (deactivated) or active (with a
 * leave date: leaving, still here until that day ends). Judged by the organisation's date (time zone).
 */
export type PersonStatus = 'active' | 'inactive' | 'left';

/** A person as the search shows them to anyone signed in: no contacts, roles, dates or attributes. */
export interface DirectoryPerson {
  id: string;
  name: string;
  departmentId: string | null;
  department: { id: string; name: string } | null;
  position: string | null;
  /** false: deactivated in the directory (see status). */
  active: boolean;
  status: PersonStatus;
  /** Their last working day, or null. */
  leaveDate: IsoDate | null;
}

/** A row of HR's people list (GET /directory/people): the search's person plus manager, roles, hire date. */
export interface DirectoryPeopleRow extends DirectoryPerson {
  managerId: string | null;
  /** null when there is no manager or the id names nobody. */
  manager: { id: string; name: string } | null;
  roles: string[];
  hireDate: IsoDate | null;
}

/** HR's status filter for GET /directory/people; it replaces `include`. */
export type PeopleStatusFilter = 'leaving' | 'left' | 'inactive';

/** GET /directory/people: the search's filters plus a status. */
export interface DirectoryPeopleQuery extends DirectorySearchQuery {
  /** leaving: active with a leave date today or later; left: leave date before today; inactive: switched off. */
  status?: PeopleStatusFilter;
}

export interface DirectoryPeopleResult {
  items: DirectoryPeopleRow[];
  /** How many people match on all pages together; null on later pages (cursor given). */
  total: number | null;
  nextCursor: string | null;
}

export interface DirectorySearchResult {
  items: DirectoryPerson[];
  /** Pass as cursor for the next page; null on the last page. */
  nextCursor: string | null;
}

/** A role as GET /directory/roles lists it: its name and how many people hold it. */
export interface DirectoryRole {
  role: string;
  holders: number;
}
