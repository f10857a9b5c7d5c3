import { createRegistry, validateDefinition, type CatalogueEntry, type Locale } from '@baton/engine';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { schemaLabelMessages } from '../shared/schema-form/schema-labels.js';
import type { RuleWording } from './rule-problem-wording.js';
import { panelIssues, ruleProblems, type RuleShape } from './rule-problems.js';
import { rulesMessages } from './rules-messages.js';

const catalogue = createRegistry().describe();

/** The wording the designer builds with useRuleWording, from the same message tables. */
function wording(locale: Locale): RuleWording {
  const i18n = i18next.createInstance();
  void i18n.init({
    lng: locale, initAsync: false, interpolation: { escapeValue: false },
    resources: { [locale]: { rules: rulesMessages[locale], schemaLabels: schemaLabelMessages[locale] } },
  });
  const known = (key: string) => (i18n.exists(`schemaLabels:${key}`) ? i18n.t(`schemaLabels:${key}`) : undefined);
  return { locale, t: (key, options) => i18n.t(`rules:${key}`, options ?? {}), label: known, enumLabel: (v) => known(`enumValue.${v}`) };
}

/** What the rule designer lists for a rule: the engine's issues (as its worker reports them) in sentences. */
function sentences(rule: Record<string, unknown>, locale: Locale) {
  const def = { kind: 'rule', key: 'r', version: 1, title: 'R', ...rule } as unknown as RuleShape;
  const issues = validateDefinition(def, { locale }).errors;
  return ruleProblems(issues, def, catalogue, wording(locale));
}

const broken = {
  trigger: { type: 'date-offset', config: { offset: 1.5, unit: 'weeks', at: '25:00', bogus: 1 } },
  actions: [{ type: 'create-task', params: { title: 'Collect the laptop', assignees: [], due: { amount: -1, unit: 'days' }, closeWhenInstanceCompletes: 'yes' } }],
};

describe('rule problems in sentences', () => {
  it('names the trigger and the action by label and position, the field by its label, for each JSON Schema keyword', () => {
    expect(sentences(broken, 'en').map((p) => p.sentence).sort()).toEqual([
      "Action 1 (Create a task): 'Amount' (Due) must be 0 or more.",
      "Action 1 (Create a task): 'Assignees' needs at least one entry.",
      "Action 1 (Create a task): 'Close it when the process ends' must be yes or no.",
      "Trigger (Relative to a date): 'Bogus' is not a setting here: remove it (or check its spelling).",
      "Trigger (Relative to a date): 'Date field' is required.",
      "Trigger (Relative to a date): 'Number' must be a whole number.",
      "Trigger (Relative to a date): 'Time of day' must be a time of day such as 09:00.",
      "Trigger (Relative to a date): 'Unit' must be one of: minutes, hours, days, working days.",
    ]);
  });

  it('says the same in Chinese', () => {
    expect(sentences(broken, 'zh-CN').map((p) => p.sentence).sort()).toEqual([
      '操作 1（创建待办）：“流程结束时关闭此待办”必须是“是”或“否”。',
      // Chinese has no plural: i18next picks the "other" form for every count.
      '操作 1（创建待办）：“处理人”至少需要 1 项。',
      '操作 1（创建待办）：“数量”（期限）不能小于 0。',
      '触发方式（相对日期）：“Bogus”不是此处的设置项：请删除（或检查拼写）。',
      '触发方式（相对日期）：“单位”必须是以下之一：分钟、小时、天、工作日。',
      '触发方式（相对日期）：“数值”必须是整数。',
      '触发方式（相对日期）：“日期字段”为必填项。',
      '触发方式（相对日期）：“时间点”必须是一天中的时间，如 09:00。',
    ].sort());
  });

  it('keeps the engine\'s own sentence for its rule checks (BATON_E_RULE_*), named by the part', () => {
    const rule = { trigger: { type: 'schedule', config: { cron: '0 9 * * 1-5', timeZone: 'Mars/Base' } }, actions: [{ type: 'notify', params: { to: [{ kind: 'initiator' }], title: 'Hi' } }] };
    const [en] = sentences(rule, 'en');
    expect(en?.issue.code).toBe('BATON_E_RULE_BAD_TIME_ZONE');
    expect(en?.sentence).toBe('Trigger (On a schedule): Time zone "Mars/Base" is not known: use an IANA name such as "Asia/Shanghai".');
    expect(sentences(rule, 'zh-CN')[0]?.sentence).toBe('触发方式（定时）：未知时区 "Mars/Base"：请使用 IANA 时区名，例如 "Asia/Shanghai"。');
  });

  it('words list entries, texts per language, a rule without actions and an empty text', () => {
    const rule = {
      trigger: { type: 'flow-started' },
      actions: [{ type: 'notify', params: { to: [{ kind: 'role', role: '' }, null], title: 5 } }],
    };
    expect(sentences(rule, 'en').map((p) => p.what).sort()).toEqual([
      "Finish entry 2 of 'To': choose who it is, or remove it.",
      "Write 'Title' in at least one language.",
      "'Role' (To, entry 1) must not be empty.",
    ].sort());
    expect(sentences(rule, 'zh-CN').map((p) => p.what).sort()).toEqual([
      '请完成“接收人”的第 2 项：选择具体人员或角色，或将其删除。',
      '请至少用一种语言填写“标题”。',
      '“角色”（接收人、第 1 项）不能为空。',
    ].sort());
    const union = sentences({ trigger: { type: 'invoke-failed', config: { connector: 5 } }, actions: [{ type: 'notify', params: { to: [{ kind: 'initiator' }], title: 'x' } }] }, 'en');
    expect(union.map((p) => p.sentence)).toEqual(["Trigger (Connector call failed): 'Connector' must be text or a list."]);
    const none = sentences({ trigger: { type: 'flow-started' }, actions: [] }, 'en');
    expect(none.map((p) => p.sentence)).toEqual(['Actions: Add at least one action: a rule with nothing to do does nothing.']);
  });

  it('uses a plugin schema\'s own title: "\'Days before\' must be a whole number"', () => {
    const plugin: CatalogueEntry = { ...catalogue.actions[0]!, type: 'hr-remind', label: { en: 'Remind HR', 'zh-CN': '提醒人事' }, paramsSchema: { type: 'object', properties: { daysBefore: { type: 'integer', title: 'Days before', minimum: 1 } } } };
    const def: RuleShape = { trigger: { type: 'flow-started' }, actions: [{ type: 'notify' }, { type: 'hr-remind' }] };
    const issues = [
      { code: 'BATON_E_SCHEMA_TYPE', path: '/actions/1/params/daysBefore', message: 'Change this value to an integer.', params: { type: 'an integer', typeZh: '整数' } },
      { code: 'BATON_E_SCHEMA_MINIMUM', path: '/actions/1/params/daysBefore', message: 'Change this number to 1 or more.', params: { limit: 1 } },
    ];
    const problems = ruleProblems(issues, def, { ...catalogue, actions: [...catalogue.actions, plugin] }, wording('en'));
    expect(problems.map((p) => p.sentence)).toEqual([
      "Action 2 (Remind HR): 'Days before' must be a whole number.",
      "Action 2 (Remind HR): 'Days before' must be 1 or more.",
    ]);
    expect(panelIssues(problems)[0]).toEqual({ code: 'BATON_E_SCHEMA_TYPE', path: '/actions/1/params/daysBefore', message: "'Days before' must be a whole number." });
  });

  it('points each problem at its control: the action\'s panel field, the dedicated date editor, a folded condition', () => {
    const [assignees] = sentences(broken, 'en').filter((p) => p.issue.path === '/actions/0/params/assignees');
    expect(assignees?.part).toBe('action');
    expect(assignees?.action).toBe(0);
    expect(assignees?.focus.scope).toBe('[data-testid="rule-action-0"]');
    expect(assignees?.focus.controls[0]).toBe('[id="action-0-params_assignees"]');
    const at = sentences(broken, 'en').find((p) => p.issue.path === '/trigger/config/at');
    expect(at?.focus).toMatchObject({ scope: '[data-testid="rule-trigger"]', controls: expect.arrayContaining(['input[name="offset-at"]']) });
    expect(at?.focus.controls[0]).toBe('input[name="offset-at"]');
    const when = sentences({ trigger: { type: 'flow-started' }, actions: [{ type: 'notify', params: { to: [{ kind: 'initiator' }], title: 'x' }, when: { nope: [] } }] }, 'en')[0];
    expect(when?.sentence).toMatch(/^Action 1 \(Send a notification\): This expression cannot be compiled/);
    expect(when?.focus).toEqual({ scope: '[data-testid="rule-action-0"]', controls: ['[data-testid="condition-action-0-when"]'], open: 'details' });
  });
});
