import type { DirectoryReader } from '../directory/directory.js';
import type { WorkCalendar } from '../calendar/work-calendar.js';
import type { Effect } from '../effects/effect.js';
import type { DomainEvent } from '../effects/domain-event.js';
import type { Issue } from '../errors/issue.js';
import type { Locale } from '../i18n/localized-text.js';
import type { FieldAccess } from './flow-definition.js';
import type { FlowState } from './flow-state.js';
import type { CompiledFlow } from './compiled-flow.js';
import type { RecordLookup } from '../rules/read-path.js';

/** Hook the runtime passes to check submitted task data against the node's form (e.g. compileForm().validate). */
export type ValidateTaskData = (input: {
  formKey?: string;
  nodeId: string;
  /** The instance data with the submission merged in. */
  data: Record<string, unknown>;
  patch: Record<string, unknown>;
  /** The instance data before this submission (read-only and hidden values are compared with it). */
  previous?: Record<string, unknown>;
  access?: Record<string, FieldAccess | undefined>;
  locale: Locale;
}) => Issue[];

/** Everything impure, passed in: time, ids, the organisation. */
export interface FlowContext {
  /** ISO 8601 instant. */
  now: string;
  /** Globally unique ids for tasks and timers ("task", "timer"). Token ids are local and need none. */
  newId: (prefix: string) => string;
  directory: DirectoryReader;
  calendar?: WorkCalendar;
  /**
   * The organisation's time zone; the flow's own `timeZone` wins for its dates and deadlines. Who has left
   * is always judged in this zone (FlowTransition.presenceToday). Default UTC.
   */
  timeZone?: string;
  /** Who caused the command, when not named in it (recorded on events). */
  actor?: string;
  locale?: Locale;
  validateTaskData?: ValidateTaskData;
  /**
   * Labels for messages: the label of a field ("settlementConfirmed") or column ("assets.returned") in the
   * node's form (`formKey`, else the flow's start form), in `locale`. Without it messages name fields by id.
   */
  fieldLabel?: (request: { field: string; formKey: string | undefined; locale: Locale }) => string | undefined;
  /**
   * How a person knows a row of sub-table `table` in messages (flowRowLabels: a relation cell's record by its
   * display value, else the first text cell), read through `records`. `{}`: the form has the table and the
   * row nothing to name it by; undefined: no form knows the table, and the engine names the row by its cells.
   */
  rowLabel?: (request: { table: string; row: unknown; formKey: string | undefined; records: RecordLookup | undefined }) => { label?: string } | undefined;
  /**
   * Records a step's instructions name ("{assets.assetId.tag}" in a node's description); without it such a
   * placeholder stays visible. The runtime loads them on demand (it re-runs the pure step, as for rules).
   */
  records?: RecordLookup;
}

export interface StartInput {
  data: Record<string, unknown>;
  initiator: string;
  instanceId: string;
  businessKey?: string;
}

export type FlowCommand =
  | {
      type: 'completeTask';
      taskId: string;
      action: string;
      by: string;
      data?: Record<string, unknown>;
      comment?: string;
      /** Target of delegate / transfer / add-signer (user ids) or of return (a node id). */
      to?: string | string[];
    }
  | { type: 'timerFired'; timerId: string }
  /** Wakes a waiting node; `tokenId` / `nodeId` address one, otherwise every token is offered it. */
  | { type: 'signal'; name: string; payload?: Record<string, unknown>; tokenId?: string; nodeId?: string }
  | { type: 'cancel'; by: string; reason?: string }
  | { type: 'withdraw'; by: string; reason?: string }
  /** Nudges the assignees of open tasks (one task, or all). */
  | { type: 'remind'; by: string; taskId?: string; comment?: string }
  | { type: 'migrate'; to: CompiledFlow; nodeMapping?: Record<string, string>; by?: string }
  /**
   * An open task none of whose assignees is present any more goes to their nearest present managers
   * (hand-over-task.ts); the runtime's handover worker sends it, as `system`.
   */
  | { type: 'handOverTask'; taskId: string };

export type FlowCommandType = FlowCommand['type'];

export interface Transition {
  state: FlowState;
  effects: Effect[];
  events: DomainEvent[];
}
