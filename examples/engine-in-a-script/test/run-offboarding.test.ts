import { BatonError, compileFlow, createRegistry, type FlowContext } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { directory, leaveFlow, runOffboarding } from '../src/run-offboarding.js';

describe('the engine in a plain script', () => {
  it('runs a leave notice from start to end and reports the path and effects', () => {
    const lines: string[] = [];
    const { state, path, effects } = runOffboarding((line) => lines.push(line));
    expect(state.status).toBe('completed');
    expect(path).toEqual(['start', 'manager', 'it', 'end']);
    expect(state.data).toMatchObject({ lastWorkingDay: '2025-03-31', laptopReturned: true });
    const created = effects.filter((e) => e.type === 'createTask');
    expect(created.map((e) => e.type === 'createTask' && e.task.assignees)).toEqual([['boss'], ['it1']]);
    expect(lines[0]).toBe('valid: form leave-notice@1');
    expect(lines.at(-1)).toBe('path: start → manager → it → end');
  });

  it('is deterministic: the same script gives the same effects, keys included', () => {
    expect(runOffboarding().effects).toEqual(runOffboarding().effects);
  });

  it('refuses to complete the IT task while its gate fails', () => {
    const flow = compileFlow(leaveFlow, createRegistry());
    let n = 0;
    const ctx: FlowContext = { now: '2025-03-03T01:00:00.000Z', newId: (p) => `${p}-${++n}`, directory };
    let t = flow.start({ data: { lastWorkingDay: '2025-03-31' }, initiator: 'emp', instanceId: 'x' }, ctx);
    t = flow.apply(t.state, { type: 'completeTask', taskId: t.state.tasks[0]!.id, action: 'approve', by: 'boss' }, ctx);
    const itTask = t.state.tasks.find((task) => task.nodeId === 'it')!;
    expect(() => flow.apply(t.state, { type: 'completeTask', taskId: itTask.id, action: 'complete', by: 'it1' }, ctx)).toThrow(BatonError);
  });
});
