import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useLocalized } from '../app/i18n/localized.js';
import { useCatalogue } from '../app/registry/registry-context.js';
import { LocalizedTextInput } from '../app/ui/localized-text-input.js';
import { EditorFrame } from '../definitions/editor-frame.js';
import { useDefinitionEditor } from '../definitions/use-definition-editor.js';
import { ConditionBuilder } from '../shared/condition/condition-builder.js';
import { fieldOptions, type FieldOption } from '../shared/condition/field-options.js';
import { useFormBodies } from '../shared/forms/use-form-bodies.js';
import { ActionsEditor } from './actions-editor.js';
import { newRule, ruleReferences, type RuleBody } from './new-rule.js';
import { RuleProblemList, useRuleWording } from './rule-problem-list.js';
import { panelIssues, ruleProblems, type RuleProblem } from './rule-problems.js';
import { RuleTestPanel } from './rule-test-panel.js';
import { TriggerEditor } from './trigger-editor.js';
import { ScopePicked } from './scope-picked.js';
import { useRuleChoices, type FlowNodeLike } from './use-rule-choices.js';
import { useDesignerChoices } from '../shared/pickers/use-designer-choices.js';

/** What a rule's expressions can read besides the form's fields. */
const EVENT_FIELDS: FieldOption[] = [
  { path: '$event.type', label: { en: 'Event type', 'zh-CN': '事件类型' }, type: 'text' },
  { path: '$event.nodeId', label: { en: 'Event node', 'zh-CN': '事件节点' }, type: 'text' },
  { path: '$event.actor', label: { en: 'Who acted', 'zh-CN': '操作人' }, type: 'user' },
  { path: '$event.payload.action', label: { en: 'Task action', 'zh-CN': '任务操作' }, type: 'text' },
];

/** The rule designer: IF (trigger) AND (condition) THEN (actions), each part generated from the registry. */
export function RuleDesignerPage() {
  const { key = '' } = useParams();
  const { t } = useTranslation('rules');
  const { l } = useLocalized();
  const editor = useDefinitionEditor<RuleBody>('rule', key, newRule, ruleReferences);
  const def = editor.body;
  const scopedForm = def?.scope?.form;
  // A flow-scoped rule reads the flow's form: the flow names it.
  const flowForm = editor.resolved.find((r) => r.kind === 'flow' && r.key === def?.scope?.flow)?.body as { form?: string; nodes?: FlowNodeLike[] } | undefined;
  const forms = useFormBodies([scopedForm ?? '', flowForm?.form ?? '']);
  const form = forms.get(scopedForm ?? flowForm?.form ?? '');
  const fields = [...fieldOptions(form?.fields), ...EVENT_FIELDS];
  const { choices: ruleOwn, forms: formChoices, flows: flowChoices } = useRuleChoices(flowForm?.nodes, form?.fields);
  // Connectors and the pack's parameters are picked, not typed.
  const choices = { ...useDesignerChoices({ kind: 'rule', key }), ...ruleOwn };
  const change = (update: (d: RuleBody) => RuleBody) => editor.setBody(update);
  const catalogue = useCatalogue();
  const wording = useRuleWording();
  // Problems in sentences. They keep their identity until validation, the types or the language change: a new
  // list on every keystroke would make the generated panels re-derive their state mid-edit.
  const shapeKey = def ? [def.trigger.type, ...def.actions.map((a) => a.type)].join('\n') : '';
  const problems = useMemo(() => {
    if (!def) return [];
    const [trigger = '', ...actions] = shapeKey.split('\n');
    return ruleProblems(editor.issues, { trigger: { type: trigger }, actions: actions.map((type) => ({ type })) }, catalogue, wording);
  }, [editor.issues, shapeKey, catalogue, wording]); // eslint-disable-line react-hooks/exhaustive-deps
  const shown = useMemo(() => panelIssues(problems), [problems]);
  const of = (part: RuleProblem['part']) => problems.filter((p) => p.part === part);
  const setScope = (part: 'form' | 'flow', value: string) =>
    change((d) => {
      const scope = { ...(d.scope ?? {}) };
      if (value === '') delete scope[part];
      else scope[part] = value;
      const next = { ...d };
      if (Object.keys(scope).length === 0) delete next.scope;
      else next.scope = scope;
      return next;
    });

  return (
    <EditorFrame editor={editor} title={def ? l(def.title, key) : key} problemList={<RuleProblemList problems={problems} withWhere testId="rule-problems" />}>
      {def ? (
        <div className="rule-designer">
          <fieldset className="rule-part" data-testid="rule-settings">
            <legend>{t('settings')}</legend>
            <RuleProblemList problems={of('settings')} />
            <LocalizedTextInput name="rule-title" label={t('title')} value={def.title} onChange={(v) => change((d) => ({ ...d, title: v }))} />
            <div className="row">
              <label>
                {t('scopeForm')}
                <select name="scope-form" value={def.scope?.form ?? ''} onChange={(e) => setScope('form', e.target.value)}>
                  <option value="">{t('anyForm')}</option>
                  {formChoices.map((o) => (
                    <option key={o.value} value={o.value}>{o.label}</option>
                  ))}
                  {def.scope?.form && !formChoices.some((o) => o.value === def.scope?.form) ? <option value={def.scope.form}>{def.scope.form}</option> : null}
                </select>
                <ScopePicked choices={formChoices} value={def.scope?.form} testId="scope-form-picked" />
              </label>
              <label>
                {t('scopeFlow')}
                <select name="scope-flow" value={def.scope?.flow ?? ''} onChange={(e) => setScope('flow', e.target.value)}>
                  <option value="">{t('anyFlow')}</option>
                  {flowChoices.map((o) => (
                    <option key={o.value} value={o.value}>{o.label}</option>
                  ))}
                  {def.scope?.flow && !flowChoices.some((o) => o.value === def.scope?.flow) ? <option value={def.scope.flow}>{def.scope.flow}</option> : null}
                </select>
                <ScopePicked choices={flowChoices} value={def.scope?.flow} testId="scope-flow-picked" />
              </label>
              <label className="inline">
                <input
                  type="checkbox"
                  name="rule-enabled"
                  checked={def.enabled !== false}
                  onChange={(e) =>
                    change((d) => {
                      const next = { ...d };
                      if (e.target.checked) delete next.enabled;
                      else next.enabled = false;
                      return next;
                    })
                  }
                />
                {t('enabled')}
              </label>
            </div>
          </fieldset>
          <TriggerEditor def={def} onChange={change} issues={shown} problems={of('trigger')} form={form} choices={choices} />
          <fieldset className="rule-part" data-testid="rule-condition">
            <legend>{t('and')}</legend>
            <RuleProblemList problems={of('condition')} />
            <ConditionBuilder
              name="rule-condition"
              label={t('condition')}
              value={def.condition}
              fields={fields}
              onChange={(condition) =>
                change((d) => {
                  const next = { ...d };
                  if (condition === undefined) delete next.condition;
                  else next.condition = condition;
                  return next;
                })
              }
            />
          </fieldset>
          <ActionsEditor def={def} onChange={change} issues={shown} problems={problems} fields={fields} form={form} choices={choices} />
          <RuleTestPanel def={def} form={form} forms={formChoices} flows={flowChoices} />
        </div>
      ) : null}
    </EditorFrame>
  );
}
