import { describe, expect, it } from 'vitest';
import { createMemoryDirectory } from '../directory/directory.js';
import { BatonError } from '../errors/error-catalogue.js';
import { replayFlow } from './evolve-flow-state.js';
import { edges, flowDef, FlowHarness, node } from './flow-test-kit.js';
import { handOverPlan } from './hand-over-task.js';

const person = (id: string, managerId?: string, leaveDate?: string) => ({
  id, name: id, roles: [], attributes: {}, ...(managerId ? { managerId } : {}), ...(leaveDate ? { leaveDate } : {}),
});

// a reports to b, b to c; "gone" left with nobody above.
const before = createMemoryDirectory({ users: [person('a', 'b'), person('b', 'c'), person('c'), person('gone')] });
const after = createMemoryDirectory({ users: [person('a', 'b', '2025-03-02'), person('b', 'c', '2025-03-01'), person('c'), person('gone', undefined, '2025-03-01')] });

const def = flowDef(
  [node('start', 'start'), node('approve', 'approval', { assignees: [{ kind: 'field', path: 'approver' }] }), node('end', 'end')],
  edges(['start', 'approve'], ['approve', 'end']),
  { timeZone: 'Asia/Shanghai' },
);

function started(approver: string): FlowHarness {
  const h = new FlowHarness(def);
  h.ctxExtra = { directory: before };
  h.now = '2025-03-01T01:00:00.000Z';
  h.start({ approver });
  h.ctxExtra = { directory: after };
  return h;
}

function refusal(run: () => unknown): string | undefined {
  try {
    run();
  } catch (err) {
    if (err instanceof BatonError) return err.code;
    throw err;
  }
  return undefined;
}

describe('handing over an open task whose assignees left', () => {
  it('plans nothing while nobody on the task left (their leave date is still a working day)', () => {
    expect(handOverPlan(['a'], after, '2025-03-02')).toBeUndefined();
    expect(handOverPlan(['c'], after, '2025-03-05')).toBeUndefined();
    expect(handOverPlan([], after, '2025-03-05')).toBeUndefined();
    expect(handOverPlan(['a'], after, '2025-03-03')).toEqual({
      to: ['c'],
      replacements: [{ from: 'a', to: 'c', presence: 'left', leaveDate: '2025-03-02', spec: 'open-task' }],
      removals: [],
    });
    // Shared with someone still here: the leaver is only dropped (hand-over-shared-task.test.ts).
    expect(handOverPlan(['a', 'c'], after, '2025-03-05')).toEqual({
      to: ['c'], replacements: [], removals: [{ from: 'a', presence: 'left', leaveDate: '2025-03-02', coveredBy: 'assignees' }],
    });
  });

  it('moves the task to the nearest present manager, as system, with the reason in the history', () => {
    const h = started('a');
    const old = h.task('approve', 'a');
    h.now = '2025-03-03T01:00:00.000Z';
    const t = h.apply({ type: 'handOverTask', taskId: old.id });
    expect(h.tasks('approve').map((x) => x.assignees)).toEqual([['c']]);
    expect(t.events.map((e) => e.type)).toEqual(['assignee.replaced', 'task.reassigned']);
    expect(t.events[0]).toMatchObject({ actor: 'system', taskId: old.id, payload: { from: 'a', to: 'c', spec: 'open-task', taskId: old.id } });
    expect(t.events[1]).toMatchObject({ payload: { from: old.id, reason: 'left', by: 'system' } });
    expect(t.effects.find((e) => e.type === 'notify')).toMatchObject({ to: ['c'] });
    expect(replayFlow(h.events)).toEqual(h.state);
    // The new assignee completes it as usual.
    h.apply({ type: 'completeTask', taskId: h.task('approve', 'c').id, action: 'approve', by: 'c' });
    expect(h.state.status).toBe('completed');
  });

  it('refuses, recording nothing, when someone is still here or nobody present is found', () => {
    const h = started('a');
    h.now = '2025-03-02T01:00:00.000Z';
    expect(refusal(() => h.apply({ type: 'handOverTask', taskId: h.task('approve').id }))).toBe('BATON_E_FLOW_HANDOVER_NOT_NEEDED');
    const alone = started('gone');
    alone.now = '2025-03-03T01:00:00.000Z';
    expect(refusal(() => alone.apply({ type: 'handOverTask', taskId: alone.task('approve').id }))).toBe('BATON_E_FLOW_HANDOVER_NOBODY');
    expect(alone.tasks('approve').map((x) => x.assignees)).toEqual([['gone']]);
  });
});
