import type { FormDefinition } from '@baton/engine';
import { useTranslation } from 'react-i18next';
import { IssueList } from '../app/errors/error-panel.js';
import type { DisplayIssue } from '../app/errors/to-display-error.js';
import { useLocalized } from '../app/i18n/localized.js';
import { EmptyState } from '../app/ui/empty-state.js';
import { LocalizedTextInput } from '../app/ui/localized-text-input.js';
import { ConditionBuilder } from '../shared/condition/condition-builder.js';
import { fieldOptions } from '../shared/condition/field-options.js';

type Validation = NonNullable<FormDefinition['validations']>[number];

/**
 * Cross-field rules: "when … then … must hold, else show this message on that field". Row rules
 * (`each` = a sub-table) run per row, with the row's columns and `$parent.` for the form's fields.
 */
export function FormValidationsEditor({ def, onChange, issues }: { def: FormDefinition; onChange: (update: (d: FormDefinition) => FormDefinition) => void; issues: DisplayIssue[] }) {
  const { t } = useTranslation('forms');
  const { l } = useLocalized();
  const list = def.validations ?? [];
  const tables = def.fields.filter((f) => f.type.replace(/@.*$/, '') === 'sub-table');
  const setList = (next: Validation[]) =>
    onChange((d) => {
      const out = { ...d };
      if (next.length === 0) delete out.validations;
      else out.validations = next;
      return out;
    });
  const set = (i: number, update: (v: Validation) => Validation) => setList(list.map((v, j) => (j === i ? update(v) : v)));
  const firstField = def.fields[0]?.key ?? '';
  return (
    <div className="validations" data-testid="validations-editor">
      <p className="muted">{t('validationsHelp')}</p>
      {list.length === 0 ? <EmptyState title={t('validationsEmpty')} /> : null}
      {list.map((rule, i) => {
        const options = fieldOptions(def.fields, rule.each);
        const targets = rule.each ? (def.fields.find((f) => f.key === rule.each)?.fields ?? []) : def.fields;
        const mine = issues.filter((x) => x.path.startsWith(`/validations/${i}/`) || x.path === `/validations/${i}`);
        return (
          <fieldset key={i} className="validation-rule">
            <legend>{rule.key}</legend>
            {mine.length > 0 ? <IssueList issues={mine} /> : null}
            <div className="row">
              <label>
                {t('ruleKey')}
                <input value={rule.key} onChange={(e) => set(i, (v) => ({ ...v, key: e.target.value }))} />
              </label>
              <label>
                {t('ruleEach')}
                <select
                  value={rule.each ?? ''}
                  onChange={(e) =>
                    set(i, (v) => {
                      const next = { ...v };
                      if (e.target.value === '') delete next.each;
                      else next.each = e.target.value;
                      return next;
                    })
                  }
                >
                  <option value="">{t('ruleWholeForm')}</option>
                  {tables.map((f) => (
                    <option key={f.key} value={f.key}>{l(f.label, f.key)}</option>
                  ))}
                </select>
              </label>
              <label>
                {t('rulePath')}
                <select value={rule.path} onChange={(e) => set(i, (v) => ({ ...v, path: e.target.value }))}>
                  {targets.map((f) => (
                    <option key={f.key} value={f.key}>{l(f.label, f.key)}</option>
                  ))}
                </select>
              </label>
            </div>
            <ConditionBuilder
              name={`rule-${i}-when`}
              label={t('ruleWhen')}
              value={rule.when}
              fields={options}
              onChange={(when) =>
                set(i, (v) => {
                  const next = { ...v };
                  if (when === undefined) delete next.when;
                  else next.when = when;
                  return next;
                })
              }
            />
            <ConditionBuilder name={`rule-${i}-assert`} label={t('ruleAssert')} value={rule.assert} fields={options} onChange={(assert) => set(i, (v) => ({ ...v, assert: assert ?? true }))} />
            <LocalizedTextInput name={`rule-${i}-message`} label={t('ruleMessage')} value={rule.message} onChange={(m) => set(i, (v) => ({ ...v, message: m }))} />
            <button type="button" onClick={() => setList(list.filter((_, j) => j !== i))}>{t('removeRule')}</button>
          </fieldset>
        );
      })}
      <button
        type="button"
        disabled={firstField === ''}
        onClick={() => setList([...list, { key: `rule_${list.length + 1}`, path: firstField, assert: true, message: { en: t('ruleDefaultMessageEn'), 'zh-CN': t('ruleDefaultMessageZh') } }])}
      >
        {t('addRule')}
      </button>
    </div>
  );
}
