import { describe, expect, it } from 'vitest';
import { batonErrorOf, edges, flowDef, FlowHarness, node } from './flow-test-kit.js';

// A manager step (default: reject and return need a reason) and an HR step that relaxes return.
const def = flowDef(
  [
    node('start', 'start'),
    node('manager', 'approval', { assignees: [{ kind: 'manager-of' }] }),
    node('hr', 'approval', { assignees: [{ kind: 'user', id: 'hr1' }], commentRequired: ['reject'] }),
    node('end', 'end'),
  ],
  edges(['start', 'manager'], ['manager', 'hr'], ['hr', 'end']),
);

function started(): FlowHarness {
  const h = new FlowHarness(def);
  h.start();
  return h;
}

describe('a reason is required to reject or return', () => {
  it('refuses a return or rejection without a comment (or a blank one) at /comment, in both languages, and changes nothing', () => {
    const h = started();
    const taskId = h.task('manager', 'mgr').id;
    for (const [action, comment] of [['return', undefined], ['reject', '   ']] as const) {
      const before = h.state;
      const err = batonErrorOf(() => h.apply({ type: 'completeTask', taskId, action, by: 'mgr', ...(comment !== undefined ? { comment } : {}) }));
      expect(err?.code).toBe('BATON_E_FLOW_COMMENT_REQUIRED');
      expect(err?.issues[0]?.path).toBe('/comment');
      expect(err?.issues[0]?.messages['zh-CN']).toMatch(/理由/);
      expect(h.state).toBe(before);
    }
    h.apply({ type: 'completeTask', taskId, action: 'return', by: 'mgr', comment: 'add the handover items' });
    expect(h.positions()).toEqual(['start']);
  });

  it('a node may relax it: hr returns without a reason but must still give one to reject', () => {
    const h = started();
    h.act('manager', 'mgr', 'approve');
    const taskId = h.task('hr', 'hr1').id;
    expect(batonErrorOf(() => h.apply({ type: 'completeTask', taskId, action: 'reject', by: 'hr1' }))?.code).toBe('BATON_E_FLOW_COMMENT_REQUIRED');
    h.apply({ type: 'completeTask', taskId, action: 'return', by: 'hr1', to: 'manager' });
    expect(h.positions()).toEqual(['manager']);
  });
});

describe('a step may keep its work within the people it was offered to', () => {
  const interview = (handOverTo?: 'candidates') => flowDef(
    [
      node('start', 'start'),
      node('hr', 'approval', { assignees: [{ kind: 'role', role: 'hr' }], actions: ['approve', 'delegate', 'transfer', 'add-signer-after'], ...(handOverTo ? { handOverTo } : {}) }),
      node('end', 'end'),
    ],
    edges(['start', 'hr'], ['hr', 'end']),
  );

  it('handOverTo "candidates": delegate, transfer and add-signer name only holders of the role, at /to or /to/i', () => {
    const h = new FlowHarness(interview('candidates'));
    h.start();
    const taskId = h.task('hr', 'hr1').id;
    for (const [action, to, path] of [['delegate', 'emp', '/to'], ['transfer', 'it1', '/to'], ['add-signer-after', ['hr2', 'a1'], '/to/1']] as const) {
      const err = batonErrorOf(() => h.apply({ type: 'completeTask', taskId, action, by: 'hr1', to: to as string | string[] }));
      expect(err?.code, action).toBe('BATON_E_FLOW_TARGET_NOT_CANDIDATE');
      expect(err?.issues[0]?.path).toBe(path);
      expect(err?.issues[0]?.messages.en).toContain('role:hr');
    }
    h.apply({ type: 'completeTask', taskId, action: 'delegate', by: 'hr1', to: 'hr2' });
    expect(h.task('hr', 'hr2').assignees).toEqual(['hr2']);
  });

  it('by default anyone may be named', () => {
    const h = new FlowHarness(interview());
    h.start();
    h.apply({ type: 'completeTask', taskId: h.task('hr', 'hr1').id, action: 'delegate', by: 'hr1', to: 'emp' });
    expect(h.task('hr', 'emp').assignees).toEqual(['emp']);
  });
});
