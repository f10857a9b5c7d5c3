import { describe, expect, it } from 'vitest';
import { compileFlow } from './compile-flow.js';
import type { FlowDefinition } from './flow-definition.js';
import { replayFlow } from './evolve-flow-state.js';
import { batonErrorOf, edges, flowDef, FlowHarness, node, testRegistry } from './flow-test-kit.js';

const v1 = flowDef(
  [
    node('start', 'start'),
    node('manager', 'approval', { assignees: [{ kind: 'manager-of' }] }),
    node('hr', 'task', { assignees: [{ kind: 'user', id: 'hr1' }] }, { sla: { due: { amount: 1, unit: 'days' }, escalate: { action: 'notify' } } }),
    node('end', 'end'),
  ],
  edges(['start', 'manager'], ['manager', 'hr'], ['hr', 'end']),
);

describe('cancel and withdraw', () => {
  it('cancel withdraws every task and timer and ends the instance', () => {
    const h = new FlowHarness(v1);
    h.start();
    h.act('manager', 'mgr');
    h.apply({ type: 'cancel', by: 'admin', reason: 'duplicate' });
    expect(h.state.status).toBe('cancelled');
    expect(h.effectsOf('cancelTask')).toHaveLength(1);
    expect(h.effectsOf('cancelTimer')).toHaveLength(1);
    expect(h.last.events.at(-1)).toMatchObject({ type: 'flow.cancelled', actor: 'admin', payload: { reason: 'duplicate' } });
    expect(replayFlow(h.events)).toEqual(h.state);
  });

  it('only the initiator may withdraw', () => {
    const h = new FlowHarness(v1);
    h.start();
    expect(batonErrorOf(() => h.apply({ type: 'withdraw', by: 'mgr' }))?.code).toBe('BATON_E_FLOW_NOT_INITIATOR');
    h.apply({ type: 'withdraw', by: 'emp' });
    expect(h.state.status).toBe('withdrawn');
    expect(h.tasks()).toHaveLength(0);
    expect(batonErrorOf(() => h.apply({ type: 'cancel', by: 'admin' }))?.code).toBe('BATON_E_FLOW_NOT_RUNNING');
  });
});

describe('migrate', () => {
  it('moves a running instance to a newer version when its nodes still exist', () => {
    const h = new FlowHarness(v1);
    h.start();
    const v2 = compileFlow({ ...v1, version: 2, nodes: [...v1.nodes, node('audit', 'task', { assignees: [{ kind: 'user', id: 'a1' }] })],
      edges: edges(['start', 'manager'], ['manager', 'hr'], ['hr', 'audit'], ['audit', 'end']) }, testRegistry());
    h.apply({ type: 'migrate', to: v2, by: 'admin' });
    expect(h.state.flowVersion).toBe(2);
    expect(h.eventTypes()).toEqual(['flow.migrated']);
    expect(() => h.act('manager', 'mgr', 'approve')).toThrow(/version 2/);
    h.apply({ type: 'completeTask', taskId: h.task('manager').id, action: 'approve', by: 'mgr' }, v2);
    h.apply({ type: 'completeTask', taskId: h.task('hr').id, action: 'complete', by: 'hr1' }, v2);
    expect(h.positions()).toEqual(['audit']);
    expect(replayFlow(h.events)).toEqual(h.state);
  });

  it('refuses when a token would sit on a removed node, unless it is mapped', () => {
    const h = new FlowHarness(v1);
    h.start();
    const v2def: FlowDefinition = { ...v1, version: 2, nodes: [v1.nodes[0]!, node('lead', 'approval', { assignees: [{ kind: 'user', id: 'dir' }] }), v1.nodes[2]!, v1.nodes[3]!],
      edges: edges(['start', 'lead'], ['lead', 'hr'], ['hr', 'end']) };
    const v2 = compileFlow(v2def, testRegistry());
    const error = batonErrorOf(() => h.apply({ type: 'migrate', to: v2 }));
    expect(error?.code).toBe('BATON_E_FLOW_MIGRATE_REMOVED_NODE');
    expect(error?.issues[0]?.path).toBe('/nodeMapping/manager');
    expect(error?.message).toContain('manager');

    const taskId = h.task('manager').id;
    h.apply({ type: 'migrate', to: v2, nodeMapping: { manager: 'lead' } });
    expect(h.positions()).toEqual(['lead']);
    expect(h.state.tasks.find((t) => t.id === taskId)!.nodeId).toBe('lead');
    h.apply({ type: 'completeTask', taskId, action: 'approve', by: 'mgr' }, v2);
    expect(h.positions()).toEqual(['hr']);
    expect(replayFlow(h.events)).toEqual(h.state);
  });

  it('refuses a mapping onto a node of another type and a different flow', () => {
    const h = new FlowHarness(v1);
    h.start();
    const v2 = compileFlow({ ...v1, version: 2 }, testRegistry());
    expect(batonErrorOf(() => h.apply({ type: 'migrate', to: v2, nodeMapping: { manager: 'hr' } }))?.code).toBe('BATON_E_FLOW_MIGRATE_REMOVED_NODE');
    const other = compileFlow({ ...v1, key: 'other' }, testRegistry());
    expect(batonErrorOf(() => h.apply({ type: 'migrate', to: other }))?.code).toBe('BATON_E_FLOW_MIGRATE_OTHER_FLOW');
  });
});

describe('state and history', () => {
  it('versions only increase and every event carries the instance address', () => {
    const h = new FlowHarness(v1);
    h.start();
    const versions = [h.state.version];
    h.act('manager', 'mgr');
    versions.push(h.state.version);
    h.apply({ type: 'remind', by: 'emp' });
    versions.push(h.state.version);
    h.act('hr', 'hr1', 'complete');
    versions.push(h.state.version);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(new Set(versions).size).toBe(versions.length);
    for (const event of h.events) expect(event).toMatchObject({ instanceId: 'i1', flowKey: 'test-flow', at: expect.any(String) });
    expect(h.events.map((e) => e.seq)).toEqual(h.events.map((_, i) => i + 1));
  });

  it('replay at every step equals the state at that step', () => {
    const h = new FlowHarness(v1);
    h.start();
    const states = [h.state];
    h.act('manager', 'mgr');
    states.push(h.state);
    h.act('hr', 'hr1', 'complete');
    states.push(h.state);
    for (const state of states) expect(replayFlow(h.events.filter((e) => (e.seq ?? 0) <= state.version))).toEqual(state);
  });
});
