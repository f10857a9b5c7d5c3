// The rules' extension points. The registry only relies on type/version/configSchema|paramsSchema/describe.
import type { WorkCalendar } from '../calendar/work-calendar.js';
import type { DirectoryReader } from '../directory/directory.js';
import type { DomainEvent, DomainEventType } from '../effects/domain-event.js';
import type { Effect } from '../effects/effect.js';
import type { JsonLogic } from '../expressions/expression-types.js';
import type { JsonSchema, TypeDescription } from '../forms/field-type.js';
import type { Issue } from '../errors/issue.js';
import type { Locale, LocalizedText } from '../i18n/localized-text.js';
import type { AssigneeReplacement } from '../flows/resolve-assignees.js';
import type { AssigneeSpec } from './assignee-spec.js';
import type { RecordLookup } from './read-path.js';

/** What the runtime passes to every rule call. Time, people and parameters come only from here. */
export interface RuleContext {
  /** ISO 8601 instant: "now" for conditions, effects and planning. */
  now: string;
  directory: DirectoryReader;
  calendar?: WorkCalendar;
  /** The organisation's IANA time zone; a trigger's own `timeZone` wins. Default "UTC". */
  timeZone?: string;
  /** Pack parameters (e.g. settlementReminderDays); read in configs as {"param": name}, in expressions as {"var": "$params.name"}. */
  parameters?: Record<string, unknown>;
  /** Records of collection forms by id, for templates that name a related record's field ("{assets.assetId.tag}"). */
  records?: RecordLookup;
}

/** The data a rule runs over when it is not an event: a record of a form or a flow instance's data. */
export interface RuleRecord {
  id: string;
  formKey?: string;
  flowKey?: string;
  /** Set when the record is a flow instance, so effects address it. */
  instanceId?: string;
  /** Who started the instance or created the record, for "initiator" assignees. */
  initiator?: string;
  data: Record<string, unknown>;
}

/** One timer a time trigger wants for a record (or, for schedules, for no record). */
export interface TriggerTimer {
  /** ISO 8601 instant. */
  dueAt: string;
  /** Extra id part when a trigger plans several timers for one record. */
  suffix?: string;
}

/** A field an action's params clear; `path` is a JSON Pointer relative to the params. */
export interface ClearedField {
  field: string;
  path: string;
  /** Another form's key when the action writes to a record of it; absent: the rule's own data. */
  form?: string;
}

/** A field a trigger config or action params names, with the field types it must have (any when omitted). */
export interface FieldRef {
  field: string;
  /** JSON Pointer of the naming value, relative to the config / params. */
  path: string;
  types?: string[];
}

export interface TriggerTypeDescription extends TypeDescription {
  /** event: matched against domain events; time: planned per record from its data; schedule: recurring. */
  mode: 'event' | 'time' | 'schedule';
}

/**
 * A rule trigger type. Event triggers list the event types they listen to and `match` them; time triggers
 * (`date-offset`) `plan` timers from a record's data; schedule triggers `plan` with no record.
 */
export interface TriggerType<Config = Record<string, unknown>> {
  type: string;
  version: string;
  configSchema: JsonSchema;
  describe(): TriggerTypeDescription;
  /** Event types this trigger listens to; the compiled rule set indexes rules by them. */
  events?: DomainEventType[];
  match?(event: DomainEvent, config: Config, ctx: RuleContext): boolean;
  /** Timers for `record` (undefined for schedules), computed from ctx.now, ctx.calendar and ctx.parameters. */
  plan?(record: RuleRecord | undefined, config: Config, ctx: RuleContext): TriggerTimer[];
  /** Data fields the config names, for semantic checks. */
  fieldRefs?(config: Config): FieldRef[];
  /** Checks beyond the config schema (a cron expression, a time zone); paths are relative to `path`. */
  check?(config: Config, path: string, locale: Locale): Issue[];
  __config?: Config;
}

/** Everything an action needs to turn its params into effects. Built by the compiled rule set. */
export interface ActionEnv {
  rule: { key: string; version: number };
  /** Idempotency key prefix for this action run; effects append their own suffix. */
  key: string;
  /** The record's or instance's data, as the event or record carried it. */
  data: Record<string, unknown>;
  /** What expressions and templates read: the data plus $event, $params, $record, $item, $index and the rule's vars. */
  scope: Record<string, unknown>;
  /** Evaluates a JsonLogic value over `scope` (compiled once per rule set). */
  evaluate(logic: JsonLogic): unknown;
  /** Fills `{path}` placeholders in a template from `scope`; user and department ids followed by `.name` etc. are looked up in the directory. */
  fill(template: LocalizedText): LocalizedText;
  /**
   * Resolves assignee specs to user ids (deduplicated, in order) and display candidates ("role:it"); `replaced`:
   * the people named who had left, and their present manager who stands in for them (as in flows).
   */
  resolveAssignees(specs: AssigneeSpec[]): { users: string[]; candidates: string[]; replaced: AssigneeReplacement[] };
  ctx: RuleContext;
  instanceId?: string;
  recordId?: string;
  formKey?: string;
  flowKey?: string;
}

/** An action a rule may take: pure, turns its params into effects. IO happens in runtime-api. */
export interface RuleActionType<Params = Record<string, unknown>> {
  type: string;
  version: string;
  paramsSchema: JsonSchema;
  describe(): TypeDescription;
  toEffects(params: Params, env: ActionEnv): Effect[];
  /** JsonLogic values inside the params: compiled once up front and checked for unknown fields. */
  expressions?(params: Params): Array<{ path: string; logic: JsonLogic }>;
  /** Templates inside the params, checked for unknown placeholders. */
  templates?(params: Params): Array<{ path: string; text: LocalizedText }>;
  /** Fields the params name directly (an assignee's field, a set-data target). */
  fieldRefs?(params: Params): FieldRef[];
  /**
   * Fields the params clear (a set-data value written as `null`), so publishing refuses clearing a required
   * field (check-cleared-fields.ts). `form`: the record's form when the params target another form's record.
   */
  clearedFields?(params: Params): ClearedField[];
  __params?: Params;
}
