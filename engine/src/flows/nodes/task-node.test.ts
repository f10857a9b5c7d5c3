import { describe, expect, it } from 'vitest';
import { issue } from '../../errors/error-catalogue.js';
import { FLOW_ERRORS } from '../flow-errors.js';
import { edges, flowDef, FlowHarness, node } from '../flow-test-kit.js';

const allReturned = { all: [{ var: 'assets' }, { '==': [{ var: 'returned' }, true] }] };

function assetFlow(extra: Partial<Parameters<typeof node>[3]> = {}) {
  const h = new FlowHarness(flowDef(
    [node('start', 'start'), node('assets', 'task', { assignees: [{ kind: 'role', role: 'admin' }], gate: allReturned }, extra), node('end', 'end')],
    edges(['start', 'assets'], ['assets', 'end']),
  ));
  h.start({ assets: [{ tag: 'L1', returned: false }], lastDay: '2025-03-31' });
  return h;
}

describe('task node', () => {
  it('opens one to-do for the role, keeping the candidate group for display', () => {
    const h = assetFlow();
    const task = h.task('assets');
    expect(task.assignees).toEqual(['adm1']);
    expect(task.candidates).toEqual(['role:admin']);
    expect(task.kind).toBe('task');
  });

  it('assigns a user named in the data', () => {
    const h = new FlowHarness(flowDef(
      [node('start', 'start'), node('t', 'task', { assignees: [{ kind: 'field', path: 'successor' }] }), node('end', 'end')],
      edges(['start', 't'], ['t', 'end']),
    ));
    h.start({ successor: 'a3' });
    expect(h.task('t').assignees).toEqual(['a3']);
  });

  it('refuses completion while the checklist gate fails, accepts once the data satisfies it', () => {
    const h = assetFlow();
    expect(() => h.act('assets', 'adm1', 'complete')).toThrow(/checklist/);
    expect(h.state.status).toBe('running');
    h.act('assets', 'adm1', 'complete', { data: { assets: [{ tag: 'L1', returned: true }] } });
    expect(h.state.status).toBe('completed');
    expect(h.state.data.assets).toEqual([{ tag: 'L1', returned: true }]);
  });

  it('merges submitted data into the instance data and reports the change', () => {
    const h = assetFlow();
    h.act('assets', 'adm1', 'complete', { data: { assets: [{ tag: 'L1', returned: true }], note: 'ok' } });
    const changed = h.events.find((e) => e.type === 'data.changed')!;
    expect(changed.previous?.note).toBeUndefined();
    expect(changed.data?.note).toBe('ok');
  });

  it('refuses changes to readonly or hidden fields, accepts them unchanged', () => {
    const h = assetFlow({ form: { access: { lastDay: 'readonly', 'assets.tag': 'readonly' } } });
    expect(() => h.act('assets', 'adm1', 'complete', { data: { lastDay: '2025-04-01', assets: [{ tag: 'L1', returned: true }] } })).toThrow(/lastDay/);
    expect(() => h.act('assets', 'adm1', 'complete', { data: { assets: [{ tag: 'L2', returned: true }] } })).toThrow(/assets.tag/);
    h.act('assets', 'adm1', 'complete', { data: { lastDay: '2025-03-31', assets: [{ tag: 'L1', returned: true }] } });
    expect(h.state.status).toBe('completed');
  });

  it('asks the validateTaskData hook and refuses with its issues', () => {
    const h = assetFlow();
    const seen: string[] = [];
    h.ctxExtra.validateTaskData = (input) => {
      seen.push(input.nodeId);
      return input.data.note === 'bad' ? [issue(FLOW_ERRORS.BATON_E_FLOW_TASK_DATA_INVALID, '/note', { taskId: 'x', count: 1 })] : [];
    };
    expect(() => h.act('assets', 'adm1', 'complete', { data: { note: 'bad' } })).toThrow(/not valid/);
    h.act('assets', 'adm1', 'complete', { data: { note: 'fine', assets: [{ tag: 'L1', returned: true }] } });
    expect(seen).toEqual(['assets', 'assets']);
  });

  it('gives the task to the initiator when nobody resolves, or skips when asked', () => {
    const give = new FlowHarness(flowDef(
      [node('start', 'start'), node('t', 'task', { assignees: [{ kind: 'role', role: 'ghost' }] }), node('end', 'end')],
      edges(['start', 't'], ['t', 'end']),
    ));
    give.start();
    expect(give.task('t').assignees).toEqual(['emp']);
    const skip = new FlowHarness(flowDef(
      [node('start', 'start'), node('t', 'task', { assignees: [{ kind: 'role', role: 'ghost' }], whenEmpty: 'skip' }), node('end', 'end')],
      edges(['start', 't'], ['t', 'end']),
    ));
    skip.start();
    expect(skip.state.status).toBe('completed');
  });

  it('with each: one task per person, moving on when all are done and checking the gate on the last', () => {
    const confirmed = { none: [{ var: 'customers' }, { '!': { var: 'confirmed' } }] };
    const h = new FlowHarness(flowDef(
      [node('start', 'start'), node('handover', 'task', { assignees: [{ kind: 'field', path: 'customers.successorId' }], each: true, gate: confirmed }), node('end', 'end')],
      edges(['start', 'handover'], ['handover', 'end']),
    ));
    h.start({ customers: [{ id: 'c1', successorId: 'a1', confirmed: false }, { id: 'c2', successorId: 'a2', confirmed: false }, { id: 'c3', successorId: 'a1', confirmed: false }] });
    expect(h.tasks('handover').map((t) => t.assignees)).toEqual([['a1'], ['a2']]);
    h.act('handover', 'a1', 'complete', { data: { customers: [
      { id: 'c1', successorId: 'a1', confirmed: true }, { id: 'c2', successorId: 'a2', confirmed: false }, { id: 'c3', successorId: 'a1', confirmed: true },
    ] } });
    expect(h.positions()).toEqual(['handover']);
    expect(h.tasks('handover').map((t) => t.assignees)).toEqual([['a2']]);
    expect(() => h.act('handover', 'a2', 'complete')).toThrow(/checklist/);
    h.act('handover', 'a2', 'complete', { data: { customers: [
      { id: 'c1', successorId: 'a1', confirmed: true }, { id: 'c2', successorId: 'a2', confirmed: true }, { id: 'c3', successorId: 'a1', confirmed: true },
    ] } });
    expect(h.state.status).toBe('completed');
  });
});
