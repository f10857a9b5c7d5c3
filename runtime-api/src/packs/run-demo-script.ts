import {
  addBusinessHours,
  BatonError,
  CN_CALENDAR,
  issue,
  openTasks,
  type CompiledFlow,
  type CompiledForm,
  type DomainEvent,
  type Effect,
  type FlowCommand,
  type FlowState,
  type FlowTask,
  type Issue,
  type RecordLookup,
  type Transition,
} from '@baton/engine';
import { flowContext, type CommandEnv } from '../execution/execution-services.js';
import type { DemoInstanceScript, DemoScriptStepValue } from './demo-instance-script.js';
import { DEMO_REPLAY_ERRORS } from './demo-replay-errors.js';

/** What the engine decided over one script: the final state and every event and effect, in order. */
export interface DemoRun {
  state: FlowState;
  events: DomainEvent[];
  effects: Effect[];
}

/** A refusal of the script: the issue is already at the step's path. */
class ScriptRefused extends Error {
  constructor(readonly found: Issue) {
    super(found.message);
  }
}

const ms = (instant: string) => Date.parse(instant);
const later = (a: string, b: string) => (ms(a) >= ms(b) ? a : b);
const MAX_TIMERS = 1_000;

/**
 * Plays one past instance through the real engine (compiled start / apply), each command with the
 * script's instant as the context's `now` (the command env's clock, overridden). The decisions run in the
 * order of their times: a step is due `hours` business hours after its task was created (withdraw and
 * cancel: after the previous decision), and each node's steps happen in script order, so parallel tasks
 * interleave as their durations say. Timers that fall due on the way (SLA escalations) fire at their due
 * time, as the timer worker would; what they and the steps ask to deliver is kept here and never sent.
 * `records` finds the records a step's instructions name ("{assets.assetId.tag}"), as the live command path
 * does (withRecordLookup), so a replayed to-do reads like a live one.
 */
export function runDemoScript(
  base: Omit<CommandEnv, 'now' | 'actor'>,
  flow: CompiledFlow,
  formOf: (key: string | undefined) => CompiledForm | undefined,
  script: DemoInstanceScript,
  instanceId: string,
  records?: RecordLookup,
): DemoRun | Issue {
  const run: DemoRun = { state: undefined as unknown as FlowState, events: [], effects: [] };
  let now = script.startedAt;
  const initiator = script.initiator ?? String(script.data.employeeId ?? '');
  const ctx = (actor: string) => ({ ...flowContext({ ...base, actor, now: new Date(now) }, formOf, run.state?.data ?? {}), ...(records ? { records } : {}) });
  const keep = (t: Transition) => {
    run.state = t.state;
    run.events.push(...t.events);
    run.effects.push(...t.effects);
  };
  const attempt = (path: string, apply: () => Transition) => {
    try {
      keep(apply());
    } catch (err) {
      if (!(err instanceof BatonError)) throw err;
      throw new ScriptRefused(issue(DEMO_REPLAY_ERRORS.BATON_E_PACK_SEED_REPLAY_REFUSED, path, { code: err.code, reason: err.message }, base.locale));
    }
  };
  const fireTimersUntil = (until: string) => {
    for (let i = 0; i < MAX_TIMERS && run.state.status === 'running'; i += 1) {
      const next = [...run.state.timers].sort((a, b) => ms(a.dueAt) - ms(b.dueAt) || (a.id < b.id ? -1 : 1))[0];
      if (!next || ms(next.dueAt) > ms(until)) return;
      now = later(next.dueAt, now);
      attempt(script.path, () => flow.apply(run.state, { type: 'timerFired', timerId: next.id }, ctx('system')));
    }
  };

  try {
    attempt(script.path, () => flow.start({ data: script.data, initiator, instanceId }, ctx(initiator)));
    const pending = script.steps.map((step, index) => ({ step, index }));
    let lastDecision = now;
    while (pending.length > 0 && run.state.status === 'running') {
      const next = nextStep(pending, run.state, lastDecision, initiator, base.services.timeZone);
      if (!next) {
        const first = pending[0]!;
        const open = openTasks(run.state).map((t) => t.nodeId).join(', ') || '-';
        return issue(DEMO_REPLAY_ERRORS.BATON_E_PACK_SEED_REPLAY_NO_TASK, `${script.path}/$steps/${first.index}`, { node: first.step.node ?? '-', open }, base.locale);
      }
      const due = next.due;
      fireTimersUntil(due);
      if (run.state.status !== 'running') break;
      now = later(due, now);
      const path = `${script.path}/$steps/${next.index}`;
      attempt(path, () => flow.apply(run.state, commandOf(next.step, next.task, initiator), ctx(next.by)));
      lastDecision = now;
      pending.splice(pending.findIndex((p) => p.index === next.index), 1);
    }
    // Steps left when the instance ended: their node was never reached (or the script ended it early).
    const left = pending[0];
    if (left) return issue(DEMO_REPLAY_ERRORS.BATON_E_PACK_SEED_REPLAY_NO_TASK, `${script.path}/$steps/${left.index}`, { node: left.step.node ?? '-', open: `- (${run.state.status})` }, base.locale);
  } catch (err) {
    if (err instanceof ScriptRefused) return err.found;
    throw err;
  }
  if (run.state.status === 'running') {
    const open = openTasks(run.state).map((t) => t.nodeId).join(', ') || '-';
    return issue(DEMO_REPLAY_ERRORS.BATON_E_PACK_SEED_REPLAY_UNFINISHED, `${script.path}/$steps`, { open }, base.locale);
  }
  return run;
}

interface Candidate {
  step: DemoScriptStepValue;
  index: number;
  task: FlowTask | undefined;
  /** When it happens: `hours` business hours after its task's creation (or the previous decision). */
  due: string;
  by: string;
}

/** The step that happens first among those that can happen now (each node's first pending step). */
function nextStep(
  pending: Array<{ step: DemoScriptStepValue; index: number }>,
  state: FlowState,
  lastDecision: string,
  initiator: string,
  timeZone: string,
): Candidate | undefined {
  const open = openTasks(state);
  const seen = new Set<string>();
  let best: Candidate | undefined;
  let bestAt = Infinity;
  const dueFrom = (from: string, hours: number) => addBusinessHours(from, hours, CN_CALENDAR, timeZone);
  pending.forEach(({ step, index }, position) => {
    let candidate: Candidate | undefined;
    if (step.node === undefined) {
      // Withdraw / cancel: only in its turn, timed from the previous decision.
      if (position === 0) candidate = { step, index, task: undefined, due: dueFrom(lastDecision, step.hours), by: step.by ?? initiator };
    } else if (!seen.has(step.node)) {
      seen.add(step.node);
      const atNode = open.filter((t) => t.nodeId === step.node);
      const task = atNode.find((t) => step.by === undefined || t.assignees.includes(step.by)) ?? atNode[0];
      if (task) candidate = { step, index, task, due: dueFrom(task.createdAt, step.hours), by: step.by ?? task.assignees[0] ?? initiator };
    }
    if (!candidate) return;
    const at = ms(candidate.due);
    if (at < bestAt) {
      best = candidate;
      bestAt = at;
    }
  });
  return best;
}

function commandOf(step: DemoScriptStepValue, task: FlowTask | undefined, initiator: string): FlowCommand {
  if (!task) {
    const type = step.action === 'cancel' ? 'cancel' : 'withdraw';
    return { type, by: step.by ?? initiator, ...(step.reason !== undefined ? { reason: step.reason } : {}) };
  }
  return {
    type: 'completeTask',
    taskId: task.id,
    action: step.action,
    by: step.by ?? task.assignees[0] ?? '',
    ...(step.data !== undefined ? { data: step.data } : {}),
    ...(step.comment !== undefined ? { comment: step.comment } : {}),
    ...(step.to !== undefined ? { to: step.to } : {}),
  };
}
