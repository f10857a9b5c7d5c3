/**
 * Flow transitions per second, in memory, on one core: a transition is one `start` or one `apply`.
 * Three shapes: a chain of single approvals, the offboarding flow (Asia/Shanghai, a business-day SLA,
 * an inclusive split over five branches and gated tasks) and a 10-way parallel split/join.
 * Run alone with `npx tsx tests/bench/engine/flows.ts`.
 */
import {
  compileFlow, createRegistry, openTasks,
  type CompiledFlow, type FlowContext, type FlowDefinition, type FlowState,
} from '@baton/engine';
import { offboardingFlow, testDirectory } from '../../../engine/src/flows/flow-test-kit.js';
import { opsPerSecond, printResults, type BenchResult } from '../bench-harness.js';

const TARGET = 100_000;

const label = (id: string) => ({ en: id, 'zh-CN': id });

function linear(key: string, middle: Array<{ id: string; type: string; config?: Record<string, unknown> }>): FlowDefinition {
  const ids = ['start', ...middle.map((n) => n.id), 'end'];
  return {
    kind: 'flow', key, version: 1, title: label(key),
    nodes: [
      { id: 'start', type: 'start', name: label('start') },
      ...middle.map((n) => ({ id: n.id, type: n.type, name: label(n.id), ...(n.config ? { config: n.config } : {}) })),
      { id: 'end', type: 'end', name: label('end') },
    ] as FlowDefinition['nodes'],
    edges: ids.slice(1).map((to, i) => ({ id: `e${i}`, from: ids[i]!, to })),
  };
}

/** start → 10 single approvals (manager, HR, people by id) → end. */
export function approvalChain(length = 10): FlowDefinition {
  const people = ['mgr', 'hr1', 'dir', 'it1', 'fin1', 'adm1', 'legal1', 'a1', 'a2', 'a3'];
  return linear('approval-chain', Array.from({ length }, (_, i) => ({
    id: `approve${i}`, type: 'approval', config: { assignees: [{ kind: 'user', id: people[i % people.length] }] },
  })));
}

/** start → parallel split → `width` tasks → parallel join → end. */
export function parallelFlow(width = 10): FlowDefinition {
  const branches = Array.from({ length: width }, (_, i) => `task${i}`);
  const people = ['a1', 'a2', 'a3', 'a4', 'hr1', 'it1', 'fin1', 'adm1', 'legal1', 'mgr'];
  return {
    kind: 'flow', key: 'parallel-10', version: 1, title: label('parallel'),
    nodes: [
      { id: 'start', type: 'start', name: label('start') },
      { id: 'split', type: 'parallel', name: label('split') },
      ...branches.map((id, i) => ({ id, type: 'task', name: label(id), config: { assignees: [{ kind: 'user', id: people[i % people.length] }] } })),
      { id: 'join', type: 'parallel', name: label('join') },
      { id: 'end', type: 'end', name: label('end') },
    ] as FlowDefinition['nodes'],
    edges: [
      { id: 'in', from: 'start', to: 'split' },
      ...branches.flatMap((id) => [{ id: `to-${id}`, from: 'split', to: id }, { id: `from-${id}`, from: id, to: 'join' }]),
      { id: 'out', from: 'join', to: 'end' },
    ],
  };
}

const OFFBOARDING_DATA = {
  employee: 'emp',
  lastWorkingDay: '2025-03-31',
  jobFamily: 'sales',
  confidential: true,
  reason: 'relocation',
  assets: [{ tag: 'LAPTOP-1', returned: true }, { tag: 'BADGE-7', returned: true }],
  customers: [{ name: 'ACME', successor: 'a1' }],
};

/** One instance from start to its end, completing the first open task each time; returns the transitions. */
function runToEnd(flow: CompiledFlow, data: Record<string, unknown>, ctx: FlowContext, instance: number): number {
  let state: FlowState = flow.start({ data, initiator: 'hr1', instanceId: `i${instance}` }, ctx).state;
  let transitions = 1;
  while (state.status === 'running') {
    const task = openTasks(state)[0];
    if (!task) throw new Error(`${flow.key}: stuck with no open task`);
    const action = task.actions.includes('approve') ? 'approve' : 'complete';
    state = flow.apply(state, { type: 'completeTask', taskId: task.id, action, by: task.assignees[0]!, comment: 'ok' }, ctx).state;
    transitions++;
  }
  if (state.status !== 'completed') throw new Error(`${flow.key} ended ${state.status}`);
  return transitions;
}

function measure(name: string, def: FlowDefinition, data: Record<string, unknown>, ms: number): BenchResult {
  const flow = compileFlow(def, createRegistry());
  let ids = 0;
  // One ctx for the whole run: the runtime builds one per command, which costs an object, not a closure per id.
  const ctx: FlowContext = { now: '2025-03-03T01:00:00.000Z', newId: (prefix) => `${prefix}-${++ids}`, directory: testDirectory };
  let instance = 0;
  const perRun = runToEnd(flow, data, ctx, instance);
  const runs = opsPerSecond(() => runToEnd(flow, data, ctx, ++instance), ms);
  const opsPerSec = runs * perRun;
  return { name: `${name} (${perRun}/run)`, opsPerSec, target: '≥ 100k/s', met: opsPerSec >= TARGET };
}

export async function benchFlows(ms = 1_500): Promise<BenchResult[]> {
  return [
    measure('flows: 10 single approvals in a chain', approvalChain(), { reason: 'x' }, ms),
    measure('flows: offboarding, start to end', offboardingFlow(), OFFBOARDING_DATA, ms),
    measure('flows: 10-way parallel split/join', parallelFlow(), {}, ms),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printResults('Flows (transitions/s in memory)', await benchFlows());
}
