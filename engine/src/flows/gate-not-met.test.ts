import { describe, expect, it } from 'vitest';
import { compileForm } from '../forms/compile-form.js';
import { createRegistry } from '../registry/create-registry.js';
import { batonErrorOf, edges, flowDef, FlowHarness, node } from './flow-test-kit.js';

// Admin affairs ticks the request's assets: the gate "every asset returned" over a sub-table.
const def = flowDef(
  [
    node('start', 'start'),
    node(
      'admin',
      'task',
      { assignees: [{ kind: 'user', id: 'adm' }], gate: { none: [{ var: 'assets' }, { '!': { var: 'returned' } }] } },
      { name: { en: 'Admin affairs: asset return', 'zh-CN': '行政：资产归还' } },
    ),
    node('end', 'end'),
  ],
  edges(['start', 'admin'], ['admin', 'end']),
);

const requestForm = compileForm(
  {
    kind: 'form', key: 'request', version: 1, title: 'Request',
    fields: [{
      key: 'assets', type: 'sub-table', label: { en: 'Assets to return', 'zh-CN': '待归还资产' },
      fields: [
        { key: 'assetId', type: 'text', label: { en: 'Asset', 'zh-CN': '资产' } },
        { key: 'returned', type: 'boolean', label: { en: 'Returned', 'zh-CN': '已归还' } },
      ],
    }],
  } as never,
  createRegistry(),
);

describe('a refused checklist gate names what blocks it', () => {
  it('lists each open row with its JSON Pointer, in both languages, under the same code', () => {
    const h = new FlowHarness(def);
    h.start({ assets: [{ assetId: 'LT-0101', returned: true }, { assetId: 'PH-0102' }] });
    const error = batonErrorOf(() => h.act('admin', 'adm', 'complete'));
    expect(error?.code).toBe('BATON_E_FLOW_GATE_NOT_MET');
    expect(error?.status).toBe(409);
    // Without form labels (no fieldLabel in the context) the ids name the fields; the step is named by its name.
    expect(error?.message).toContain('Step "Admin affairs: asset return" cannot be completed yet');
    expect(error?.message).toContain('still open: assets row 2 (PH-0102): returned');
    const [head, ...items] = error!.issues;
    expect(head).toMatchObject({ code: 'BATON_E_FLOW_GATE_NOT_MET', path: '/data/assets/1/returned' });
    expect(head!.messages['zh-CN']).toContain('步骤“行政：资产归还”还不能完成');
    expect(head!.messages['zh-CN']).toContain('未完成：assets第 2 行（PH-0102）：returned');
    expect(items.map((i) => [i.code, i.path])).toEqual([['BATON_E_FLOW_GATE_ITEM_OPEN', '/data/assets/1/returned']]);
    expect(items[0]!.messages.en).toContain('Not done yet');
    h.act('admin', 'adm', 'complete', { data: { assets: [{ assetId: 'LT-0101', returned: true }, { assetId: 'PH-0102', returned: true }] } });
    expect(h.state.status).toBe('completed');
  });

  it('names the step and the fields by their labels, in en and zh-CN, never by their ids', () => {
    const h = new FlowHarness(def);
    h.ctxExtra = { fieldLabel: ({ field, locale }) => requestForm.fieldLabel(field, locale) };
    h.start({ assets: [{ assetId: 'LT-0101', returned: true }, { assetId: 'PH-0102' }] });
    const error = batonErrorOf(() => h.act('admin', 'adm', 'complete'));
    const [head, item] = error!.issues;
    expect(head!.messages.en).toBe(
      'Step "Admin affairs: asset return" cannot be completed yet: its checklist is not finished (still open: Assets to return row 2 (PH-0102): Returned). Finish each open item, then complete the step.',
    );
    expect(head!.messages['zh-CN']).toBe('步骤“行政：资产归还”还不能完成：检查清单尚未完成（未完成：待归还资产第 2 行（PH-0102）：已归还）。请先完成每一项未完成的事项再提交。');
    expect(item!.messages.en).toBe('Not done yet: "Assets to return row 2 (PH-0102): Returned" on the checklist of step "Admin affairs: asset return" must be done before the step can be completed.');
    expect(item!.messages['zh-CN']).toBe('尚未完成：步骤“行政：资产归还”的检查清单中的“待归还资产第 2 行（PH-0102）：已归还”，完成后才能提交该步骤。');
    for (const text of [head!.messages.en, head!.messages['zh-CN'], item!.messages.en, item!.messages['zh-CN']]) {
      expect(text).not.toMatch(/\badmin\b|\bassets\b|\breturned\b/);
    }
    // The ids stay where a program looks for them: the path and the params.
    expect(item!.path).toBe('/data/assets/1/returned');
    expect(item!.params).toMatchObject({ nodeId: 'admin', field: 'assets' });
  });

  it('lets a request that lists no assets (the key left out, or null) pass the "none open" gate', () => {
    for (const data of [{}, { assets: null }, { assets: [] }]) {
      const h = new FlowHarness(def);
      h.start(data);
      h.act('admin', 'adm', 'complete');
      expect(h.state.status, JSON.stringify(data)).toBe('completed');
    }
  });
});
