import { describe, expect, it } from 'vitest';
import type { FormDefinition } from '../definitions/definition-types.js';
import type { CreateTaskEffect } from '../effects/effect.js';
import { edges, flowDef, node } from '../flows/flow-test-kit.js';
import type { RecordLookup } from '../rules/read-path.js';
import type { Scenario } from './scenario.js';
import { simulate } from './simulate.js';

// A request lists the assets a leaver returns (a relation to the asset records); admin affairs is told which
// devices to collect and may finish only when every row is ticked, as in the offboarding pack.
const request = {
  kind: 'form', key: 'request', version: 1, title: { en: 'Request', 'zh-CN': '申请' },
  fields: [{
    key: 'assets', type: 'sub-table', label: { en: 'Assets to return', 'zh-CN': '待归还资产' },
    fields: [
      { key: 'assetId', type: 'relation', label: { en: 'Asset', 'zh-CN': '资产' }, config: { form: 'asset', displayField: 'tag' } },
      { key: 'returned', type: 'boolean', label: { en: 'Returned', 'zh-CN': '已归还' } },
    ],
  }],
} as unknown as FormDefinition;

const flow = flowDef(
  [
    node('start', 'start'),
    node('admin', 'task', { assignees: [{ kind: 'user', id: 'adm' }], gate: { none: [{ var: 'assets' }, { '!': { var: 'returned' } }] } }, {
      name: { en: 'Admin affairs', 'zh-CN': '行政' },
      description: { en: '{#if assets.assetId.tag}Devices: {assets.assetId.tag}.{else}No devices are listed.{/if}', 'zh-CN': '{#if assets.assetId.tag}设备：{assets.assetId.tag|join:、}。{else}未列出设备。{/if}' },
    }),
    node('end', 'end'),
  ],
  edges(['start', 'admin'], ['admin', 'end']),
  { form: 'request' },
);

const scenario: Scenario = {
  name: 'leaver with a laptop',
  flow: 'test-flow',
  start: { initiator: 'emp', at: '2025-03-03T01:00:00Z', data: { assets: [{ assetId: 'asset-1', returned: false }] } },
  directory: { users: [{ id: 'emp' }, { id: 'adm' }] },
  steps: [{ complete: { node: 'admin', action: 'complete', by: 'adm' } }],
} as Scenario;

const instructions = (result: ReturnType<typeof simulate>) =>
  result.effects.filter((e): e is CreateTaskEffect => e.type === 'createTask').map((e) => e.task.description);

describe('simulate with the runtime\'s hooks', () => {
  it('reads related records through the lookup it is given, and says none are listed without one', () => {
    const asked: string[] = [];
    const records: RecordLookup = (id) => {
      asked.push(id);
      return id === 'asset-1' ? { data: { tag: 'LT-0101' } } : undefined;
    };
    expect(instructions(simulate(flow, scenario, { forms: [request], records }))).toEqual([{ en: 'Devices: LT-0101.', 'zh-CN': '设备：LT-0101。' }]);
    expect(asked).toContain('asset-1');
    expect(instructions(simulate(flow, scenario, { forms: [request] }))).toEqual([{ en: 'No devices are listed.', 'zh-CN': '未列出设备。' }]);
  });

  it('names a refused gate\'s fields by their labels and rows by their records, as the runtime does, in en and zh-CN', () => {
    const records: RecordLookup = (id) => (id === 'asset-1' ? { data: { tag: 'LT-0101' } } : undefined);
    const en = simulate(flow, scenario, { forms: [request], records }).failures[0]!;
    expect(en.code).toBe('BATON_E_SIM_COMMAND_REFUSED');
    expect(en.message).toContain('Assets to return row 1 (LT-0101): Returned');
    expect(en.issues?.map((i) => i.path)).toEqual(['/data/assets/0/returned', '/data/assets/0/returned']);
    expect(en.issues?.[1]?.message).toContain('"Assets to return row 1 (LT-0101): Returned"');
    const zh = simulate(flow, scenario, { forms: [request], locale: 'zh-CN', records }).failures[0]!;
    expect(zh.issues?.[1]?.message).toContain('待归还资产第 1 行（LT-0101）：已归还');
    // A relation cell is a record id, not what anyone knows the row by: with no record to read, "row 1" alone.
    expect(simulate(flow, scenario, { forms: [request] }).failures[0]!.message).toContain('Assets to return row 1: Returned');
    // Without the forms nothing knows the labels: the ids name the fields (the engine's documented fallback).
    expect(simulate(flow, scenario).failures[0]!.message).toContain('assets row 1 (asset-1): returned');
  });
});
