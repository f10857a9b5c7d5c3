import type { CreateTaskEffect, LocalizedText, SimulationFailure, SimulationResult } from '@baton/engine';
import type { ScenarioStep } from './scenario-builder.js';

type Json = Record<string, unknown>;

/** Runs the scenario with these steps (the engine's simulate(), in the worker or directly). */
export type RunSteps = (steps: ScenarioStep[]) => Promise<SimulationResult> | SimulationResult;

/** Sample data a node's step sends, given the instance data so far; undefined when the node has no form. */
export type SampleStep = (nodeId: string, current: Json) => Json | undefined;

/** The action "Run to the end" takes at a task: the forward one. */
export const DEFAULT_ACTIONS = ['approve', 'submit', 'complete', 'resubmit'] as const;

export function defaultAction(actions: readonly string[]): string {
  return DEFAULT_ACTIONS.find((a) => actions.includes(a)) ?? actions[0] ?? 'complete';
}

/** One step per open task: its default action, by its first assignee, with the node's sample data. */
export function stepsForOpenTasksWithData(result: SimulationResult, sample: SampleStep): ScenarioStep[] {
  return result.tasks
    .filter((t) => t.status === 'open')
    .map((t) => {
      const data = sample(t.node, result.finalState.data);
      return {
        complete: { node: t.node, action: defaultAction(t.actions), ...(t.assignees[0] ? { by: t.assignees[0] } : {}), ...(data ? { data } : {}) },
      };
    });
}

/** A step the flow refused, with the fields it named (path into the data + message). */
export interface RefusedStep {
  index: number;
  step: ScenarioStep;
  failure: SimulationFailure;
}

export interface RunOutcome {
  steps: ScenarioStep[];
  result: SimulationResult;
  /** The step that was refused (it is left out of `steps`, so the analyst can correct and send it again). */
  refused?: RefusedStep;
}

/** The refused command step of a result, if a command (not an expectation) failed. */
export function refusedStep(result: SimulationResult, steps: readonly ScenarioStep[]): RefusedStep | undefined {
  const failure = result.failures.find((f) => f.code === 'BATON_E_SIM_COMMAND_REFUSED' && f.path.startsWith('/steps/'));
  const step = failure ? steps[failure.step] : undefined;
  return failure && step ? { index: failure.step, step, failure } : undefined;
}

/**
 * Runs, then keeps completing every open task with sample data and its default action until the flow ends,
 * nothing is open, a step is refused or `maxRounds` is reached.
 */
export async function runToEnd(run: RunSteps, start: ScenarioStep[], sample: SampleStep, maxRounds = 25): Promise<RunOutcome> {
  let steps = start;
  let result = await run(steps);
  for (let round = 0; round < maxRounds && result.failures.length === 0; round++) {
    const more = stepsForOpenTasksWithData(result, sample);
    if (more.length === 0) break;
    steps = [...steps, ...more];
    result = await run(steps);
  }
  return settle(steps, result);
}

/** A result whose refused step is taken out of the list (its state is the one before that step). */
export function settle(steps: ScenarioStep[], result: SimulationResult): RunOutcome {
  const refused = refusedStep(result, steps);
  if (!refused) return { steps, result };
  return { steps: steps.slice(0, refused.index), result, refused };
}

/** What a step told its people: its node's description as the engine filled it when the task was created. */
export interface TaskInstructions {
  taskId: string;
  node: string;
  text: LocalizedText;
}

/** Every created task's instructions, in the order the tasks were created (tasks without instructions left out). */
export function taskInstructions(result: SimulationResult): TaskInstructions[] {
  return result.effects
    .filter((e): e is CreateTaskEffect => e.type === 'createTask' && (e as CreateTaskEffect).task.description !== undefined)
    .map((e) => ({ taskId: e.task.taskId, node: e.task.nodeId ?? '', text: e.task.description as LocalizedText }));
}

/** A start the flow refused (its start checks, its subject rules, a relation filter), as the runtime would. */
export interface RefusedStart {
  /** The refusal's own code (BATON_E_START_NOT_FOR_OTHERS …), not the simulation's wrapper. */
  code: string;
  /** What to correct, each at its field of the start data where it has one. */
  issues: Array<{ code: string; path: string; message: string }>;
}

/** The refused start of a result, if the run could not even start. */
export function refusedStart(result: SimulationResult): RefusedStart | undefined {
  const failure = result.failures.find((f) => f.path === '/start' && f.code === 'BATON_E_SIM_COMMAND_REFUSED');
  if (!failure) return undefined;
  const code = typeof failure.actual === 'string' ? failure.actual : failure.code;
  return { code, issues: failure.issues?.length ? failure.issues : [{ code, path: '', message: failure.message }] };
}
