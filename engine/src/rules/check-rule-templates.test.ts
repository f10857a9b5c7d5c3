import { describe, expect, it } from 'vitest';
import type { SemanticCheckContext } from '../definitions/semantic-check-context.js';
import { checkRuleDefinition } from './check-rule-definition.js';
import type { RuleDefinition } from './rule-definition.js';
import { resolveOffboarding, rule, rulesRegistry } from './rule-test-fixtures.js';

const withForm: SemanticCheckContext = { registry: rulesRegistry(), locale: 'en', resolve: resolveOffboarding };
const notify = (body: unknown): RuleDefinition =>
  rule({ scope: { flow: 'offboarding' }, trigger: { type: 'flow-started' }, actions: [{ type: 'notify', params: { to: [{ kind: 'role', role: 'hr' }], title: 'x', body } }] });

describe('rule templates with sections', () => {
  it('accepts if / each / join over the form fields', () => {
    const body = { en: '{#if employeeId}{employeeId.name}{else}nobody{/if} {#each accounts|join:, }{$item.system}{/each}', 'zh-CN': '{accounts.account|join:、}' };
    expect(checkRuleDefinition(notify(body), withForm)).toEqual([]);
  });

  it('refuses an unbalanced section at the locale path, even without a known form', () => {
    const issues = checkRuleDefinition(notify({ en: '{#each accounts}{$item.system}', 'zh-CN': '{/if}' }), { ...withForm, resolve: () => undefined });
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['BATON_E_TEMPLATE_UNCLOSED_SECTION', '/actions/0/params/body/en'],
      ['BATON_E_TEMPLATE_UNOPENED_SECTION', '/actions/0/params/body/zh-CN'],
    ]);
  });

  it('refuses a section over an unknown field with the placeholder code', () => {
    const issues = checkRuleDefinition(notify('{#if asets}x{/if}'), withForm);
    expect(issues.map((i) => [i.code, i.path, i.params?.placeholder])).toEqual([['BATON_E_RULE_UNKNOWN_PLACEHOLDER', '/actions/0/params/body', 'asets']]);
  });
});
