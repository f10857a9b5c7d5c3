import { describe, expect, it } from 'vitest';
import { BatonError } from '../errors/error-catalogue.js';
import { replayFlow } from '../flows/evolve-flow-state.js';
import { offboardingFlow } from '../flows/flow-test-kit.js';
import salesScenario from './fixtures/offboarding-sales.scenario.json' with { type: 'json' };
import type { Scenario } from './scenario.js';
import { simulate } from './simulate.js';
import { simulateAll } from './simulate-all.js';

const sales = salesScenario as Scenario;

/** The sales scenario's start and organisation with other data and steps. */
function variant(name: string, data: Record<string, unknown>, steps: Scenario['steps']): Scenario {
  return { ...sales, name, start: { ...sales.start, data: { ...sales.start.data, ...data } }, steps };
}

const engineer = variant('Engineer, nothing confidential', { jobFamily: 'engineering', confidential: false, assets: [], customers: [] }, [
  { complete: { node: 'managerApproval', action: 'approve' } },
  { complete: { node: 'hrInterview', action: 'complete' } },
  { expect: { at: ['itAccess', 'financeSettlement', 'assetReturn'] } },
  { complete: { node: 'assetReturn', action: 'complete' } },
  { complete: { node: 'itAccess', action: 'complete' } },
  { complete: { node: 'financeSettlement', action: 'complete' } },
  { complete: { node: 'hrConfirmation', action: 'approve' } },
  { expect: { status: 'completed' } },
]);

const rejection = variant('Manager rejects', {}, [
  { complete: { node: 'managerApproval', action: 'reject', comment: 'stay please' } },
  { expect: { status: 'rejected', openTasks: [], effects: [{ type: 'cancelTimer' }] } },
]);

const escalation = variant('Manager misses the SLA', {}, [
  { advance: 'P1D' },
  { expect: { openTasks: [{ node: 'managerApproval', assignees: ['mgr'] }], effects: [] } },
  { advance: 'P3D' },
  { expect: { status: 'running', effects: [{ type: 'notify', to: ['dir'], data: { nodeId: 'managerApproval' } }] } },
]);

describe('simulate', () => {
  it('plays the sales scenario: path, tasks with assignees and actions, effects, final state', () => {
    const result = simulate(offboardingFlow(), sales);
    expect(result.failures).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.finalState.status).toBe('completed');
    expect(result.path.map((p) => p.node)).toEqual([
      'request', 'managerApproval', 'hrInterview', 'split', 'itAccess', 'financeSettlement', 'assetReturn', 'customerHandover', 'nda',
      'join', 'join', 'join', 'join', 'join', 'hrConfirmation', 'end',
    ]);
    expect(result.path[0]).toEqual({ node: 'request', at: '2025-03-03T01:00:00.000Z', token: 't1' });
    const manager = result.tasks.find((t) => t.node === 'managerApproval')!;
    expect(manager).toMatchObject({ assignees: ['mgr'], status: 'completed', by: 'mgr', action: 'approve', comment: 'agreed' });
    expect(result.tasks.every((t) => t.status === 'completed')).toBe(true);
    expect(result.timers).toEqual([expect.objectContaining({ node: 'managerApproval', purpose: 'sla', status: 'cancelled' })]);
    expect(result.uncovered).toEqual({ nodes: [], edges: [], branches: [] });
    expect(replayFlow(result.events)).toMatchObject({ status: 'completed' });
  });

  it('is deterministic: the same scenario gives the same output', () => {
    expect(JSON.stringify(simulate(offboardingFlow(), sales))).toBe(JSON.stringify(simulate(offboardingFlow(), sales)));
  });

  it('runs the engineer scenario and reports the branches it never took', () => {
    const result = simulate(offboardingFlow(), engineer);
    expect(result.failures).toEqual([]);
    expect(result.uncovered.nodes).toEqual(['customerHandover', 'nda']);
    expect(result.uncovered.branches).toEqual(['toCustomers', 'toNda']);
    expect(result.uncovered.edges).toEqual(['toCustomers', 'toNda', 'customersDone', 'ndaDone']);
  });

  it('runs a rejection: the instance ends rejected with no open task', () => {
    const result = simulate(offboardingFlow(), rejection);
    expect(result.ok).toBe(true);
    expect(result.finalState.status).toBe('rejected');
    expect(result.tasks[0]).toMatchObject({ node: 'managerApproval', status: 'completed', action: 'reject' });
  });

  it('escalates an SLA when `advance` passes its due time (business days, Shanghai time)', () => {
    const result = simulate(offboardingFlow(), escalation);
    expect(result.failures).toEqual([]);
    // Monday 09:00 Shanghai + 2 business days: Wednesday 09:00.
    expect(result.timers[0]).toMatchObject({ purpose: 'sla', dueAt: '2025-03-05T01:00:00.000Z', status: 'fired', closedAt: '2025-03-05T01:00:00.000Z' });
    expect(result.events.find((e) => e.type === 'sla.breached')!.at).toBe('2025-03-05T01:00:00.000Z');
  });

  it('reports failed expectations with the step, the path and what differed, and keeps checking', () => {
    const result = simulate(offboardingFlow(), variant('wrong guesses', {}, [
      { complete: { node: 'managerApproval', action: 'approve' } },
      { expect: { status: 'completed', at: ['itAccess'], data: { reason: 'other' }, openTasks: [{ node: 'hrInterview', assignees: ['hr2'] }] } },
      { complete: { node: 'nda', action: 'complete' } },
      { expect: { status: 'running' } },
    ]));
    expect(result.ok).toBe(false);
    expect(result.failures.map((f) => [f.path, f.message])).toEqual([
      ['/steps/1/expect/status', 'Step 1: status is "running", expected "completed".'],
      ['/steps/1/expect/at', 'Step 1: tokens are at [hrInterview], expected [itAccess].'],
      ['/steps/1/expect/openTasks', 'Step 1: open tasks are [hrInterview (hr1)], expected [hrInterview (hr2)].'],
      ['/steps/1/expect/data', 'Step 1: data at "reason" is "relocation", expected "other".'],
      ['/steps/2/complete/node', 'Step 2: there is no open task at node "nda". Open tasks: hrInterview (hr1). Check the step order or the assignee.'],
    ]);
  });

  it('reports a refused command and an expected refusal that did not happen', () => {
    const refused = simulate(offboardingFlow(), variant('not the manager', {}, [{ complete: { node: 'managerApproval', by: 'hr1', action: 'approve' } }]));
    expect(refused.failures[0]).toMatchObject({ path: '/steps/0/complete', code: 'BATON_E_SIM_COMMAND_REFUSED', actual: 'BATON_E_FLOW_NOT_ASSIGNEE' });
    const accepted = simulate(offboardingFlow(), variant('gate', {}, [{ complete: { node: 'managerApproval', action: 'approve', refused: 'BATON_E_FLOW_GATE_NOT_MET' } }]));
    expect(accepted.failures[0]!.message).toBe('Step 0: expected the command to be refused with BATON_E_FLOW_GATE_NOT_MET, but it was accepted. Fix the flow or the `refused` code.');
  });

  it('rejects a malformed scenario with JSON paths', () => {
    const bad = { ...sales, steps: [{ complete: { node: 'managerApproval' } }, { advance: 'three days' }, { expect: { at: ['nowhere'] } }] };
    let error: unknown;
    try {
      simulate(offboardingFlow(), bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BatonError);
    const issues = (error as BatonError).issues;
    expect((error as BatonError).code).toBe('BATON_E_SIM_INVALID_SCENARIO');
    expect([...new Set(issues.map((i) => i.path))]).toEqual(['/steps/0/complete/action', '/steps/1/advance']);
    expect(issues[0]!.message).toMatch(/action/);

    const unknownNode = { ...sales, steps: [{ expect: { at: ['nowhere'] } }] };
    expect(() => simulate(offboardingFlow(), unknownNode)).toThrow(BatonError);
    try {
      simulate(offboardingFlow(), unknownNode);
    } catch (e) {
      expect((e as BatonError).issues[0]).toMatchObject({ path: '/steps/0/expect/at/0', code: 'BATON_E_SIM_UNKNOWN_NODE' });
    }
    expect(() => simulate(offboardingFlow(), { ...sales, flow: 'other-flow' })).toThrow(/written for flow "other-flow"/);
  });

  it('simulateAll merges coverage across scenarios', () => {
    const all = simulateAll(offboardingFlow(), [engineer, rejection]);
    expect(all.ok).toBe(true);
    expect(all.uncovered.nodes).toEqual(['customerHandover', 'nda']);
    expect(all.uncovered.branches).toEqual(['toCustomers', 'toNda']);
    const full = simulateAll(offboardingFlow(), [engineer, sales, escalation]);
    expect(full.uncovered).toEqual({ nodes: [], edges: [], branches: [] });
    expect(full.results.map((r) => r.name)).toEqual([engineer.name, sales.name, escalation.name]);
  });
});
