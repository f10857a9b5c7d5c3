import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../effects/domain-event.js';
import { BatonError } from '../../errors/error-catalogue.js';
import { checkFlowDefinition } from '../check-flow-definition.js';
import { compileFlow } from '../compile-flow.js';
import type { CompiledFlow } from '../compiled-flow.js';
import { FlowStateFolder, replayFlow } from '../evolve-flow-state.js';
import type { FlowCommand, FlowContext } from '../flow-command.js';
import { openTasks, type FlowState } from '../flow-state.js';
import { testDirectory, testRegistry } from '../flow-test-kit.js';
import { blockArb, buildFlow, startDataArb } from './random-flow.js';

// Fixed so a failure reproduces; override with BATON_PROPERTY_SEED. fast-check prints seed and path on failure.
const SEED = Number(process.env.BATON_PROPERTY_SEED ?? 20250303);
const NUM_RUNS = Number(process.env.BATON_PROPERTY_RUNS ?? 250);

interface Candidate { command: FlowCommand; valid: boolean }

/** Every command worth trying in this state: the possible ones, and a few that must be refused. */
function candidates(state: FlowState, pick: number): Candidate[] {
  const list: Candidate[] = [];
  for (const task of openTasks(state)) {
    const by = task.assignees[pick % task.assignees.length]!;
    for (const action of task.actions) {
      if (action === 'approve' || action === 'complete' || action === 'resubmit') {
        list.push({ command: { type: 'completeTask', taskId: task.id, action, by }, valid: true });
      } else if (action === 'reject') {
        // A rejection needs a reason: without one it is refused and changes nothing.
        list.push({ command: { type: 'completeTask', taskId: task.id, action, by, comment: 'no' }, valid: true });
        list.push({ command: { type: 'completeTask', taskId: task.id, action, by, comment: ' ' }, valid: false });
      } else if (action === 'delegate' || action === 'transfer' || action === 'add-signer-before' || action === 'add-signer-after') {
        list.push({ command: { type: 'completeTask', taskId: task.id, action, by, to: 'a4' }, valid: true });
      } else if (action === 'return') {
        // Refused when the token has no earlier wait state: either outcome is fine, the invariants must hold.
        list.push({ command: { type: 'completeTask', taskId: task.id, action, by, comment: 'again' }, valid: false });
      }
    }
    list.push({ command: { type: 'completeTask', taskId: task.id, action: 'approve', by: 'nobody' }, valid: false });
    list.push({ command: { type: 'completeTask', taskId: task.id, action: 'fly', by }, valid: false });
  }
  for (const timer of state.timers) list.push({ command: { type: 'timerFired', timerId: timer.id }, valid: true });
  const closed = state.tasks.find((t) => t.status !== 'open');
  if (closed) list.push({ command: { type: 'completeTask', taskId: closed.id, action: closed.actions[0]!, by: closed.assignees[0]! }, valid: false });
  list.push({ command: { type: 'timerFired', timerId: 'timer-unknown' }, valid: false });
  list.push({ command: { type: 'withdraw', by: 'a1' }, valid: false });
  if (pick % 17 === 0) list.push({ command: { type: 'cancel', by: 'admin', reason: 'property' }, valid: true });
  return list;
}

function checkState(state: FlowState, flow: CompiledFlow): void {
  if (state.status !== 'running') {
    expect(openTasks(state)).toEqual([]);
    expect(state.timers).toEqual([]);
    expect(state.tokens).toEqual([]);
  }
  for (const token of state.tokens) {
    if (token.waiting) expect(flow.node(token.nodeId)!.joins).toBe(true);
    for (const forkId of token.forks) {
      const fork = state.forks.find((f) => f.id === forkId);
      expect(fork, `token ${token.id} names fork ${forkId}`).toBeDefined();
      // Conservation: a fork never has more live branches than it started. A branch is a token directly
      // under it, or a nested fork (whose own tokens count against that fork).
      const branches = new Set<string>();
      for (const t of state.tokens) {
        const at = t.forks.indexOf(forkId);
        if (at >= 0) branches.add(at === t.forks.length - 1 ? t.id : t.forks[at + 1]!);
      }
      expect(branches.size).toBeLessThanOrEqual(fork!.expected);
    }
  }
}

function run(flowDef: ReturnType<typeof buildFlow>, data: Record<string, unknown>, picks: number[]): FlowState {
  expect(checkFlowDefinition(flowDef, { registry: testRegistry(), locale: 'en' })).toEqual([]);
  const flow = compileFlow(flowDef, testRegistry());
  let ids = 0;
  let clock = Date.parse('2025-03-03T01:00:00.000Z');
  const ctx = (): FlowContext => ({ now: new Date(clock).toISOString(), newId: (p) => `${p}-${++ids}`, directory: testDirectory });
  const first = flow.start({ data, initiator: 'emp', instanceId: 'p1' }, ctx());
  let state = first.state;
  const history: DomainEvent[] = [...first.events];
  const effectKeys = new Set<string>();
  const completed = new Set<string>();
  const joins = new Map<string, number>();
  const forks = new Set<string>();
  const observe = (events: DomainEvent[], effects: Array<{ key: string }>) => {
    for (const effect of effects) {
      expect(effectKeys.has(effect.key), `effect key ${effect.key} repeated`).toBe(false);
      effectKeys.add(effect.key);
    }
    for (const event of events) {
      const p = (event.payload ?? {}) as { fork?: { id: string }; joined?: string };
      if (event.type === 'task.completed') {
        expect(completed.has(event.taskId!), `task ${event.taskId} completed twice`).toBe(false);
        completed.add(event.taskId!);
      }
      if (event.type === 'node.left' && p.fork) forks.add(p.fork.id);
      if (event.type === 'node.entered' && p.joined) joins.set(p.joined, (joins.get(p.joined) ?? 0) + 1);
    }
  };
  observe(first.events, first.effects);
  checkState(state, flow);

  for (const pick of picks) {
    if (state.status !== 'running') break;
    const options = candidates(state, pick);
    const { command, valid } = options[pick % options.length]!;
    clock += 60_000;
    const before = structuredClone(state);
    let result;
    try {
      result = flow.apply(state, command, ctx());
    } catch (error) {
      expect(error, `${JSON.stringify(command)} threw a non-BatonError`).toBeInstanceOf(BatonError);
      expect(valid, `${JSON.stringify(command)} was refused: ${(error as Error).message}`).toBe(false);
      expect(isDeepStrictEqual(state, before), 'a refused command changed the state').toBe(true);
      continue;
    }
    expect(state, `apply ${JSON.stringify(command)} mutated the previous state`).toStrictEqual(before);
    expect(result.events.length).toBeGreaterThan(0);
    expect(result.state.version).toBeGreaterThan(state.version);
    expect(result.state.version).toBe(result.events.at(-1)!.seq);
    // The returned events fold the previous state into exactly the returned one...
    const folder = new FlowStateFolder(state);
    for (const event of result.events) folder.apply(event);
    expect(folder.state).toEqual(result.state);
    history.push(...result.events);
    // ...and the whole history rebuilds it from nothing.
    expect(replayFlow(history)).toEqual(result.state);
    observe(result.events, result.effects);
    state = result.state;
    checkState(state, flow);
  }
  for (const count of joins.values()) expect(count).toBe(1);
  if (state.status === 'completed') {
    // Every split was merged by its join exactly once.
    expect([...joins.keys()].sort()).toEqual([...forks].sort());
    expect(state.forks).toEqual([]);
  }
  return state;
}

describe('flow reducer properties (random valid flows, random commands)', () => {
  it('never reaches an impossible state, and replay always rebuilds it', () => {
    fc.assert(
      fc.property(blockArb, startDataArb, fc.array(fc.nat({ max: 10_000 }), { minLength: 5, maxLength: 60 }), (block, data, picks) => {
        run(buildFlow(block), { ...data }, picks);
      }),
      { seed: SEED, numRuns: NUM_RUNS, verbose: 1 },
    );
  });

  it('drives flows to completion when only approving: every split is joined once', () => {
    fc.assert(
      fc.property(blockArb, startDataArb, (block, data) => {
        // Picks that land on the first candidate of each state: approve/complete, or fire a timer.
        const end = run(buildFlow(block), { ...data }, Array.from({ length: 200 }, () => 0));
        expect(end.status).toBe('completed');
      }),
      { seed: SEED, numRuns: Math.ceil(NUM_RUNS / 2) },
    );
  });
});
