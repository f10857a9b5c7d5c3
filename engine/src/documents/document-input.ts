import type { DirectoryReader } from '../directory/directory.js';
import type { Locale, LocalizedText } from '../i18n/localized-text.js';

/** A record of a collection form that a relation field points at (a customer, an asset). */
export interface DocumentRecord {
  id: string;
  formKey: string;
  data: Record<string, unknown>;
}

/** The instance a document is rendered for ($instance.* placeholders). */
export interface DocumentInstance {
  id: string;
  flowKey: string;
  flowVersion: number;
  businessKey?: string;
  status: string;
  /** ISO instants. */
  startedAt: string;
  completedAt?: string;
  /** User id of whoever started it. */
  initiator: string;
}

/** A task of the instance: who was asked to do what, who did it and when ($tasks rows, confirmations). */
export interface DocumentTask {
  id: string;
  nodeId: string;
  /** The flow node's name, when the flow is known. */
  nodeName?: LocalizedText;
  title?: LocalizedText;
  /** open | completed | cancelled | reassigned */
  status: string;
  /** The action that closed it: approve, complete, reject, return … */
  outcome?: string;
  assignees: string[];
  completedBy?: string;
  completedAt?: string;
  /** Whom an `each` task was made for (the successor whose rows it confirms), kept when it is delegated. */
  slot?: string;
  createdAt: string;
  comment?: string;
}

/**
 * Everything one render reads. Lookups are plain functions over data the caller loaded beforehand, so the
 * render itself stays pure: the same input gives the same layout (and, rendered with the same clock, the
 * same PDF bytes).
 */
export interface DocumentInput {
  /** The form data (the instance's data, or an effect's snapshot of it). */
  data: Record<string, unknown>;
  /** ISO instant of the render: {{$now}}, and the date a dated block prints. */
  now: string;
  /** IANA zone dates and times are shown in; Asia/Shanghai by default. */
  timeZone?: string;
  directory?: DirectoryReader;
  /** Finds a related record by id. */
  record?: (id: string) => DocumentRecord | undefined;
  instance?: DocumentInstance;
  org?: { name?: LocalizedText };
  tasks?: DocumentTask[];
}

export interface RenderDocumentOptions {
  /**
   * The locales to print, in order. Default: the definition's `locales` (a bilingual document prints
   * both), else `fallbackLocale`.
   */
  locales?: readonly Locale[];
  fallbackLocale?: Locale;
}
