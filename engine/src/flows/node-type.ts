import type { JsonSchema, TypeDescription } from '../forms/field-type.js';
import type { LocalizedText } from '../i18n/localized-text.js';
import type { Effect } from '../effects/effect.js';
import type { Issue } from '../errors/issue.js';
import type { Locale } from '../i18n/localized-text.js';
import type { JsonLogic } from '../expressions/expression-types.js';
import type { DirectoryReader } from '../directory/directory.js';
import type { WorkCalendar } from '../calendar/work-calendar.js';
import type { AssigneeSpec, Duration, FlowNodeDefinition } from './flow-definition.js';
import type { FlowTask, FlowTimer, FlowToken } from './flow-state.js';

export interface NodePort { id: string; label?: LocalizedText }

export interface NodeTypeDescription extends TypeDescription {
  /** Connection points the designer draws; edges name an output port with `port`. */
  ports?: { inputs: NodePort[]; outputs: NodePort[] };
}

/**
 * How the reducer and the checker treat a node, without knowing its name:
 * - `start`: where a new instance's token is placed (exactly one per flow);
 * - `end`: where tokens are consumed (see `NodeOutcome.end`);
 * - `gateway`: routes tokens without waiting;
 * - `activity`: anything else (tasks, timers, actions, a plugin's e-signature wait…).
 */
export type NodeRole = 'start' | 'end' | 'gateway' | 'activity';

/** What a node type's semantic check sees. */
export interface NodeCheckContext {
  node: FlowNodeDefinition;
  /** Pointer of the node in the definition ("/nodes/3"). */
  path: string;
  outgoing: Array<{ id: string; to: string; port?: string; default?: boolean; condition?: JsonLogic; index: number }>;
  incoming: Array<{ id: string; from: string; index: number }>;
  locale: Locale;
}

/** A task a node wants opened. The reducer gives it an id and records it. */
export interface TaskRequest {
  /** The node's own handle (e.g. approval slot id), returned on the task in later commands. */
  slot?: string;
  kind: 'approval' | 'task' | 'form' | (string & {});
  /** Resolved user ids (use ctx.resolveAssignees). */
  assignees: string[];
  candidates?: string[];
  actions: string[];
  title?: LocalizedText;
  dueAt?: string;
  formKey?: string;
  onBehalfOf?: string;
  data?: Record<string, unknown>;
}

export interface TimerRequest {
  dueAt: string;
  payload?: Record<string, unknown>;
}

type WithoutKey<T> = T extends unknown ? Omit<T, 'key'> : never;
/** Any effect before the reducer gives it its idempotency key. */
export type EffectWithoutKey = WithoutKey<Effect>;
/** An effect without its idempotency key: the reducer derives the key. */
export type EffectRequest = WithoutKey<Exclude<Effect, { type: 'createTask' | 'cancelTask' | 'scheduleTimer' | 'cancelTimer' }>>;

/**
 * What a node decides. Everything is optional: an empty outcome means "keep waiting".
 * The reducer turns an outcome into events (so replay rebuilds the same state) and effects.
 */
export interface NodeOutcome {
  /** New node-private state for the token (replaces the old one); must be JSON. */
  state?: unknown;
  tasks?: TaskRequest[];
  /** Open tasks of this token to cancel. */
  cancelTasks?: string[];
  timers?: TimerRequest[];
  effects?: EffectRequest[];
  /** Shallow patch merged into the instance data. */
  setData?: Record<string, unknown>;
  /**
   * Move on. `port`: the edges leaving from that output port (absent = main output); when several, the
   * first whose condition holds, else the default. `edges`: exactly these edge ids; more than one forks
   * the token and a joining node downstream waits for all of them.
   */
  leave?: { port?: string } | { edges: string[] };
  /** Consume the token. The instance ends when no token is left, or at once when `terminate`. */
  end?: { status: 'completed' | 'rejected'; terminate?: boolean };
  /** Send the work back to an earlier node (one in token.trail); leaving that node resumes here. */
  returnTo?: string;
  /**
   * Why the node did what it did, kept in the history as a history-only event of this type (replay ignores
   * it), e.g. `assignee.fallback` when nobody resolved as approver and the step went to its fallback people.
   */
  note?: { type: string; payload: Record<string, unknown> };
}

/** What a node receives besides the token; `evaluate` and `resolveAssignees` are pure helpers. */
export interface NodeContext<Config = Record<string, unknown>> {
  node: FlowNodeDefinition;
  config: Config;
  /** The instance data (task data of the current command already merged). */
  data: Readonly<Record<string, unknown>>;
  now: string;
  instance: { id: string; flowKey: string; flowVersion: number; initiator: string; businessKey?: string };
  /** This token's tasks that are still open. */
  openTasks: FlowTask[];
  /** Edges leaving this node, in definition order. */
  outgoing: Array<{ id: string; to: string; port?: string; default: boolean; hasCondition: boolean }>;
  /** Evaluates JsonLogic over the instance data (or `data` when given); compiled once per tree. */
  evaluate(logic: JsonLogic, data?: unknown): unknown;
  /** Whether an outgoing edge's condition holds (an edge without condition holds). */
  test(edgeId: string): boolean;
  /** Resolves assignee specs through the directory; the users end up recorded in task events. */
  resolveAssignees(specs: AssigneeSpec[]): string[];
  /** Adds a duration to an instant in the flow's time zone and work calendar. */
  addDuration(instant: string, duration: Duration): string;
  /** `date` (YYYY-MM-DD) plus n business days (negative goes back), at `time` (HH:mm) in the flow's zone. */
  businessDateAt(date: string, businessDays: number, time: string): string;
  directory: DirectoryReader;
  calendar: WorkCalendar;
  timeZone: string;
  /** Due time of the node's SLA when it has one: a default for the tasks it opens. */
  slaDueAt?: string;
  locale: Locale;
  /**
   * The label of a field ("assets") or column ("assets.returned") in `locale`, from the node's form (`formKey`)
   * or else the flow's start form, so messages name fields as people see them; undefined when unknown.
   */
  fieldLabel?(field: string, formKey: string | undefined, locale: Locale): string | undefined;
  /**
   * How a person knows a row of sub-table `table` (an asset row by the asset's tag, through the context's
   * record lookup; else its first text cell), from the node's form or the start form; undefined for none.
   */
  rowLabel?(table: string, row: unknown, formKey: string | undefined): string | undefined;
}

/**
 * A signal a node waits for (POST /api/instances/:id/signals sends it as a `signal` command). `roles`: who
 * besides an admin may send it (a role the caller's token or directory entry gives them); `dataSchema`
 * checks the signal's `data` before the node sees it.
 */
export interface NodeSignal {
  name: string;
  roles?: string[];
  dataSchema?: JsonSchema;
}

/** What a node is told after it was entered. */
export type NodeCommand =
  | {
      kind: 'task';
      task: FlowTask;
      action: string;
      by: string;
      comment?: string;
      /** Users named by the action (add-signer). */
      to?: string[];
    }
  | { kind: 'timer'; timer: FlowTimer }
  | { kind: 'signal'; name: string; payload?: Record<string, unknown> }
  /** An SLA escalation decides on behalf of the assignees. */
  | { kind: 'decide'; decision: 'approve' | 'reject'; reason: string }
  /**
   * The handover of `task`, whose assignee left: their nearest present manager already holds `coveredBy`,
   * another open task of this token. A node may withdraw the task's place (a countersign slot) so the
   * manager does not decide, or vote, twice; undefined: the task is reassigned to the manager instead.
   * The reducer cancels `task` itself.
   */
  | { kind: 'withdraw'; task: FlowTask; coveredBy: FlowTask };

/**
 * A flow node type: pure functions from (token, command, ctx) to an outcome. Built-ins are registered
 * through `builtinNodeTypesPlugin` exactly like a third party's node types.
 */
export interface NodeType<Config = Record<string, unknown>> {
  type: string;
  version: string;
  configSchema: JsonSchema;
  describe(): NodeTypeDescription;
  /** Default 'activity'. */
  role?: NodeRole;
  /** True when the node waits for people, time or a signal: a loop must contain one. */
  waitState?: boolean;
  /** True when the node merges tokens forked upstream (when it has several incoming edges). */
  joins?: boolean;
  /** True when the node may fork the token (leave through several edges at once). */
  splits?: boolean;
  /** Actions its tasks offer; the reducer handles delegate, transfer and return itself. */
  actions?: string[];
  /** The assignee specs in a config, so the checker can report a node nobody would work on. */
  assignees?(config: Config): AssigneeSpec[] | undefined;
  /** Data fields the node writes (setData keys…), so conditions reading them are not "unknown fields". */
  dataFields?(config: Config): string[];
  /** Extra semantic checks of one node (beyond configSchema). */
  check?(config: Config, ctx: NodeCheckContext): Issue[];
  enter(token: FlowToken, ctx: NodeContext<Config>): NodeOutcome;
  /**
   * The signals a token at this node waits for, from its config, so the runtime can tell "not waiting"
   * (409) and who may send one before the reducer runs. Without it only an admin may signal the node.
   */
  signals?(config: Config): NodeSignal[];
  /** Returns undefined when the command is not for this node (a signal it does not wait for). */
  on?(command: NodeCommand, token: FlowToken, ctx: NodeContext<Config>): NodeOutcome | undefined;
}
