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

export interface CancelInstanceInput {
  reason?: string;
}
