import type { IsoDateTime, JsonObject } from './common.js';

export type TaskStatus = 'open' | 'completed' | 'cancelled' | 'reassigned';

export interface Task {
  id: string;
  instanceId: string | null;
  recordId: string | null;
  nodeId: string;
  /** "flow" (a step of a flow) or "rule" (created by a rule). */
  source: string;
  kind: string;
  title: Record<string, string>;
  description: Record<string, string> | null;
  status: TaskStatus | string;
  assignees: string[];
  candidates: string[];
  /** The actions this task accepts. */
  actions: string[];
  formKey: string | null;
  dueAt: IsoDateTime | null;
  onBehalfOf: string | null;
  outcome: string | null;
  completedBy: string | null;
  comment: string | null;
  createdAt: IsoDateTime;
  completedAt: IsoDateTime | null;
}

export interface TaskDetail extends Task {
  flowKey: string | null;
  /** The data as this task's node shows it (hidden fields never leave the server). */
  data: JsonObject;
  /** An `each` task for one person (a successor): only rows whose `column` names `owner` may be changed with it. */
  ownRows?: { owner: string; tables: Array<{ table: string; column: string }> };
  /** Actions of this task that need a comment (the reason), e.g. reject and return. */
  commentRequired?: string[];
}

export interface TaskListQuery {
  /** false lists every task (HR and admins only). Default true. */
  mine?: boolean;
  status?: TaskStatus | 'all';
  instanceId?: string;
  /** Only tasks of instances of this flow. */
  flowKey?: string;
  limit?: number;
  offset?: number;
}

/** A task in the list, with its instance's flow (null for a task about a record). */
export interface TaskListItem extends Task {
  flowKey: string | null;
  /** The flow version's title: localized text ({ en, "zh-CN" }) or a plain string. */
  flowTitle: Record<string, string> | string | null;
  /** The directory id of the person the instance is about (its first person field, e.g. the leaver), or null. */
  subjectId: string | null;
  /** The instance's business key, or null. */
  businessKey: string | null;
}

export interface TaskList {
  items: TaskListItem[];
  limit: number;
  offset: number;
}

export type TaskActionName =
  | 'approve'
  | 'reject'
  | 'return'
  | 'submit'
  | 'resubmit'
  | 'complete'
  | 'delegate'
  | 'transfer'
  | 'add-signer'
  | 'add-signer-before'
  | 'add-signer-after'
  /** Adds the comment to the timeline; the task stays open. */
  | 'comment'
  | (string & {});

export interface TaskAction {
  action: TaskActionName;
  data?: JsonObject;
  comment?: string;
  /** User ids (delegate, transfer, add-signer) or a node id (return). */
  to?: string | string[];
}

export interface TaskActionResult {
  task: Task;
  instance: { id: string; status: string; version: number } | null;
}
