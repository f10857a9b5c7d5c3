import type { DepartmentInput, UpsertCount, UserInput } from './directory.js';
import type { IsoDateTime, JsonObject, LocalizedText, Page } from './common.js';

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

export interface KeptDefinition {
  kind: string;
  key: string;
  reason: 'changed-after-import' | 'draft-pending' | 'in-other-pack' | (string & {});
  version?: number;
  by?: string;
  pack?: string;
}

export interface PackImportResult {
  pack: PackSummary;
  /** Published by this import. */
  imported: DefinitionRef[];
  /** Identical to the version already published. */
  unchanged: DefinitionRef[];
  /** Upgrades: definitions the installed version brought and this one drops, archived (rules no longer fire). */
  retired: DefinitionRef[];
  /** Dropped definitions left as they are, and why (someone published a later version, a draft, another pack). */
  kept: KeptDefinition[];
  /** Scheduled timers of retired rules, cancelled. */
  cancelledTimers?: number;
  seed: {
    directory: { departments: UpsertCount; users: UpsertCount } | null;
    /**
     * written: records of collection forms were stored (`inserted`: new ones per form; a record whose id exists
     * is kept). Rows of forms that are not collections stay in the pack only.
     */
    records: { written: boolean; counts: Record<string, number>; inserted?: Record<string, number> };
    /** Demo imports only: past instances of the seed replayed through the engine (per flow), and those already there. */
    instances?: { replayed: Record<string, number>; existing: number };
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

/** The kinds of value a pack parameter takes (pack.schema.json `parameter.type`). */
export type PackParameterType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'time' | 'duration' | 'select';

/** One parameter of a pack on this installation: its declaration, its default and the value rules read. */
export interface PackParameter {
  key: string;
  label: LocalizedText;
  description?: LocalizedText;
  type: PackParameterType | (string & {});
  /** What a number counts, e.g. "business-days". */
  unit?: string;
  minimum?: number;
  maximum?: number;
  /** The choices of a `select`. */
  options?: Array<{ value: string | number; label: LocalizedText }>;
  /** The default of the latest imported pack version (null when it declares none). */
  default: unknown;
  /** What rules read: the operator's value when set, else the default. */
  value: unknown;
  /** True when this installation set its own value. */
  overridden: boolean;
  /** A stored value the current declaration no longer accepts (ignored; set a new one). */
  ignoredValue?: unknown;
}

/** What GET and PUT /packs/:key/parameters answer. */
export interface PackParameters {
  pack: string;
  parameters: PackParameter[];
  /** PUT only: rule timers moved, added or cancelled because a value changed. */
  replannedTimers?: number;
}

/** New values by parameter key; null goes back to the pack's default. */
export type PackParameterValues = Record<string, unknown>;
