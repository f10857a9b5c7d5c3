import { validateDefinition, type Locale } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { flowNames } from './flow-element-names.js';
import type { FlowBody } from './flow-graph.js';
import { flowProblemMessage, wordFlowProblems } from './flow-problem-wording.js';

const flow: FlowBody = {
  kind: 'flow',
  key: 'leave',
  version: 1,
  title: 'Leave',
  nodes: [
    { id: 'start', type: 'start', name: { en: 'Resignation submitted', 'zh-CN': '提交离职' } },
    { id: 'approval_1', type: 'approval', name: { en: 'Manager approval', 'zh-CN': '经理审批' }, config: { assignees: [] } },
    { id: 'task_1', type: 'task', name: { en: 'HR interview', 'zh-CN': 'HR 面谈' }, config: { assignees: [{ kind: 'role', role: 'hr' }] } },
    { id: 'lonely', type: 'task', name: 'Archive', config: { assignees: [{ kind: 'role', role: 'hr' }] } },
    { id: 'end_1', type: 'end', name: 'Done' },
  ],
  edges: [
    { id: 'e_1', from: 'start', to: 'approval_1' },
    { id: 'e_2', from: 'approval_1', to: 'task_1' },
    { id: 'e_3', from: 'task_1', to: 'end_1' },
    { id: 'e_4', from: 'task_1', to: 'nowhere' },
    { id: 'e_5', from: 'lonely', to: 'end_1' },
  ],
};

function worded(locale: Locale): string[] {
  const { errors } = validateDefinition(flow, { locale });
  return wordFlowProblems(errors, flow, flowNames(flow, locale)).map((i) => i.message);
}

describe('flow problems in words', () => {
  it('names nodes and connections by their titles, never by id (en)', () => {
    const messages = worded('en');
    expect(messages.length).toBeGreaterThan(2);
    expect(messages).toContain('Node ‘Manager approval’ has no assignees: add at least one person, role, department or data field.');
    expect(messages.some((m) => m.startsWith('The connection from ‘HR interview’ to ‘nowhere’ points at node'))).toBe(true);
    expect(messages.some((m) => m.includes('‘Archive’') && /reached/.test(m))).toBe(true);
    for (const m of messages) expect(m).not.toMatch(/"(approval_1|task_1|lonely|e_\d)"/);
  });

  it('names them in Chinese with Chinese quotes', () => {
    const messages = worded('zh-CN');
    expect(messages).toContain('节点“经理审批”没有处理人：请至少添加一个人员、角色、部门或数据字段。');
    expect(messages.some((m) => m.startsWith('从“HR 面谈”到“nowhere”的连线指向不存在的节点'))).toBe(true);
    for (const m of messages) expect(m).not.toMatch(/approval_1|lonely|e_\d/);
  });

  it('names the nodes of a loop and of a split listed bare, and leaves ports and fields alone', () => {
    const names = flowNames(flow, 'en');
    const loop = { code: 'BATON_E_FLOW_LOOP_WITHOUT_WAIT', path: '/nodes/1', message: 'The loop through approval_1 → task_1 has no waiting step.', params: { nodes: 'approval_1 → task_1' } };
    expect(flowProblemMessage(loop, flow, names)).toBe('The loop through ‘Manager approval’ → ‘HR interview’ has no waiting step.');
    const port = { code: 'BATON_E_FLOW_UNKNOWN_PORT', path: '/edges/1', message: 'Edge "e_2" leaves node "approval_1" through port "task_1", which that node does not have.' };
    expect(flowProblemMessage(port, flow, names)).toBe('The connection from ‘Manager approval’ to ‘HR interview’ leaves node ‘Manager approval’ through port "task_1", which that node does not have.');
    const field = { code: 'BATON_E_FLOW_UNKNOWN_FIELD', path: '/edges/1/condition', message: 'The condition of edge "e_2" reads field "lonely".' };
    expect(flowProblemMessage(field, flow, names)).toBe('The condition of the connection from ‘Manager approval’ to ‘HR interview’ reads field "lonely".');
    const bare = { code: 'X', path: '/nodes/1', message: 'Node approval_1 has no outgoing edge.', params: { nodeId: 'approval_1' } };
    expect(flowProblemMessage(bare, flow, names)).toBe('Node ‘Manager approval’ has no outgoing edge.');
  });

  it('lists connections as arrows with their labels', () => {
    const names = flowNames({ nodes: flow.nodes, edges: [{ id: 'e_9', from: 'approval_1', to: 'end_1', port: 'rejected' }] }, 'en', () => 'Rejected');
    expect(names.arrow('e_9')).toBe('‘Manager approval’ → ‘Done’ (Rejected)');
    expect(flowNames(flow, 'zh-CN').arrow('e_2')).toBe('“经理审批” → “HR 面谈”');
  });
});
