import type { IsoDateTime, JsonObject, Page } from './common.js';

export type DefinitionKind = 'form' | 'flow' | 'rule' | 'report' | 'document' | 'connector' | 'pack';
export type DefinitionStatus = 'draft' | 'published' | 'archived';

/** A definition to save as a draft; the server assigns its version. */
export interface DefinitionInput extends JsonObject {
  kind: DefinitionKind;
  key: string;
}

export interface DefinitionSummary {
  kind: DefinitionKind;
  key: string;
  version: number;
  status: DefinitionStatus;
  /** sha256 of the canonical JSON of the body. */
  hash: string;
  title: unknown;
  createdBy: string;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
  publishedAt: IsoDateTime | null;
  publishedBy: string | null;
}

export interface Definition extends DefinitionSummary {
  body: JsonObject;
}

export interface DefinitionListQuery extends Page {
  kind?: DefinitionKind;
  key?: string;
  status?: DefinitionStatus;
}

export interface DefinitionList {
  items: DefinitionSummary[];
}
