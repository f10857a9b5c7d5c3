import { compileFlow, createMemoryDirectory, createRegistry, type CreateTaskEffect, type FlowDefinition } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { runDemoScript } from './run-demo-script.js';

// A one-step flow whose step names the devices on the request by tag, like the offboarding's IT step.
const flow = compileFlow({
  kind: 'flow', key: 'demo-flow', version: 1, title: 'Demo',
  nodes: [
    { id: 'start', type: 'start', name: 'Start' },
    {
      id: 'collect', type: 'task', name: 'Collect', config: { assignees: [{ kind: 'user', id: 'it-1' }] },
      description: { en: '{#if assets.assetId.tag}Devices: {assets.assetId.tag}.{else}No devices.{/if}', 'zh-CN': '设备：{assets.assetId.tag|join:、}' },
    },
    { id: 'end', type: 'end', name: 'End' },
  ],
  edges: [{ id: 'e1', from: 'start', to: 'collect' }, { id: 'e2', from: 'collect', to: 'end' }],
} as unknown as FlowDefinition, createRegistry());
const directory = createMemoryDirectory({ users: [{ id: 'it-1', name: 'IT', roles: ['it'], attributes: {} }, { id: 'e1', name: 'Leaver', roles: [], attributes: {} }] });
const base = { trx: undefined as never, services: { timeZone: 'Asia/Shanghai' } as never, locale: 'en' as const, directory };
const script = {
  id: 'p1', path: '/seed/records/f/0', startedAt: '2026-10-12T01:30:00.000Z', initiator: 'e1',
  steps: [{ node: 'collect', action: 'complete', hours: 2 }], data: { employeeId: 'e1', assets: [{ assetId: 'A' }, { assetId: 'B' }] },
};
const assets: Record<string, { data: Record<string, unknown> }> = { A: { data: { tag: 'LT-1' } }, B: { data: { tag: 'PH-2' } } };

const stepText = (records?: (id: string) => { data: Record<string, unknown> } | undefined) => {
  const run = runDemoScript(base, flow, () => undefined, script as never, 'i-1', records);
  if ('code' in run) throw new Error(run.message);
  return (run.effects.find((e) => e.type === 'createTask') as CreateTaskEffect).task.description;
};

describe('runDemoScript with a record lookup', () => {
  it("fills a step's instructions from the related records, as the live command path does", () => {
    expect(stepText((id) => assets[id])).toEqual({ en: 'Devices: LT-1, PH-2.', 'zh-CN': '设备：LT-1、PH-2' });
  });

  it('without one, the tags cannot be read (what the replay used to write)', () => {
    expect(stepText()).toEqual({ en: 'No devices.', 'zh-CN': '设备：' });
  });
});
