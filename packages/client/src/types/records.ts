import type { IsoDateTime, JsonObject, Page } from './common.js';

/** A record of a collection form (runtime-api/src/records/record-schemas.ts). */
export interface RecordItem {
  id: string;
  formKey: string;
  formVersion: number;
  /** Optimistic concurrency: send it back with a PATCH. */
  version: number;
  data: JsonObject;
  createdBy: string;
  createdAt: IsoDateTime;
  updatedBy: string | null;
  updatedAt: IsoDateTime;
}

export type RecordListQuery = Page;

export interface RecordList {
  items: RecordItem[];
  limit: number;
  offset: number;
}

export interface RecordInput {
  data: JsonObject;
}

export interface RecordPatch {
  /** Merged over the record at the top level; a field given as null is cleared (removed from the record). */
  data: JsonObject;
  /** The version you read; a stale one is refused with 409. */
  version: number;
}

/** POST /relation-options: a relation field ("customerId", "customers.customerId") of a form, and the form's current data. */
export interface RelationOptionsQuery {
  form: string;
  field: string;
  data?: JsonObject;
  /** The instance whose task or page shows the form: the records its data names at this field come back too (display field only) to anyone who may see it. */
  instanceId?: string;
}

/** A record the caller may not read but whose name an instance they see shows: its id and display field only. */
export interface RecordName {
  id: string;
  /** The display field only, e.g. { name: "华星科技" }. */
  data: JsonObject;
}

export interface RelationOptions {
  items: Array<RecordItem | RecordName>;
}
