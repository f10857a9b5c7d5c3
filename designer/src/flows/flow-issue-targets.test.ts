import { validateDefinition } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { flowIssueTarget, issuesByElement } from './flow-issue-targets.js';
import type { FlowBody } from './flow-graph.js';

const flow: FlowBody = {
  kind: 'flow',
  key: 'leave',
  version: 1,
  title: 'Leave',
  nodes: [
    { id: 'start', type: 'start', name: 'Start' },
    { id: 'approve', type: 'approval', name: 'Approve', config: { assignees: [] } },
    { id: 'decide', type: 'exclusive', name: 'Decide' },
    { id: 'done', type: 'end', name: 'Done' },
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'approve' },
    { id: 'e2', from: 'approve', to: 'decide' },
    { id: 'e3', from: 'decide', to: 'done', condition: { '==': [{ var: 'x' }, 1] } },
    { id: 'e4', from: 'decide', to: 'nowhere' },
  ],
};

describe('validateDefinition issues → nodes and edges', () => {
  it('maps JSON Pointers to the element they concern', () => {
    expect(flowIssueTarget(flow, '/nodes/1/config/assignees')).toEqual({ kind: 'node', id: 'approve', base: '/nodes/1' });
    expect(flowIssueTarget(flow, '/edges/3/to')).toEqual({ kind: 'edge', id: 'e4', base: '/edges/3' });
    expect(flowIssueTarget(flow, '/nodes')).toEqual({ kind: 'flow' });
    expect(flowIssueTarget(flow, '/nodes/9')).toEqual({ kind: 'flow' });
    expect(flowIssueTarget(flow, '/title')).toEqual({ kind: 'flow' });
  });

  it('puts every problem the engine finds in this flow on a node, an edge or the flow', () => {
    const { errors } = validateDefinition(flow);
    expect(errors.length).toBeGreaterThan(0);
    const byElement = issuesByElement(flow, errors);
    // The approval has nobody to work on it; the dangling edge names a node that does not exist.
    expect(byElement.nodes.get('approve')?.length).toBeGreaterThan(0);
    expect(byElement.edges.get('e4')?.some((i) => i.path === '/edges/3/to')).toBe(true);
    const counted = [...byElement.nodes.values(), ...byElement.edges.values()].flat().length + byElement.flow.length;
    expect(counted).toBe(errors.length);
  });
  it('shows a subject problem in the flow settings and a start check\'s unknown field on the start node', () => {
    const request = { kind: 'form', key: 'request', version: 1, title: 'Request', fields: [{ key: 'employeeId', type: 'user', label: 'Employee' }, { key: 'day', type: 'date', label: 'Day' }] };
    const check = { key: 'dayNotPast', assert: { '>=': [{ var: 'day' }, { var: '$today' }] }, path: 'lastDay', message: 'Not in the past.' };
    const leaving: FlowBody = {
      kind: 'flow', key: 'leaving', version: 1, title: 'Leaving', form: 'request', subject: { field: 'day', onBehalfRoles: ['hr'] },
      nodes: [{ id: 'start', type: 'start', name: 'Start', config: { checks: [check] } }, { id: 'done', type: 'end', name: 'Done' }],
      edges: [{ id: 'e1', from: 'start', to: 'done' }],
    };
    const { errors } = validateDefinition(leaving, { resolve: (kind, key) => (kind === 'form' && key === 'request' ? request : undefined) });
    const byElement = issuesByElement(leaving, errors);
    expect(byElement.flow.map((i) => [i.code, i.path])).toEqual([['BATON_E_FLOW_SUBJECT_NOT_PERSON', '/subject/field']]);
    expect(byElement.nodes.get('start')?.map((i) => [i.code, i.path])).toEqual([['BATON_E_FLOW_START_CHECK_UNKNOWN_FIELD', '/nodes/0/config/checks/0/path']]);
  });
});
