import { describe, expect, it } from 'vitest';
import { checkFlowDefinition } from './check-flow-definition.js';
import { edges, flowDef, FlowHarness, testRegistry } from './flow-test-kit.js';
import type { FlowNodeDefinition } from './flow-definition.js';

const approval: FlowNodeDefinition = { id: 'a', type: 'approval', name: 'Approve', config: { assignees: [{ kind: 'user', id: 'mgr' }] } };
const nodes: FlowNodeDefinition[] = [{ id: 's', type: 'start', name: 'Start' }, approval, { id: 'e', type: 'end', name: 'End' }];

describe('edge ports', () => {
  it('treats the catalogue\'s main output id "out" as the main output when the flow runs', () => {
    const h = new FlowHarness(flowDef(nodes, edges(['s', 'a'], ['a', 'e', { port: 'out' }])));
    h.start();
    const task = h.state.tasks.find((t) => t.status === 'open');
    expect(task).toBeDefined();
    h.apply({ type: 'completeTask', taskId: task!.id, action: 'approve', by: task!.assignees[0]! });
    expect(h.state.status).toBe('completed');
  });

  it('reports an edge that leaves through a port the node type does not declare, at its JSON path', () => {
    const def = flowDef(nodes, edges(['s', 'a'], ['a', 'e'], ['a', 'e', { port: 'declined' }]));
    const issues = checkFlowDefinition(def, { registry: testRegistry(), locale: 'zh-CN' });
    const unknown = issues.find((i) => i.code === 'BATON_E_FLOW_UNKNOWN_PORT');
    expect(unknown?.path).toBe('/edges/2/port');
    expect(unknown?.messages.en).toContain('rejected');
    expect(unknown?.message).toContain('declined');
  });
});
