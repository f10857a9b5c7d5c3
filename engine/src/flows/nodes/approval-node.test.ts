import { describe, expect, it } from 'vitest';
import { BatonError } from '../../errors/error-catalogue.js';
import { replayFlow } from '../evolve-flow-state.js';
import { edges, flowDef, FlowHarness, node } from '../flow-test-kit.js';

const people = ['a1', 'a2', 'a3', 'a4'].map((id) => ({ kind: 'user', id }));

function approvalFlow(config: Record<string, unknown>, rejectPort = false) {
  const list = edges(['start', 'a'], ['a', 'end']);
  if (rejectPort) list.push({ id: 'rej', from: 'a', to: 'fix', port: 'rejected' }, { id: 'fixed', from: 'fix', to: 'end' });
  const nodes = [node('start', 'start'), node('a', 'approval', config), node('end', 'end')];
  if (rejectPort) nodes.push(node('fix', 'task', { assignees: [{ kind: 'initiator' }] }));
  const h = new FlowHarness(flowDef(nodes, list));
  h.start();
  return h;
}

describe('approval node modes', () => {
  it('single: one shared task; any candidate decides', () => {
    const h = approvalFlow({ assignees: [{ kind: 'role', role: 'hr' }] });
    expect(h.tasks('a')).toHaveLength(1);
    expect(h.task('a').assignees).toEqual(['hr1', 'hr2']);
    h.act('a', 'hr2');
    expect(h.state.status).toBe('completed');
  });

  it('all (countersign): waits for every approver', () => {
    const h = approvalFlow({ assignees: people.slice(0, 3), mode: 'all' });
    expect(h.tasks('a')).toHaveLength(3);
    h.act('a', 'a1');
    h.act('a', 'a3');
    expect(h.state.status).toBe('running');
    h.act('a', 'a2');
    expect(h.state.status).toBe('completed');
  });

  it('all: one rejection rejects the flow and withdraws the other tasks', () => {
    const h = approvalFlow({ assignees: people.slice(0, 3), mode: 'all' });
    h.act('a', 'a1');
    h.act('a', 'a2', 'reject', { comment: 'no budget' });
    expect(h.state.status).toBe('rejected');
    expect(h.effectsOf('cancelTask').map((e) => e.taskId)).toHaveLength(1);
    expect(h.tasks()).toHaveLength(0);
    expect(h.eventTypes()).toContain('flow.rejected');
  });

  it('any (or-sign): the first approval passes and cancels the rest', () => {
    const h = approvalFlow({ assignees: people.slice(0, 3), mode: 'any' });
    h.act('a', 'a2');
    expect(h.state.status).toBe('completed');
    expect(h.effectsOf('cancelTask')).toHaveLength(2);
  });

  it('sequential: one approver at a time, in order', () => {
    const h = approvalFlow({ assignees: people.slice(0, 3), mode: 'sequential' });
    expect(h.tasks('a').map((t) => t.assignees[0])).toEqual(['a1']);
    h.act('a', 'a1');
    expect(h.tasks('a').map((t) => t.assignees[0])).toEqual(['a2']);
    h.act('a', 'a2');
    h.act('a', 'a3');
    expect(h.state.status).toBe('completed');
  });

  it('quorum by count: passes at the count, rejects when the count can no longer be reached', () => {
    const pass = approvalFlow({ assignees: people, mode: 'quorum', quorum: { count: 2 } });
    pass.act('a', 'a1');
    expect(pass.state.status).toBe('running');
    pass.act('a', 'a4');
    expect(pass.state.status).toBe('completed');

    const fail = approvalFlow({ assignees: people, mode: 'quorum', quorum: { count: 3 } });
    fail.act('a', 'a1', 'reject');
    expect(fail.state.status).toBe('running');
    fail.act('a', 'a2', 'reject');
    expect(fail.state.status).toBe('rejected');
  });

  it('quorum by percent rounds up (75% of 4 = 3)', () => {
    const h = approvalFlow({ assignees: people, mode: 'quorum', quorum: { percent: 75 } });
    h.act('a', 'a1');
    h.act('a', 'a2');
    expect(h.state.status).toBe('running');
    h.act('a', 'a3');
    expect(h.state.status).toBe('completed');
  });

  it('reject through the "rejected" port when configured', () => {
    const h = approvalFlow({ assignees: [{ kind: 'user', id: 'mgr' }], onReject: 'port' }, true);
    h.act('a', 'mgr', 'reject');
    expect(h.state.status).toBe('running');
    expect(h.positions()).toEqual(['fix']);
    expect(h.task('fix').assignees).toEqual(['emp']);
  });

  it('when nobody resolves: rejects by default, approves only when told, and says why in the history', () => {
    const nobody = [{ kind: 'role', role: 'nobody' }];
    const byDefault = approvalFlow({ assignees: nobody });
    expect(byDefault.state.status).toBe('rejected');
    expect(byDefault.events.find((e) => e.type === 'assignee.none')).toMatchObject({ nodeId: 'a', actor: 'system', payload: { resolution: 'rejected' } });
    const skip = approvalFlow({ assignees: nobody, whenNoAssignee: 'approve' });
    expect(skip.state.status).toBe('completed');
    expect(skip.events.find((e) => e.type === 'assignee.none')).toMatchObject({ payload: { resolution: 'approved' } });
    // The old spelling still works for definitions stored before whenNoAssignee.
    expect(approvalFlow({ assignees: nobody, whenEmpty: 'approve' }).state.status).toBe('completed');
    expect(approvalFlow({ assignees: nobody, whenEmpty: 'reject' }).state.status).toBe('rejected');
  });

  it('when nobody resolves with whenNoAssignee "assign": the fallback people decide, and the history says why', () => {
    const h = approvalFlow({ assignees: [{ kind: 'manager-of', user: 'nobody-here' }], whenNoAssignee: 'assign', fallbackAssignees: [{ kind: 'role', role: 'hr' }] });
    expect(h.state.status).toBe('running');
    expect(h.task('a').assignees).toEqual(['hr1', 'hr2']);
    expect(h.events.find((e) => e.type === 'assignee.fallback')).toMatchObject({ nodeId: 'a', payload: { reason: 'nobody-resolved', via: 'fallbackAssignees', to: ['hr1', 'hr2'] } });
    h.act('a', 'hr1');
    expect(h.state.status).toBe('completed');
    // A fallback that names nobody either refuses rather than passing the step unseen.
    const empty = approvalFlow({ assignees: [{ kind: 'role', role: 'nobody' }], whenNoAssignee: 'assign', fallbackAssignees: [{ kind: 'role', role: 'none' }], onReject: 'port' }, true);
    expect(empty.positions()).toEqual(['fix']);
    expect(empty.events.find((e) => e.type === 'assignee.none')).toMatchObject({ payload: { resolution: 'rejected', fallbackEmpty: true } });
  });
});

describe('approval actions', () => {
  const chain = () => {
    const h = new FlowHarness(flowDef(
      [
        node('start', 'start'),
        node('manager', 'approval', { assignees: [{ kind: 'manager-of' }] }),
        node('hr', 'approval', { assignees: [{ kind: 'user', id: 'hr1' }] }),
        node('director', 'approval', { assignees: [{ kind: 'user', id: 'dir' }] }),
        node('end', 'end'),
      ],
      edges(['start', 'manager'], ['manager', 'hr'], ['hr', 'director'], ['director', 'end']),
    ));
    h.start({ reason: 'x' });
    return h;
  };

  it('return to the previous node, and resubmitting goes straight back to the returner', () => {
    const h = chain();
    h.act('manager', 'mgr');
    h.act('hr', 'hr1', 'return', { comment: 'check the date' });
    expect(h.positions()).toEqual(['manager']);
    expect(h.state.tokens.find((t) => t.id === 't1')!.returned).toEqual({ from: 'hr', by: 'hr1', comment: 'check the date' });
    h.act('manager', 'mgr');
    expect(h.positions()).toEqual(['hr']);
    expect(h.state.tokens.find((t) => t.id === 't1')!.returned).toBeUndefined();
    h.act('hr', 'hr1');
    h.act('director', 'dir');
    expect(h.state.status).toBe('completed');
    expect(replayFlow(h.events)).toEqual(h.state);
  });

  it('return to the initiator: they get a resubmit task with the data and resubmit to the returner', () => {
    const h = chain();
    h.act('manager', 'mgr');
    h.act('hr', 'hr1');
    h.act('director', 'dir', 'return', { to: 'start', comment: 'wrong last day' });
    expect(h.positions()).toEqual(['start']);
    const resubmit = h.task('start');
    expect(resubmit.assignees).toEqual(['emp']);
    expect(resubmit.actions).toEqual(['resubmit']);
    h.apply({ type: 'completeTask', taskId: resubmit.id, action: 'resubmit', by: 'emp', data: { reason: 'fixed' } });
    expect(h.positions()).toEqual(['director']);
    expect(h.state.data.reason).toBe('fixed');
    h.act('director', 'dir');
    expect(h.state.status).toBe('completed');
  });

  it('return to any earlier node; a node not on the path is refused', () => {
    const h = chain();
    h.act('manager', 'mgr');
    h.act('hr', 'hr1');
    const taskId = h.task('director').id;
    expect(() => h.apply({ type: 'completeTask', taskId, action: 'return', by: 'dir', to: 'end' })).toThrow(BatonError);
    h.act('director', 'dir', 'return', { to: 'manager' });
    expect(h.positions()).toEqual(['manager']);
    h.act('manager', 'mgr');
    expect(h.positions()).toEqual(['director']);
  });

  it('delegate and transfer replace the task for the new person', () => {
    const h = chain();
    h.act('manager', 'mgr', 'delegate', { to: 'dir', comment: 'on leave' });
    const delegated = h.task('manager');
    expect(delegated.assignees).toEqual(['dir']);
    expect(delegated.onBehalfOf).toBe('mgr');
    expect(h.eventTypes()).toContain('task.reassigned');
    expect(h.effectsOf('cancelTask')).toHaveLength(1);
    h.act('manager', 'dir', 'transfer', { to: 'a1' });
    expect(h.task('manager').assignees).toEqual(['a1']);
    expect(h.task('manager').onBehalfOf).toBeUndefined();
    h.act('manager', 'a1');
    expect(h.positions()).toEqual(['hr']);
    expect(replayFlow(h.events)).toEqual(h.state);
  });

  it('add a signer before: they sign first, then the task comes back', () => {
    const h = chain();
    h.act('manager', 'mgr', 'add-signer-before', { to: 'a1' });
    expect(h.tasks('manager').map((t) => t.assignees)).toEqual([['a1']]);
    h.act('manager', 'a1');
    expect(h.tasks('manager').map((t) => t.assignees)).toEqual([['mgr']]);
    h.act('manager', 'mgr');
    expect(h.positions()).toEqual(['hr']);
  });

  it('add a signer after: the node waits for them too; their rejection rejects', () => {
    const h = chain();
    h.act('manager', 'mgr', 'add-signer-after', { to: ['a1', 'a2'] });
    expect(h.positions()).toEqual(['manager']);
    expect(h.tasks('manager').map((t) => t.assignees)).toEqual([['a1', 'a2']]);
    h.act('manager', 'a2', 'reject');
    expect(h.state.status).toBe('rejected');
  });

  it('add a signer after in sequential mode goes next in line', () => {
    const h = approvalFlow({ assignees: people.slice(0, 2), mode: 'sequential' });
    h.act('a', 'a1', 'add-signer-after', { to: 'dir' });
    expect(h.tasks('a').map((t) => t.assignees)).toEqual([['dir']]);
    h.act('a', 'dir');
    expect(h.tasks('a').map((t) => t.assignees)).toEqual([['a2']]);
    h.act('a', 'a2');
    expect(h.state.status).toBe('completed');
  });

  it('limits the actions offered to the configured ones', () => {
    const h = approvalFlow({ assignees: [{ kind: 'user', id: 'mgr' }], actions: ['approve', 'reject'] });
    expect(h.task('a').actions).toEqual(['approve', 'reject']);
    expect(() => h.act('a', 'mgr', 'return')).toThrow(/not allowed/);
  });

  it('remind notifies the assignees of open tasks', () => {
    const h = chain();
    h.apply({ type: 'remind', by: 'emp', comment: 'please' });
    const notes = h.effectsOf('notify');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.to).toEqual(['mgr']);
    expect(h.eventTypes()).toEqual(['task.reminded']);
  });
});
