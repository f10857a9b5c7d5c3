import type { WorkCalendar } from '../calendar/work-calendar.js';
import { createMemoryDirectory, type DirectoryReader } from '../directory/directory.js';
import type { DomainEvent } from '../effects/domain-event.js';
import type { Effect } from '../effects/effect.js';
import { BatonError, issue } from '../errors/error-catalogue.js';
import { pointer } from '../errors/issue.js';
import type { CompiledFlow } from '../flows/compiled-flow.js';
import type { FlowCommand, FlowContext } from '../flows/flow-command.js';
import { openTasks, type FlowState, type FlowTask } from '../flows/flow-state.js';
import type { Locale } from '../i18n/localized-text.js';
import { parseIsoDuration } from './parse-iso-duration.js';
import { judgeSimulatedStart } from './simulated-start.js';
import type { AdvanceStep, CancelStep, CompleteStep, Refusable, Scenario, SignalStep } from './scenario.js';
import type { SimulationFailure } from './simulation-result.js';
import { SIMULATION_ERRORS } from './simulation-errors.js';

/**
 * What the run hands the reducer beyond the scenario: the same hooks the runtime gives it, and the checks
 * the runtime makes around the reducer (relation filters): each throws the runtime's BatonError to refuse.
 */
export type ScenarioHooks = Pick<FlowContext, 'validateTaskData' | 'fieldLabel' | 'rowLabel' | 'records'> & {
  /** Judges the start data before the instance starts (runtime-api start-flow.ts). */
  checkStart?: (data: Record<string, unknown>) => void;
  /** Judges a command's outcome before it is kept (runtime-api instance-pipeline.ts). */
  checkCommand?: (command: FlowCommand, before: FlowState, after: FlowState) => void;
};

/** Stops the script: a command could not run, so later steps would only report follow-on noise. */
export class StopRun extends Error {}

function directoryOf(scenario: Scenario): DirectoryReader {
  return createMemoryDirectory({
    users: scenario.directory.users.map((u) => ({ ...u, name: u.name ?? u.id, roles: u.roles ?? [], attributes: u.attributes ?? {} })),
    departments: (scenario.directory.departments ?? []).map((d) => ({ ...d, name: d.name ?? d.id })),
  });
}

/**
 * One scenario being played: the instance's state and history, the scenario clock and a counter for ids
 * (so the same scenario always produces the same output).
 */
export class ScenarioRun {
  state!: FlowState;
  readonly events: DomainEvent[] = [];
  readonly effects: Effect[] = [];
  readonly failures: SimulationFailure[] = [];
  /** Index into `effects` where the next `expect` starts looking. */
  effectsSeen = 0;
  now: string;
  private ids = 0;
  private readonly directory: DirectoryReader;
  private readonly calendar: WorkCalendar | undefined;

  constructor(
    readonly flow: CompiledFlow, readonly scenario: Scenario, readonly locale: Locale,
    private readonly hooks: ScenarioHooks = {},
  ) {
    this.now = new Date(scenario.start.at).toISOString();
    this.directory = directoryOf(scenario);
    this.calendar = scenario.calendar;
  }

  ctx(): FlowContext {
    const ctx: FlowContext = { now: this.now, newId: (prefix) => `${prefix}-${++this.ids}`, directory: this.directory, locale: this.locale };
    if (this.calendar) ctx.calendar = this.calendar;
    if (this.scenario.timeZone) ctx.timeZone = this.scenario.timeZone;
    if (this.hooks.validateTaskData) ctx.validateTaskData = this.hooks.validateTaskData;
    if (this.hooks.fieldLabel) ctx.fieldLabel = this.hooks.fieldLabel;
    if (this.hooks.rowLabel) ctx.rowLabel = this.hooks.rowLabel;
    if (this.hooks.records) ctx.records = this.hooks.records;
    return ctx;
  }

  fail(step: number, path: string, code: string, params: Record<string, unknown>, extra: Pick<SimulationFailure, 'expected' | 'actual' | 'issues'> = {}): void {
    const built = issue(code, path, { step, ...params }, this.locale);
    this.failures.push({ step, path, code, message: built.message, ...extra });
  }

  start(): void {
    const { start } = this.scenario;
    const input = { data: start.data ?? {}, initiator: start.initiator, instanceId: start.instanceId ?? 'sim-1', ...(start.businessKey !== undefined ? { businessKey: start.businessKey } : {}) };
    try {
      this.hooks.checkStart?.(input.data);
      // The start node's checks and the subject rules, judged as the runtime judges them (simulated-start.ts).
      judgeSimulatedStart(this.flow, { data: input.data, initiator: start.initiator, ctx: this.ctx() });
      this.record(this.flow.start(input, this.ctx()));
    } catch (error) {
      this.refusal(0, '/start', error, undefined);
      throw new StopRun();
    }
  }

  private record(transition: { state: FlowState; events: DomainEvent[]; effects: Effect[] }): void {
    this.state = transition.state;
    for (const e of transition.events) this.events.push(e);
    for (const e of transition.effects) this.effects.push(e);
  }

  private refusal(step: number, path: string, error: unknown, expected: string | undefined): void {
    if (!(error instanceof BatonError)) throw error;
    if (expected === undefined) {
      // The refusal's issues travel with it: "correct the fields listed" is useless without the list.
      const issues = error.issues.filter((i) => i.code !== error.code || i.path !== '').map((i) => ({ code: i.code, path: i.path, message: i.message }));
      this.fail(step, path, SIMULATION_ERRORS.BATON_E_SIM_COMMAND_REFUSED, { code: error.code, reason: error.message }, { actual: error.code, ...(issues.length > 0 ? { issues } : {}) });
    } else if (error.code !== expected) {
      this.fail(step, path, SIMULATION_ERRORS.BATON_E_SIM_REFUSAL_EXPECTED, { expected, actual: `it was refused with ${error.code}: ${error.message}` }, { expected, actual: error.code });
    }
  }

  /** Applies one command; a refusal either was asked for (`refused`) or stops the run. */
  private run(step: number, path: string, command: FlowCommand, expect: Refusable): void {
    this.requireRunning(step, path);
    let transition;
    try {
      transition = this.flow.apply(this.state, command, this.ctx());
      this.hooks.checkCommand?.(command, this.state, transition.state);
    } catch (error) {
      this.refusal(step, path, error, expect.refused);
      if (expect.refused === undefined || (error instanceof BatonError && error.code !== expect.refused)) throw new StopRun();
      return;
    }
    if (expect.refused !== undefined) {
      this.fail(step, path, SIMULATION_ERRORS.BATON_E_SIM_REFUSAL_EXPECTED, { expected: expect.refused, actual: 'it was accepted' }, { expected: expect.refused, actual: 'accepted' });
      throw new StopRun();
    }
    this.record(transition);
  }

  private requireRunning(step: number, path: string): void {
    if (this.state.status === 'running') return;
    this.fail(step, path, SIMULATION_ERRORS.BATON_E_SIM_NOT_RUNNING, { status: this.state.status });
    throw new StopRun();
  }

  complete(step: number, { complete: c }: CompleteStep): void {
    const path = pointer('steps', step, 'complete');
    this.requireRunning(step, path);
    const task = c.task !== undefined ? { id: c.task, assignees: [] as string[] } : this.taskAt(step, path, c.node!, c.by);
    const command: FlowCommand = { type: 'completeTask', taskId: task.id, action: c.action, by: c.by ?? task.assignees[0] ?? '' };
    if (c.data !== undefined) command.data = c.data;
    if (c.comment !== undefined) command.comment = c.comment;
    if (c.to !== undefined) command.to = c.to;
    this.run(step, path, command, c);
  }

  private taskAt(step: number, path: string, nodeId: string, by: string | undefined): Pick<FlowTask, 'id' | 'assignees'> {
    const open = openTasks(this.state);
    const atNode = open.filter((t) => t.nodeId === nodeId);
    const task = atNode.find((t) => by === undefined || t.assignees.includes(by)) ?? (by === undefined ? undefined : atNode[0]);
    if (task) return task;
    const list = open.map((t) => `${t.nodeId} (${t.assignees.join(', ')})`).join('; ') || 'none';
    this.fail(step, `${path}/node`, SIMULATION_ERRORS.BATON_E_SIM_NO_TASK, { nodeId, forUser: by === undefined ? '' : ` for ${by}`, open: list });
    throw new StopRun();
  }

  signal(step: number, { signal: s }: SignalStep): void {
    const command: FlowCommand = { type: 'signal', name: s.name };
    if (s.payload !== undefined) command.payload = s.payload;
    if (s.node !== undefined) command.nodeId = s.node;
    this.run(step, pointer('steps', step, 'signal'), command, s);
  }

  cancel(step: number, { cancel: c }: CancelStep): void {
    const command: Extract<FlowCommand, { type: 'cancel' | 'withdraw' }> = { type: c.withdraw ? 'withdraw' : 'cancel', by: c.by };
    if (c.reason !== undefined) command.reason = c.reason;
    this.run(step, pointer('steps', step, 'cancel'), command, c);
  }

  /** Moves the clock, firing every timer that falls due on the way, earliest first, each at its due time. */
  advance(step: number, { advance }: AdvanceStep): void {
    const from = Date.parse(this.now);
    const until = typeof advance === 'string' ? from + (parseIsoDuration(advance) ?? 0) : Date.parse(advance.to);
    const path = pointer('steps', step, 'advance');
    for (;;) {
      if (this.state.status !== 'running') break;
      let next: { id: string; dueAt: string; ms: number } | undefined;
      for (const timer of this.state.timers) {
        const ms = Date.parse(timer.dueAt);
        if (ms <= until && (!next || ms < next.ms || (ms === next.ms && timer.id < next.id))) next = { id: timer.id, dueAt: timer.dueAt, ms };
      }
      if (!next) break;
      if (next.ms > Date.parse(this.now)) this.now = next.dueAt;
      this.run(step, path, { type: 'timerFired', timerId: next.id }, {});
    }
    if (until > Date.parse(this.now)) this.now = new Date(until).toISOString();
  }
}
