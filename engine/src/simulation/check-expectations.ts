import { pointer } from '../errors/issue.js';
import { openTasks } from '../flows/flow-state.js';
import { partialMismatch } from './match-partial.js';
import type { ExpectStep } from './scenario.js';
import type { ScenarioRun } from './scenario-run.js';
import { SIMULATION_ERRORS } from './simulation-errors.js';

const show = (value: unknown): string => (value === undefined ? 'missing' : JSON.stringify(value));
const sorted = (list: readonly string[]): string[] => [...list].sort();

/** Checks one `expect` step against the run; every expectation that fails is reported, none stops the run. */
export function checkExpectations(run: ScenarioRun, step: number, { expect }: ExpectStep): void {
  const base = pointer('steps', step, 'expect');
  const state = run.state;
  if (expect.status !== undefined && state.status !== expect.status) {
    run.fail(step, `${base}/status`, SIMULATION_ERRORS.BATON_E_SIM_EXPECT_STATUS, { actual: state.status, expected: expect.status }, { expected: expect.status, actual: state.status });
  }
  if (expect.at !== undefined) {
    const actual = sorted([...new Set(state.tokens.map((t) => t.nodeId))]);
    const expected = sorted([...new Set(expect.at)]);
    if (actual.join('\u0000') !== expected.join('\u0000')) {
      run.fail(step, `${base}/at`, SIMULATION_ERRORS.BATON_E_SIM_EXPECT_AT, { actual: actual.join(', '), expected: expected.join(', ') }, { expected, actual });
    }
  }
  if (expect.openTasks !== undefined) checkOpenTasks(run, step, `${base}/openTasks`, expect.openTasks);
  if (expect.data !== undefined) {
    const miss = partialMismatch(state.data, expect.data);
    if (miss) {
      run.fail(step, `${base}/data`, SIMULATION_ERRORS.BATON_E_SIM_EXPECT_DATA, { field: miss.path, actual: show(miss.actual), expected: show(miss.expected) }, { expected: miss.expected, actual: miss.actual });
    }
  }
  if (expect.effects !== undefined) {
    const recent = run.effects.slice(run.effectsSeen);
    expect.effects.forEach((pattern, i) => {
      if (recent.some((effect) => partialMismatch(effect, pattern) === undefined)) return;
      const emitted = recent.map((e) => e.type).join(', ') || 'none';
      run.fail(step, `${base}/effects/${i}`, SIMULATION_ERRORS.BATON_E_SIM_EXPECT_EFFECT, { expected: JSON.stringify(pattern), actual: emitted }, { expected: pattern, actual: recent.map((e) => e.type) });
    });
  }
  run.effectsSeen = run.effects.length;
}

function checkOpenTasks(run: ScenarioRun, step: number, path: string, expected: NonNullable<ExpectStep['expect']['openTasks']>): void {
  const open = openTasks(run.state);
  const remaining = [...open];
  let matched = true;
  for (const want of expected) {
    const at = remaining.findIndex((t) => t.nodeId === want.node && (want.assignees === undefined || sorted(t.assignees).join('\u0000') === sorted(want.assignees).join('\u0000')));
    if (at < 0) matched = false;
    else remaining.splice(at, 1);
  }
  if (matched && remaining.length === 0) return;
  const describe = (t: { node: string; assignees?: string[] }) => (t.assignees ? `${t.node} (${t.assignees.join(', ')})` : t.node);
  const actual = open.map((t) => ({ node: t.nodeId, assignees: t.assignees }));
  run.fail(step, path, SIMULATION_ERRORS.BATON_E_SIM_EXPECT_TASKS, { actual: actual.map(describe).join('; '), expected: expected.map(describe).join('; ') }, { expected, actual });
}
