import type { WorkCalendar } from '../calendar/work-calendar.js';
import { addBusinessDays } from '../calendar/add-business-days.js';
import { addDuration } from '../calendar/add-duration.js';
import { zonedDateTimeToInstant } from '../calendar/zoned-time.js';
import type { DirectoryReader } from '../directory/directory.js';
import type { JsonLogic } from '../expressions/expression-types.js';
import type { Locale } from '../i18n/localized-text.js';
import type { CompiledNode } from './compiled-flow.js';
import type { AssigneeSpec, Duration, FlowNodeDefinition } from './flow-definition.js';
import type { FlowState, FlowTask } from './flow-state.js';
import type { FlowTransition } from './flow-transition.js';
import { evaluateLogic } from './evaluate-logic.js';
import type { NodeContext } from './node-type.js';
import { resolveAssignees } from './resolve-assignees.js';
import { plainRowLabel } from '../forms/row-label.js';

/**
 * The NodeContext handed to node types. A class, so one activation allocates one object and no closures
 * (this runs on every node a token passes).
 */
export class FlowNodeContext implements NodeContext {
  readonly node: FlowNodeDefinition;
  readonly config: Record<string, unknown>;
  readonly now: string;
  readonly instance: NodeContext['instance'];
  readonly openTasks: FlowTask[];
  readonly outgoing: NodeContext['outgoing'];
  readonly directory: DirectoryReader;
  readonly calendar: WorkCalendar;
  readonly timeZone: string;
  readonly locale: Locale;
  slaDueAt?: string;
  private readonly state: FlowState;

  constructor(private readonly tx: FlowTransition, private readonly compiled: CompiledNode, openTasks: FlowTask[], slaDueAt: string | undefined) {
    const state = tx.state;
    this.state = state;
    this.node = compiled.def;
    this.config = compiled.config;
    this.now = tx.ctx.now;
    this.instance = { id: state.instanceId, flowKey: state.flowKey, flowVersion: state.flowVersion, initiator: state.initiator };
    if (state.businessKey !== undefined) this.instance.businessKey = state.businessKey;
    this.openTasks = openTasks;
    this.outgoing = compiled.outgoingInfo;
    this.directory = tx.ctx.directory;
    this.calendar = tx.ctx.calendar ?? {};
    this.timeZone = tx.timeZone;
    this.locale = tx.ctx.locale ?? 'en';
    if (slaDueAt !== undefined) this.slaDueAt = slaDueAt;
  }

  get data(): Readonly<Record<string, unknown>> {
    return this.tx.state.data;
  }

  evaluate(logic: JsonLogic, data?: unknown): unknown {
    return evaluateLogic(logic, data ?? this.tx.state.data, this.tx.evalCtx);
  }

  test(edgeId: string): boolean {
    for (const edge of this.compiled.outgoing) if (edge.id === edgeId) return this.tx.holds(edge);
    return false;
  }

  resolveAssignees(specs: AssigneeSpec[]): string[] {
    return resolveAssignees(specs, this.tx.assigneeScope(this.compiled));
  }

  addDuration(instant: string, duration: Duration): string {
    return addDuration(instant, duration, this.calendar, this.timeZone);
  }

  fieldLabel(field: string, formKey: string | undefined, locale: Locale): string | undefined {
    return this.tx.ctx.fieldLabel?.({ field, formKey, locale });
  }

  rowLabel(table: string, row: unknown, formKey: string | undefined): string | undefined {
    const { records } = this.tx.ctx;
    const known = this.tx.ctx.rowLabel?.({ table, row, formKey, records });
    return known ? known.label : plainRowLabel(row, records);
  }

  businessDateAt(date: string, businessDays: number, time: string): string {
    return zonedDateTimeToInstant(addBusinessDays(date, businessDays, this.calendar), time, this.timeZone);
  }
}
