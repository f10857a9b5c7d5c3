import type { IsoDateTime, LocalizedText } from './common.js';
import type { PackImportResult } from './packs.js';

/**
 * Where a shipped template stands on this installation: not installed, the shipped version installed, an
 * older version installed (an upgrade is offered), or a later one installed (a designer imported it).
 */
export type TemplateStatus = 'available' | 'installed' | 'upgrade-available' | 'newer-installed';

/** A template pack that ships with Baton, as the template gallery lists it (GET /templates). */
export interface TemplateSummary {
  key: string;
  title: LocalizedText;
  description: LocalizedText | null;
  /** pack.json "release" of the shipped version, e.g. "1.0.0". */
  release: string | null;
  /** The pack version Baton ships: what installing imports. */
  version: number;
  tags: string[];
  /** Definitions the shipped version lists. */
  definitions: number;
  /** Whether demo data (people, records, past instances) may be loaded with it. */
  demoData: boolean;
  /** The latest installed version of the pack, null when none. */
  installedVersion: number | null;
  installedAt: IsoDateTime | null;
  /** The installer's user id ("system" for the starter pack). */
  installedBy: string | null;
  /** Their directory name (null when the id is not a directory person). */
  installedByName: string | null;
  upgradeAvailable: boolean;
  status: TemplateStatus;
}

export interface TemplateList {
  items: TemplateSummary[];
}

export interface TemplateInstallOptions {
  /** Also load the template's demo data (only on an install or upgrade; the installed version is left as it is). */
  withDemoData?: boolean;
}

/** What POST /templates/:key/install answers: 201 installed or upgraded, 200 unchanged (already installed). */
export interface TemplateInstallResult {
  outcome: 'installed' | 'upgraded' | 'unchanged';
  /** The gallery's card after the call. */
  template: TemplateSummary;
  /** The pack import's answer (as POST /packs/import gives it). */
  import: PackImportResult;
}
