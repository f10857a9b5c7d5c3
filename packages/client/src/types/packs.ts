import type { DepartmentInput, UpsertCount, UserInput } from './directory.js';
import type { IsoDateTime, JsonObject, Page } from './common.js';

/** A manifest entry: a definition in a file of the pack, or inline. */
export interface PackDefinitionEntry {
  kind: 'form' | 'flow' | 'rule' | 'report' | 'document' | 'connector';
  key: string;
  file?: string;
  definition?: JsonObject;
}

export interface PackSeedEntry {
  target: 'records' | 'directory';
  form?: string;
  file?: string;
  data?: JsonObject[];
  demo?: boolean;
}

/** pack.json (engine/schemas/pack.schema.json); only the fields the client reads are spelled out. */
export interface PackManifest extends JsonObject {
  kind: 'pack';
  key: string;
  version: number;
  engine: string;
  definitions: PackDefinitionEntry[];
  seed?: PackSeedEntry[];
  release?: string;
}

/** A date in a pack's directory seed: `YYYY-MM-DD`, or N calendar days before the import day (UTC). */
export type PackSeedDate = string | { $daysAgo: number };

/** The directory part of a pack's seed: POST /directory/import's body, where hire and leave dates may be relative. */
export interface PackSeedDirectory {
  departments?: DepartmentInput[];
  users?: Array<Omit<UserInput, 'hireDate' | 'leaveDate'> & { hireDate?: PackSeedDate; leaveDate?: PackSeedDate }>;
}

export interface PackSeed {
  directory?: PackSeedDirectory;
  /** Records of collection forms, by form key. */
  records?: Record<string, JsonObject[]>;
}

/** What POST /packs/import takes and GET /packs/:key/export returns. */
export interface PackBundle {
  manifest: PackManifest | JsonObject;
  definitions?: JsonObject[];
  seed?: PackSeed;
}

export interface DefinitionRef {
  kind: string;
  key: string;
  version: number;
}

export interface PackSummary {
  key: string;
  version: number;
  release: string | null;
  title: unknown;
  hash: string;
  importedBy: string;
  importedAt: IsoDateTime;
  definitions: DefinitionRef[];
}

export interface PackImportResult {
  pack: PackSummary;
  /** Published by this import. */
  imported: DefinitionRef[];
  /** Identical to the version already published. */
  unchanged: DefinitionRef[];
  seed: {
    directory: { departments: UpsertCount; users: UpsertCount } | null;
    /**
     * written: records of collection forms were stored (`inserted`: new ones per form; a record whose id exists
     * is kept). Rows of forms that are not collections stay in the pack only.
     */
    records: { written: boolean; counts: Record<string, number>; inserted?: Record<string, number> };
  };
}

export interface PackImportOptions {
  /** Also load seed entries marked "demo". */
  demo?: boolean;
}

export interface PackListQuery extends Page {
  key?: string;
}

export interface PackList {
  items: PackSummary[];
}
