import { describe, expect, it } from 'vitest';
import type { FormDefinition } from '../definitions/definition-types.js';
import { edges, flowDef, node } from '../flows/flow-test-kit.js';
import { createRegistry } from '../registry/create-registry.js';
import type { RecordLookup } from '../rules/read-path.js';
import type { Scenario } from '../simulation/scenario.js';
import { simulate } from '../simulation/simulate.js';
import { compileForm } from './compile-form.js';
import { commandRelationInput, judgeRelationFilters, relationIdsToJudge } from './relation-filter.js';

// The offboarding request's asset rows: only assets the person named in `employeeId` holds may be chosen.
const requestDef = {
  kind: 'form', key: 'request', version: 1, title: 'Request',
  fields: [
    { key: 'employeeId', type: 'user', label: { en: 'Employee', 'zh-CN': '员工' } },
    {
      key: 'assets', type: 'sub-table', label: { en: 'Assets to return', 'zh-CN': '需归还的资产' },
      fields: [
        {
          key: 'assetId', type: 'relation', label: { en: 'Asset', 'zh-CN': '资产' },
          config: { form: 'asset', displayField: 'tag', filter: { and: [{ '!!': { var: 'form.employeeId' } }, { '==': [{ var: 'record.holderId' }, { var: 'form.employeeId' }] }] } },
        },
        { key: 'returned', type: 'boolean', label: { en: 'Returned', 'zh-CN': '已归还' } },
      ],
    },
  ],
} as unknown as FormDefinition;
const request = compileForm(requestDef, createRegistry());

const table: Record<string, { data: Record<string, unknown>; formKey: string }> = {
  'a-mine': { data: { tag: 'LT-0105', holderId: 'emp' }, formKey: 'asset' },
  'a-theirs': { data: { tag: 'LT-0201', holderId: 'other' }, formKey: 'asset' },
  'c-mine': { data: { name: 'Acme', holderId: 'emp' }, formKey: 'customer' },
};
const records: RecordLookup = (id) => table[id];
const judge = (data: Record<string, unknown>, previous?: Record<string, unknown>) =>
  judgeRelationFilters({ forms: [request], data, formData: data, ...(previous ? { previous } : {}) }, records, 'en');

describe('judgeRelationFilters (runtime and simulation share it)', () => {
  it('lets through a record the filter offers and refuses one it excludes, at its path, in en and zh-CN', () => {
    expect(judge({ employeeId: 'emp', assets: [{ assetId: 'a-mine' }] })).toEqual([]);
    const [refused, ...rest] = judge({ employeeId: 'emp', assets: [{ assetId: 'a-mine' }, { assetId: 'a-theirs' }] });
    expect(rest).toEqual([]);
    expect(refused).toMatchObject({ code: 'BATON_E_RELATION_NOT_ALLOWED', path: '/data/assets/1/assetId' });
    expect(refused!.messages.en).toBe('Choose another record for "Asset" (/data/assets/1/assetId): "a-theirs" is not one this field offers (its filter, e.g. records held by the person named in the form, excludes it).');
    expect(refused!.messages['zh-CN']).toContain('请为“资产”（/data/assets/1/assetId）重新选择记录');
  });

  it('refuses an id naming no record, or a record of another collection', () => {
    const issues = judge({ employeeId: 'emp', assets: [{ assetId: 'nowhere' }, { assetId: 'c-mine' }] });
    expect(issues.map((i) => i.path)).toEqual(['/data/assets/0/assetId', '/data/assets/1/assetId']);
  });

  it('judges kept values again only when what the filter reads changed', () => {
    const stored = { employeeId: 'emp', assets: [{ assetId: 'a-mine' }] };
    const renamed = { employeeId: 'other', assets: [{ assetId: 'a-mine' }] };
    expect(relationIdsToJudge({ forms: [request], data: { assets: stored.assets }, formData: stored, previous: stored })).toEqual([]);
    expect(judge(renamed, stored).map((i) => i.path)).toEqual(['/data/assets/0/assetId']);
  });

  it('reads a task submission as the runtime does: the keys it touched, on the data after the step', () => {
    const before = { data: { employeeId: 'emp', assets: [] }, tasks: [{ id: 't1', formKey: undefined }] } as never;
    const after = { data: { employeeId: 'emp', assets: [{ assetId: 'a-theirs' }] } } as never;
    const input = commandRelationInput({ type: 'completeTask', taskId: 't1', action: 'complete', by: 'it1', data: { assets: [{ assetId: 'a-theirs' }] } }, before, after, () => request);
    expect(judgeRelationFilters(input!, records, 'en').map((i) => i.path)).toEqual(['/data/assets/0/assetId']);
    expect(commandRelationInput({ type: 'cancel', by: 'x' }, before, after, () => request)).toBeUndefined();
  });
});

describe('simulate judges relation filters over its records, as the runtime does', () => {
  const flow = flowDef(
    [node('start', 'start'), node('admin', 'task', { assignees: [{ kind: 'user', id: 'adm' }] }), node('end', 'end')],
    edges(['start', 'admin'], ['admin', 'end']),
    { form: 'request' },
  );
  const scenario = (assetId: string, stepAsset?: string): Scenario => ({
    name: 'leaver', flow: 'test-flow',
    start: { initiator: 'emp', at: '2025-03-03T01:00:00Z', data: { employeeId: 'emp', assets: [{ assetId }] } },
    directory: { users: [{ id: 'emp' }, { id: 'adm' }, { id: 'other' }] },
    steps: stepAsset ? [{ complete: { node: 'admin', action: 'complete', by: 'adm', data: { assets: [{ assetId: 'a-mine', returned: true }, { assetId: stepAsset }] } } }] : [],
  }) as Scenario;

  it('refuses a start naming another employee\'s asset with the runtime\'s code, at the field', () => {
    const [failure] = simulate(flow, scenario('a-theirs'), { forms: [requestDef], records, locale: 'zh-CN' }).failures;
    expect(failure).toMatchObject({ path: '/start', code: 'BATON_E_SIM_COMMAND_REFUSED', actual: 'BATON_E_RELATION_NOT_ALLOWED' });
    expect(failure!.issues).toEqual([expect.objectContaining({ code: 'BATON_E_RELATION_NOT_ALLOWED', path: '/data/assets/0/assetId' })]);
    expect(failure!.issues![0]!.message).toContain('请为“资产”（/data/assets/0/assetId）重新选择记录：“a-theirs”不在可选范围内');
  });

  it('refuses a step that adds one, and runs on with the leaver\'s own', () => {
    const refused = simulate(flow, scenario('a-mine', 'a-theirs'), { forms: [requestDef], records });
    expect(refused.failures.map((f) => [f.path, f.actual, f.issues?.map((i) => i.path)])).toEqual([['/steps/0/complete', 'BATON_E_RELATION_NOT_ALLOWED', ['/data/assets/1/assetId']]]);
    expect(refused.finalState.status).toBe('running');
    const accepted = simulate(flow, scenario('a-mine', 'a-mine'), { forms: [requestDef], records });
    expect(accepted.failures).toEqual([]);
    expect(accepted.finalState.status).toBe('completed');
    // Without records the run cannot tell a record from a typo: it judges nothing.
    expect(simulate(flow, scenario('a-theirs'), { forms: [requestDef] }).failures).toEqual([]);
  });
});
