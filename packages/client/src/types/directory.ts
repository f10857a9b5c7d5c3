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

export interface DirectoryImport {
  departments?: DepartmentInput[];
  users?: UserInput[];
}

export interface UpsertCount {
  inserted: number;
  updated: number;
}

export interface DirectoryImportResult {
  departments: UpsertCount;
  users: UpsertCount;
}

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
}

/** A department as GET /directory/departments lists it. */
export interface DirectoryDepartment {
  id: string;
  name: string;
  parentId: string | null;
}
