import type { AssigneeReplacement } from '../flows/resolve-assignees.js';
import type { LocalizedText } from '../i18n/localized-text.js';
import type { AssigneeFallback } from '../rules/task-assignee-fallback.js';

/**
 * Effects are data: the engine decides, the runtime persists them in the same transaction as the state
 * change (transactional outbox) and carries them out after commit, at least once. `key` is a stable
 * idempotency key: the same decision replayed yields the same key, so the runtime can drop duplicates.
 */
export type Effect =
  | CreateTaskEffect
  | CancelTaskEffect
  | ScheduleTimerEffect
  | CancelTimerEffect
  | NotifyEffect
  | InvokeEffect
  | SetDataEffect
  | StartFlowEffect
  | RenderDocumentEffect;

export type EffectType = Effect['type'];

export interface TaskSpec {
  taskId: string;
  instanceId?: string;
  nodeId?: string;
  /** 'approval' for approval nodes, 'task' for to-dos, 'form' for submit/resubmit steps. */
  kind: string;
  title: LocalizedText;
  description?: LocalizedText;
  /** Resolved user ids; recorded so replay never needs the directory. */
  assignees: string[];
  /** Candidate groups kept for display ("role:it", "department:d1"). */
  candidates?: string[];
  /** A rule's task: the people its specs named who had left, and who stands in (recorded as assignee.replaced). */
  replacedAssignees?: AssigneeReplacement[];
  /** A rule's task whose assignees resolved to nobody: who got it instead and why (recorded as assignee.fallback). */
  assigneeFallback?: AssigneeFallback;
  dueAt?: string;
  formKey?: string;
  /** Actions the assignee may take on this task. */
  actions: string[];
  data?: Record<string, unknown>;
  /** A rule's to-do about an instance: cancelled when the instance completes too (not only when it is rejected or cancelled). */
  closeWhenInstanceCompletes?: boolean;
}

export interface CreateTaskEffect { type: 'createTask'; key: string; task: TaskSpec }
export interface CancelTaskEffect { type: 'cancelTask'; key: string; taskId: string; reason?: string }
export interface ScheduleTimerEffect {
  type: 'scheduleTimer';
  key: string;
  timerId: string;
  dueAt: string;
  /** What the timer means when it fires; fed back to the engine as a command. */
  purpose: 'node' | 'sla' | 'rule' | 'reminder';
  instanceId?: string;
  payload?: Record<string, unknown>;
}
export interface CancelTimerEffect { type: 'cancelTimer'; key: string; timerId: string }
export interface NotifyEffect {
  type: 'notify';
  key: string;
  /** User ids. */
  to: string[];
  /** Connector keys or channel names ("inbox", "email", "dingtalk"…); empty means the user's defaults. */
  channels?: string[];
  title: LocalizedText;
  body?: LocalizedText;
  /** Values for `{placeholders}` in title and body. */
  data?: Record<string, unknown>;
  link?: { instanceId?: string; taskId?: string };
}
export interface InvokeEffect {
  type: 'invoke';
  key: string;
  /** A connector key, or `type:<connectorType>` meaning every configured connector of that type. */
  connector: string;
  action: string;
  params: Record<string, unknown>;
  instanceId?: string;
}
export interface SetDataEffect {
  type: 'setData';
  key: string;
  instanceId?: string;
  /** Set by rules that write to a record of a form (a collection such as `customer`) instead of an instance. */
  formKey?: string;
  recordId?: string;
  /**
   * A person's directory entry instead (rules marking a leaver as left): the runtime applies `leaveDate`,
   * `active` and `attributes` (merged) and ignores other keys.
   */
  userId?: string;
  /** Top-level merge; on a record a `null` value removes the field (JSON Merge Patch), e.g. `{ holderId: null }`. */
  patch: Record<string, unknown>;
}
export interface StartFlowEffect {
  type: 'startFlow';
  key: string;
  flowKey: string;
  data: Record<string, unknown>;
  businessKey?: string;
  parent?: { instanceId: string; nodeId: string; tokenId: string };
}
export interface RenderDocumentEffect {
  type: 'renderDocument';
  key: string;
  document: string;
  instanceId?: string;
  data: Record<string, unknown>;
}
