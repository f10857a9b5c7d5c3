import { describe, expect, it } from 'vitest';
import type { SemanticCheckContext } from '../definitions/semantic-check-context.js';
import { checkFlowDefinition } from './check-flow-definition.js';
import { edges, flowDef, node, offboardingForm, testRegistry } from './flow-test-kit.js';

const hr = { assignees: [{ kind: 'role', role: 'hr' }] };
const ctx = (resolve = true): SemanticCheckContext => ({
  registry: testRegistry(), locale: 'zh-CN',
  ...(resolve ? { resolve: (kind: string, key: string) => (kind === 'form' && key === 'offboarding-request' ? offboardingForm : undefined) } : {}),
});
const withDescription = (description: unknown) =>
  flowDef([node('s', 'start'), node('it', 'task', hr, { description } as never), node('e', 'end')], edges(['s', 'it'], ['it', 'e']), { form: 'offboarding-request' });

describe('node texts (descriptions, action notices) are checked as text templates when the flow is published', () => {
  it('accepts sections over the form fields, with $item inside each', () => {
    const text = { en: 'Devices{#if assets}: {#each assets|join:, }{$item.tag}{/each}{else}: none{/if}. {employee.name}', 'zh-CN': '设备：{assets.tag|join:、}' };
    expect(checkFlowDefinition(withDescription(text), ctx())).toEqual([]);
  });

  it('refuses unbalanced sections with the code, the locale path and a sentence', () => {
    const issues = checkFlowDefinition(withDescription({ en: 'ok', 'zh-CN': '设备{#if assets}：{assets.tag}' }), ctx(false));
    expect(issues.map((i) => [i.code, i.path])).toEqual([['BATON_E_TEMPLATE_UNCLOSED_SECTION', '/nodes/1/description/zh-CN']]);
    expect(issues[0]!.message).toBe('段落 {#if assets} 没有结束：请在同一段文字中用 {/if} 结束它。');
  });

  it('refuses placeholders that name no form field, including $item outside an each section', () => {
    const issues = checkFlowDefinition(withDescription('Collect {asets.tag}{#if $item}x{/if}'), ctx());
    expect(issues.map((i) => [i.code, i.path, i.params?.placeholder])).toEqual([
      ['BATON_E_FLOW_UNKNOWN_PLACEHOLDER', '/nodes/1/description', 'asets.tag'],
      ['BATON_E_FLOW_UNKNOWN_PLACEHOLDER', '/nodes/1/description', '$item'],
    ]);
    expect(issues[0]!.messages.en).toContain('use a field key (e.g. employee)');
  });

  it("checks an action node's notice title and body the same way", () => {
    const notify = { effects: [{ type: 'notify', to: [{ kind: 'role', role: 'hr' }], title: '{#each assets}{$item.tag}', body: { en: 'Reason: {reasn}', 'zh-CN': '原因：{reason}' } }] };
    const def = flowDef([node('s', 'start'), node('n', 'action', notify), node('e', 'end')], edges(['s', 'n'], ['n', 'e']), { form: 'offboarding-request' });
    expect(checkFlowDefinition(def, ctx()).map((i) => [i.code, i.path])).toEqual([
      ['BATON_E_TEMPLATE_UNCLOSED_SECTION', '/nodes/1/config/effects/0/title'],
      ['BATON_E_FLOW_UNKNOWN_PLACEHOLDER', '/nodes/1/config/effects/0/body'],
    ]);
  });
});
