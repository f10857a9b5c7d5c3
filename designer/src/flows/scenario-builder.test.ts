import { simulate, type FlowDefinition } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { defaultScenario, highlights, stepsForOpenTasks, toScenario } from './scenario-builder.js';

const flow: FlowDefinition = {
  kind: 'flow',
  key: 'leave',
  version: 1,
  title: 'Leave',
  nodes: [
    { id: 'start', type: 'start', name: 'Start' },
    { id: 'mgr', type: 'approval', name: 'Manager', config: { assignees: [{ kind: 'manager-of' }] } },
    { id: 'hr', type: 'task', name: 'HR', config: { assignees: [{ kind: 'role', role: 'hr' }] } },
    { id: 'gw', type: 'exclusive', name: 'Long?' },
    { id: 'ceo', type: 'approval', name: 'CEO', config: { assignees: [{ kind: 'user', id: 'boss' }] } },
    { id: 'end', type: 'end', name: 'End' },
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'mgr' },
    { id: 'e2', from: 'mgr', to: 'hr' },
    { id: 'e3', from: 'hr', to: 'gw' },
    { id: 'e4', from: 'gw', to: 'ceo', condition: { '>': [{ var: 'days' }, 10] } },
    { id: 'e5', from: 'gw', to: 'end', default: true },
    { id: 'e6', from: 'ceo', to: 'end' },
  ],
};

describe('simulation scenarios built for the analyst', () => {
  it('makes up an organisation in which every assignee resolves', () => {
    const draft = defaultScenario(flow);
    const ids = draft.users.map((u) => u.id);
    expect(ids).toEqual(expect.arrayContaining(['initiator', 'manager', 'hr-person', 'boss']));
    expect(draft.users.find((u) => u.id === 'hr-person')!.roles).toEqual(['hr']);
  });

  it('runs to the end by completing each open task in turn, and shows the branch never taken', () => {
    const draft = { ...defaultScenario(flow), data: { days: 3 } };
    let steps = draft.steps;
    let result = simulate(flow, toScenario(flow, { ...draft, steps }));
    for (let round = 0; round < 10; round++) {
      const more = stepsForOpenTasks(result);
      if (more.length === 0) break;
      steps = [...steps, ...more];
      result = simulate(flow, toScenario(flow, { ...draft, steps }));
    }
    expect(result.failures).toEqual([]);
    expect(result.finalState.status).toBe('completed');
    expect(steps).toEqual([
      { complete: { node: 'mgr', action: 'approve', by: 'manager' } },
      { complete: { node: 'hr', action: 'complete', by: 'hr-person' } },
    ]);
    const lit = highlights(flow, result);
    expect(lit.nodes.get('mgr')).toBe('visited');
    expect(lit.nodes.get('ceo')).toBe('unvisited');
    expect(lit.edges.get('e5')).toBe('covered');
    expect(lit.edges.get('e4')).toBe('uncovered-branch');
    expect(lit.edges.get('e6')).toBe('uncovered');
  });

  it('marks where the run waits', () => {
    const result = simulate(flow, toScenario(flow, defaultScenario(flow)));
    expect(highlights(flow, result).nodes.get('mgr')).toBe('current');
  });
});
