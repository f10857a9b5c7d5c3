import { validateDefinition } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { addNode, connect, connectTargets, copySelection, outgoingEdges, paste, removeElements, renameNode, setPositions, type FlowBody } from './flow-graph.js';

const empty: FlowBody = { kind: 'flow', key: 'f', version: 1, title: 'F', nodes: [] as unknown as FlowBody['nodes'], edges: [] };

function threeNodes() {
  let def = addNode(empty, 'start', 'Start', { x: 0, y: 0 }).def;
  const approval = addNode(def, 'approval', 'Approve', { x: 200.4, y: 0 }, { assignees: [{ kind: 'initiator' }] });
  def = approval.def;
  def = addNode(def, 'end', 'End', { x: 400, y: 0 }).def;
  def = connect(def, 'start_1', 'out', 'approval_1').def;
  def = connect(def, 'approval_1', null, 'end_1').def;
  return { def: def as FlowBody, approvalId: approval.id };
}

describe('flow editing operations', () => {
  it('adds nodes with unique identifier ids and connects them into a flow the engine accepts', () => {
    const { def, approvalId } = threeNodes();
    expect(def.nodes.map((x) => x.id)).toEqual(['start_1', 'approval_1', 'end_1']);
    expect(approvalId).toBe('approval_1');
    expect(def.nodes[1]!.position).toEqual({ x: 200, y: 0 });
    expect(def.edges).toEqual([
      { id: 'e_1', from: 'start_1', to: 'approval_1' },
      { id: 'e_2', from: 'approval_1', to: 'end_1' },
    ]);
    expect(validateDefinition(def).errors).toEqual([]);
    expect(addNode(def, 'acme/e-sign@2', 'Sign', { x: 0, y: 0 }).id).toBe('acme_e_sign_1');
  });

  it('stores a named port and refuses self-loops and duplicate edges', () => {
    const { def } = threeNodes();
    const rejected = connect(def, 'approval_1', 'rejected', 'end_1');
    expect(rejected.def.edges.at(-1)).toEqual({ id: 'e_3', from: 'approval_1', to: 'end_1', port: 'rejected' });
    expect(connect(def, 'end_1', 'out', 'end_1').id).toBeNull();
    expect(connect(def, 'start_1', 'out', 'approval_1').id).toBeNull();
  });

  it('deletes a node with its edges', () => {
    const { def } = threeNodes();
    const next = removeElements(def, ['approval_1'], []);
    expect(next.nodes.map((x) => x.id)).toEqual(['start_1', 'end_1']);
    expect(next.edges).toEqual([]);
    expect(removeElements(def, [], ['e_1']).edges.map((e) => e.id)).toEqual(['e_2']);
  });

  it('renames a node and the edges naming it; refuses a taken or invalid id', () => {
    const { def } = threeNodes();
    const renamed = renameNode(def, 'approval_1', 'managerApproval');
    expect(renamed.edges.map((e) => [e.from, e.to])).toEqual([
      ['start_1', 'managerApproval'],
      ['managerApproval', 'end_1'],
    ]);
    expect(renameNode(def, 'approval_1', 'end_1')).toBe(def);
    expect(renameNode(def, 'approval_1', '1bad')).toBe(def);
  });

  it('copies nodes with the edges between them and pastes them with fresh ids', () => {
    const { def } = threeNodes();
    const clip = copySelection(def, ['approval_1', 'end_1']);
    expect(clip.edges.map((e) => e.id)).toEqual(['e_2']);
    const pasted = paste(def, clip, { x: 40, y: 40 });
    expect(pasted.nodeIds).toEqual(['approval_2', 'end_2']);
    expect(pasted.def.edges.at(-1)).toEqual({ id: 'e_3', from: 'approval_2', to: 'end_2' });
    expect(pasted.def.nodes.find((x) => x.id === 'approval_2')!.position).toEqual({ x: 240, y: 40 });
    // The copy is independent of the original.
    (clip.nodes[0]!.config as { assignees: unknown[] }).assignees.push({ kind: 'role', role: 'x' });
    expect((def.nodes[1]!.config as { assignees: unknown[] }).assignees).toHaveLength(1);
  });

  it('moves nodes to rounded positions', () => {
    const { def } = threeNodes();
    expect(setPositions(def, new Map([['end_1', { x: 10.6, y: -3.2 }]])).nodes[2]!.position).toEqual({ x: 11, y: -3 });
  });

  it('offers the nodes a connection may go to, marking itself and those this port already leads to', () => {
    const { def } = threeNodes();
    const hasInput = (n: { type: string }) => n.type !== 'start';
    // The start has no input: never a target. The approval already leads to the end through its main port.
    expect(connectTargets(def, 'approval_1', 'out', hasInput)).toEqual([{ id: 'approval_1', refused: 'self' }, { id: 'end_1', refused: 'connected' }]);
    // Through its "rejected" port nothing leads anywhere yet.
    expect(connectTargets(def, 'approval_1', 'rejected', hasInput)).toEqual([{ id: 'approval_1', refused: 'self' }, { id: 'end_1' }]);
    const rejected = connect(def, 'approval_1', 'rejected', 'end_1');
    expect(rejected.id).toBe('e_3');
    expect(outgoingEdges(rejected.def, 'approval_1').map((e) => [e.to, e.port])).toEqual([['end_1', undefined], ['end_1', 'rejected']]);
    // A target the menu marks as refused is refused by connect too (the same rule as a drag).
    expect(connect(rejected.def, 'approval_1', 'rejected', 'end_1').id).toBeNull();
    expect(connect(def, 'approval_1', 'out', 'approval_1').id).toBeNull();
  });
});
