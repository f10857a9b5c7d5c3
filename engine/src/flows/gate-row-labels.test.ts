import { describe, expect, it } from 'vitest';
import { compileForm } from '../forms/compile-form.js';
import { createRegistry } from '../registry/create-registry.js';
import type { RecordLookup } from '../rules/read-path.js';
import { flowFieldLabels, flowRowLabels } from './flow-field-labels.js';
import { batonErrorOf, edges, flowDef, FlowHarness, node } from './flow-test-kit.js';

// The offboarding request's shape: asset rows hold a relation to the asset records (the cell is the record
// id, the picker shows the tag), account rows plain text. The IT step's gate wants both ticked.
const request = compileForm(
  {
    kind: 'form', key: 'request', version: 1, title: 'Request',
    fields: [
      {
        key: 'assets', type: 'sub-table', label: { en: 'Assets to return', 'zh-CN': '需归还的资产' },
        fields: [
          { key: 'assetId', type: 'relation', label: { en: 'Asset', 'zh-CN': '资产' }, config: { form: 'asset', displayField: 'tag' } },
          { key: 'note', type: 'text', label: { en: 'Note', 'zh-CN': '备注' } },
          { key: 'returned', type: 'boolean', label: { en: 'Returned', 'zh-CN': '已归还' } },
        ],
      },
      {
        key: 'accounts', type: 'sub-table', label: { en: 'Accounts to disable', 'zh-CN': '需停用的账号' },
        fields: [
          { key: 'system', type: 'text', label: { en: 'System', 'zh-CN': '系统' } },
          { key: 'disabled', type: 'boolean', label: { en: 'Disabled', 'zh-CN': '已停用' } },
        ],
      },
    ],
  } as never,
  createRegistry(),
);

const gate = { and: [{ none: [{ var: 'assets' }, { '!': { var: 'returned' } }] }, { all: [{ var: 'accounts' }, { var: 'disabled' }] }] };
const def = flowDef(
  [node('start', 'start'), node('it', 'task', { assignees: [{ kind: 'user', id: 'it1' }], gate }, { name: { en: 'IT', 'zh-CN': 'IT' } }), node('end', 'end')],
  edges(['start', 'it'], ['it', 'end']),
);

const assets: Record<string, { data: Record<string, unknown>; formKey?: string }> = {
  'rec-lt-0105': { data: { tag: 'LT-0105', holderId: 'emp' }, formKey: 'asset' },
  'rec-mn-0106': { data: { tag: 'MN-0106', holderId: 'emp' }, formKey: 'asset' },
  'rec-cust-1': { data: { name: 'Acme', tag: 'NOT-AN-ASSET' }, formKey: 'customer' },
};

function refusal(records: RecordLookup | undefined, data: Record<string, unknown>) {
  const h = new FlowHarness(def);
  const formOf = () => request;
  h.ctxExtra = { fieldLabel: flowFieldLabels(formOf), rowLabel: flowRowLabels(formOf), ...(records ? { records } : {}) };
  h.start(data);
  const error = batonErrorOf(() => h.act('it', 'it1', 'complete'));
  expect(error?.code).toBe('BATON_E_FLOW_GATE_NOT_MET');
  return error!;
}

describe('a refused gate names sub-table rows as people see them', () => {
  it('names a relation row by its record\'s display value (the asset tag), never by the record id, in en and zh-CN', () => {
    const asked: string[] = [];
    const records: RecordLookup = (id) => (asked.push(id), assets[id]);
    const error = refusal(records, { assets: [{ assetId: 'rec-lt-0105', note: 'charger missing' }, { assetId: 'rec-mn-0106', returned: true }], accounts: [{ system: 'Git' }] });
    const [head, ...items] = error.issues;
    expect(head!.messages.en).toContain('still open: Assets to return row 1 (LT-0105): Returned; Accounts to disable row 1 (Git): Disabled');
    expect(head!.messages['zh-CN']).toContain('未完成：需归还的资产第 1 行（LT-0105）：已归还；需停用的账号第 1 行（Git）：已停用');
    expect(items.map((i) => [i.path, i.messages.en.includes('(LT-0105)') || i.messages.en.includes('(Git)')])).toEqual([['/data/assets/0/returned', true], ['/data/accounts/0/disabled', true]]);
    for (const text of [head!.messages.en, head!.messages['zh-CN'], ...items.map((i) => i.messages.en)]) expect(text).not.toContain('rec-lt-0105');
    expect(asked).toContain('rec-lt-0105');
  });

  it('falls back to the first text cell, then to the row number alone, when the record is not known', () => {
    const noRecords = refusal(undefined, { assets: [{ assetId: 'rec-lt-0105', note: 'charger missing' }, { assetId: 'rec-mn-0106' }], accounts: [] });
    expect(noRecords.issues[0]!.messages.en).toContain('Assets to return row 1 (charger missing): Returned; Assets to return row 2: Returned');
    expect(noRecords.issues[0]!.messages['zh-CN']).toContain('需归还的资产第 2 行：已归还');
    expect(noRecords.message).not.toContain('rec-mn-0106');
  });

  it('does not name a row by a record of another collection than the relation\'s', () => {
    const error = refusal((id) => assets[id], { assets: [{ assetId: 'rec-cust-1' }], accounts: [] });
    expect(error.issues[0]!.messages.en).toContain('Assets to return row 1: Returned');
  });

  it('without forms, a cell naming a known record still reads as that record, else as the first text cell', () => {
    const h = new FlowHarness(def);
    h.ctxExtra = { records: (id) => assets[id] };
    h.start({ assets: [{ assetId: 'rec-lt-0105' }], accounts: [{ system: 'CRM' }] });
    const error = batonErrorOf(() => h.act('it', 'it1', 'complete'))!;
    expect(error.message).toContain('assets row 1 (LT-0105): returned; accounts row 1 (CRM): disabled');
  });
});
