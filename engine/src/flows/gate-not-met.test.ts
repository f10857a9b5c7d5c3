import { describe, expect, it } from 'vitest';
import { batonErrorOf, edges, flowDef, FlowHarness, node } from './flow-test-kit.js';

// Admin affairs ticks the request's assets: the gate "every asset returned" over a sub-table.
const def = flowDef(
  [
    node('start', 'start'),
    node('admin', 'task', { assignees: [{ kind: 'user', id: 'adm' }], gate: { none: [{ var: 'assets' }, { '!': { var: 'returned' } }] } }),
    node('end', 'end'),
  ],
  edges(['start', 'admin'], ['admin', 'end']),
);

describe('a refused checklist gate names what blocks it', () => {
  it('lists each open row with its JSON Pointer, in both languages, under the same code', () => {
    const h = new FlowHarness(def);
    h.start({ assets: [{ assetId: 'LT-0101', returned: true }, { assetId: 'PH-0102' }] });
    const error = batonErrorOf(() => h.act('admin', 'adm', 'complete'));
    expect(error?.code).toBe('BATON_E_FLOW_GATE_NOT_MET');
    expect(error?.status).toBe(409);
    expect(error?.message).toContain('for: assets #2 (PH-0102): returned');
    const [head, ...items] = error!.issues;
    expect(head).toMatchObject({ code: 'BATON_E_FLOW_GATE_NOT_MET', path: '/data/assets/1/returned' });
    expect(head!.messages['zh-CN']).toContain('未完成：assets 第 2 行 (PH-0102): returned');
    expect(items.map((i) => [i.code, i.path])).toEqual([['BATON_E_FLOW_GATE_ITEM_OPEN', '/data/assets/1/returned']]);
    expect(items[0]!.messages.en).toContain('Not done yet');
    h.act('admin', 'adm', 'complete', { data: { assets: [{ assetId: 'LT-0101', returned: true }, { assetId: 'PH-0102', returned: true }] } });
    expect(h.state.status).toBe('completed');
  });
});
