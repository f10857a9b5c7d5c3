import { describe, expect, it } from 'vitest';
import { edges, flowDef, FlowHarness, node } from './flow-test-kit.js';

// A step's description is its task's instructions, filled from the data like a rule task's template.
function itFlow() {
  return new FlowHarness(flowDef(
    [
      node('start', 'start'),
      node('it', 'task', { assignees: [{ kind: 'role', role: 'admin' }] }, {
        description: { en: 'Disable {accounts.account} ({accounts.system}); devices {assets.assetId.tag}.', 'zh-CN': '停用 {accounts.account}' },
      }),
      node('end', 'end'),
    ],
    edges(['start', 'it'], ['it', 'end']),
  ));
}
const data = { accounts: [{ system: 'Git', account: 'hm' }, { system: 'Wiki', account: 'hm2' }], assets: [{ assetId: 'a-1' }] };

describe('step instructions', () => {
  it("fill the node's description into its task, related records read through ctx.records", () => {
    const h = itFlow();
    h.ctxExtra.records = (id) => (id === 'a-1' ? { data: { tag: 'LT-0105' } } : undefined);
    h.start(data);
    const [created] = h.effectsOf('createTask');
    expect(created?.task.description).toEqual({ en: 'Disable hm, hm2 (Git, Wiki); devices LT-0105.', 'zh-CN': '停用 hm, hm2' });
  });

  it('never print a record id when the record cannot be read (no records given), nor a misspelt path silently', () => {
    const h = itFlow();
    h.start(data);
    expect(h.effectsOf('createTask')[0]?.task.description).toMatchObject({ en: 'Disable hm, hm2 (Git, Wiki); devices .' });
    const typo = new FlowHarness(flowDef(
      [node('start', 'start'), node('t', 'task', { assignees: [{ kind: 'role', role: 'admin' }] }, { description: 'Call {nobody.name}' }), node('end', 'end')],
      edges(['start', 't'], ['t', 'end']),
    ));
    typo.start({});
    expect(typo.effectsOf('createTask')[0]?.task.description).toBe('Call {nobody.name}');
  });

  it('give a node without a description a task without one', () => {
    const h = new FlowHarness(flowDef([node('start', 'start'), node('t', 'task', { assignees: [{ kind: 'role', role: 'admin' }] }), node('end', 'end')], edges(['start', 't'], ['t', 'end'])));
    h.start({});
    expect(h.effectsOf('createTask')[0]?.task.description).toBeUndefined();
  });
});
