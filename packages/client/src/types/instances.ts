import type { IsoDateTime, JsonObject } from './common.js';
import type { Task } from './tasks.js';

export interface StartInstanceInput {
  data: JsonObject;
  businessKey?: string;
  /** HR and admins only: start on behalf of this directory user. */
  initiator?: string;
}

export interface HistoryEntry {
  seq: number;
  type: string;
  at: IsoDateTime;
  actor: string | null;
  nodeId: string | null;
  taskId: string | null;
  action: string | null;
  comment: string | null;
  /** `assignee.none`: nobody was found to approve, and the step passed or the request was refused. */
  resolution?: 'approved' | 'rejected';
  /** `data.changed`: the fields it changed that the caller may see, with their values before and after. */
  changes?: FieldChange[];
}

/** One field a data change changed. `from` / `to` are absent when the field had / has no value. */
export interface FieldChange {
  field: string;
  from?: unknown;
  to?: unknown;
  /** A secret field: it changed; its values are never sent. */
  secret?: true;
}

export interface Instance {
  id: string;
  flowKey: string;
  flowVersion: number;
  businessKey: string | null;
  status: string;
  initiator: string;
  subjectId: string | null;
  version: number;
  /** Nodes where the instance waits. */
  activeNodes: string[];
  /** The data as the caller may see it. */
  data: JsonObject;
  openTasks: Task[];
  history: HistoryEntry[];
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
  completedAt: IsoDateTime | null;
}

/** POST /instances/:id/signals: a signal a waiting step declared (its node type's `signals(config)`). */
export interface SignalInstanceInput {
  name: string;
  /** Checked by the signal's dataSchema; the node receives it as the payload. */
  data?: Record<string, unknown>;
}

/** The signal was delivered: the instance's status after it and the nodes that heard it. */
export interface SignalResult {
  instanceId: string;
  name: string;
  status: string;
  nodes: string[];
}

export interface CancelInstanceInput {
  reason?: string;
}

export type InstanceStatus = 'running' | 'completed' | 'rejected' | 'cancelled' | 'withdrawn';

export interface InstanceListQuery {
  flowKey?: string;
  /** A flow version (needs flowKey). */
  version?: number;
  status?: InstanceStatus | 'all';
  limit?: number;
  /** nextCursor of the previous page. */
  cursor?: string;
}

/** An instance in a list: no data, no tasks, no history (open it with instances.get). */
export interface InstanceSummary {
  id: string;
  flowKey: string;
  flowVersion: number;
  businessKey: string | null;
  status: InstanceStatus | string;
  initiator: string;
  subjectId: string | null;
  activeNodes: string[];
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
  completedAt: IsoDateTime | null;
}

export interface InstanceList {
  items: InstanceSummary[];
  /** Pass as cursor for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface InstanceCounts {
  flowKey: string;
  /** "all" for designers, HR and admins; "visible": only instances the caller may see were counted. */
  scope: 'all' | 'visible';
  /** Newest version first; versions with no instances are absent. */
  versions: Array<{ version: number; running: number; total: number; byStatus: Record<string, number> }>;
}
