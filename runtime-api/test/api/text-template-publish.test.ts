import { expect, it } from 'vitest';
import { forEachDatabase } from '../harness/for-each-database.js';
import { publish } from '../harness/publish-definition.js';

type Json = Record<string, any>;

const form = {
  kind: 'form', key: 'tt-request', title: { en: 'Request', 'zh-CN': '申请' },
  fields: [{ key: 'reason', type: 'text', label: 'Reason' }, { key: 'items', type: 'sub-table', label: 'Items', fields: [{ key: 'name', type: 'text', label: 'Name' }] }],
};
const flow = (description: unknown): Json => ({
  kind: 'flow', key: 'tt-flow', title: { en: 'Flow', 'zh-CN': '流程' }, form: 'tt-request',
  nodes: [
    { id: 'start', type: 'start', name: { en: 'Start', 'zh-CN': '开始' } },
    { id: 'check', type: 'task', name: { en: 'Check', 'zh-CN': '核对' }, description, config: { assignees: [{ kind: 'role', role: 'hr' }] } },
    { id: 'end', type: 'end', name: { en: 'End', 'zh-CN': '结束' } },
  ],
  edges: [{ id: 'e1', from: 'start', to: 'check' }, { id: 'e2', from: 'check', to: 'end' }],
});
const rule = (body: unknown): Json => ({
  kind: 'rule', key: 'tt-rule', title: { en: 'Rule', 'zh-CN': '规则' }, scope: { flow: 'tt-flow' }, trigger: { type: 'flow-started' },
  actions: [{ type: 'notify', params: { to: [{ kind: 'role', role: 'hr' }], title: 'x', body } }],
});

forEachDatabase('text templates are checked when a definition is saved or published', (ctx) => {
  /** Saves and publishes; the first refusal (4xx) is returned, or undefined when both pass. */
  const attempt = async (definition: Json): Promise<Json | undefined> => {
    const saved = await ctx().call({ method: 'POST', url: '/api/definitions', payload: definition });
    if (saved.statusCode >= 400) return { status: saved.statusCode, ...saved.json() };
    const published = await ctx().call({ method: 'POST', url: `/api/definitions/${definition.kind}/${definition.key}/publish`, headers: { 'accept-language': 'zh-CN' } });
    return published.statusCode >= 400 ? { status: published.statusCode, ...published.json() } : undefined;
  };

  it('publishes a flow and a rule whose texts use sections and joins', async () => {
    await publish(ctx(), form);
    await publish(ctx(), flow({ en: '{#if items}Items: {#each items|join:, }{$item.name}{/each}.{else}No items.{/if}', 'zh-CN': '{#if items.name}明细：{items.name|join:、}。{else}无明细。{/if}' }));
    await publish(ctx(), rule({ en: '{reason}{#if items} ({items.name}){/if}', 'zh-CN': '{reason}' }));
  });

  it('refuses an unbalanced section in a node description: 422, code, JSON path, a sentence', async () => {
    const refused = await attempt(flow({ en: '{#if items}Items: {items.name}', 'zh-CN': '明细' }));
    expect(refused?.status).toBe(422);
    const issue = (refused?.error.issues as Json[]).find((i) => i.code === 'BATON_E_TEMPLATE_UNCLOSED_SECTION');
    expect(issue).toMatchObject({ path: '/nodes/1/description/en' });
    expect(issue?.message).toMatch(/\{\/if\}/);
  });

  it('refuses a node description naming no form field, and a rule text with a bad tag', async () => {
    const unknown = await attempt(flow('Items: {itemz.name}'));
    expect(unknown?.status).toBe(422);
    expect((unknown?.error.issues as Json[]).map((i) => [i.code, i.path])).toContainEqual(['BATON_E_FLOW_UNKNOWN_PLACEHOLDER', '/nodes/1/description']);
    const bad = await attempt(rule({ en: '{#unless items}none{/unless}', 'zh-CN': '{reason|upper}' }));
    expect(bad?.status).toBe(422);
    expect((bad?.error.issues as Json[]).map((i) => [i.code, i.path])).toEqual(expect.arrayContaining([
      ['BATON_E_TEMPLATE_BAD_TAG', '/actions/0/params/body/en'],
      ['BATON_E_TEMPLATE_BAD_TAG', '/actions/0/params/body/zh-CN'],
    ]));
  });
});
