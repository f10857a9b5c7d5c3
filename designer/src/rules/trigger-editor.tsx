import type { FormDefinition } from '@baton/engine';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DisplayIssue } from '../app/errors/to-display-error.js';
import { useLocalized } from '../app/i18n/localized.js';
import { findEntry, useCatalogue } from '../app/registry/registry-context.js';
import { SchemaForm, type ChoiceOption, type Choices } from '../shared/schema-form/schema-form.js';
import { issuesOutsidePanel, shownProperties } from './action-issues.js';
import { dateFieldGroups } from './date-field-options.js';
import { RuleProblemList } from './rule-problem-list.js';
import type { RuleProblem } from './rule-problems.js';
import { freshDateOffsetConfig, readDateOffset, writeDateOffset, type DateOffset, type RuleBody } from './new-rule.js';

/** Each `{{name}}` of a sentence template replaced by its control, the words between kept as text. */
function Sentence({ template, parts }: { template: string; parts: Record<string, ReactNode> }) {
  return (
    <>
      {template.split(/(\{\{\w+\}\})/).map((piece, i) => {
        const name = /^\{\{(\w+)\}\}$/.exec(piece)?.[1];
        if (name !== undefined) return <Fragment key={i}>{parts[name]}</Fragment>;
        return piece.trim() === '' ? ' ' : <span key={i} className="sentence-word">{piece}</span>;
      })}
    </>
  );
}

/** The scope form's date fields by title; two fields that share a title also name their form and key. */
function useDateFieldGroups(form: DatedForm | undefined) {
  const { t } = useTranslation('rules');
  const { l } = useLocalized();
  const plain = dateFieldGroups([form], l, (parts) => parts.label);
  const labels = plain.flatMap((g) => g.options.map((o) => o.label));
  const shared = new Set(labels.filter((x, i) => labels.indexOf(x) !== i));
  return plain.map((g) => ({ ...g, options: g.options.map((o) => (shared.has(o.label) ? { ...o, label: t('dateFieldOption', { label: o.label, form: g.label, key: o.value }) } : o)) }));
}

/** "[3] [days] [before] [Last working day] at [09:00]": the date trigger as one sentence, in the UI's word order. */
function DateOffsetEditor({ value, onChange, form, params, problems }: { value: DateOffset; onChange: (v: DateOffset) => void; form: DatedForm | undefined; params: readonly ChoiceOption[]; problems: readonly RuleProblem[] }) {
  const { t } = useTranslation('rules');
  const groups = useDateFieldGroups(form);
  const known = groups.some((g) => g.options.some((o) => o.value === value.field));
  const paramName = value.param?.name ?? '';
  const paramOptions = paramName !== '' && !params.some((p) => p.value === paramName) ? [...params, { value: paramName, label: paramName }] : params;
  const setSource = (source: string) =>
    onChange(source === 'param' ? { ...value, param: { name: params[0]?.value ?? '' } } : (({ param: _p, ...rest }) => rest)(value));
  const amount = value.param ? (
    <>
      <select aria-label={t('offsetParam')} name="offset-param" value={paramName} onChange={(e) => onChange({ ...value, param: { ...value.param, name: e.target.value } })}>
        {paramName === '' ? <option value="">{t('chooseParam')}</option> : null}
        {paramOptions.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
      <label className="inline muted small">
        {t('offsetParamFallback')}
        <input
          type="number"
          min={0}
          className="narrow"
          name="offset-param-default"
          value={value.param.fallback ?? ''}
          onChange={(e) => {
            const { fallback: _f, ...param } = value.param!;
            onChange({ ...value, param: e.target.value === '' ? param : { ...param, fallback: Math.abs(Number(e.target.value)) } });
          }}
        />
      </label>
    </>
  ) : (
    <input type="number" min={0} className="narrow" aria-label={t('offsetAmount')} name="offset-amount" value={value.amount} onChange={(e) => onChange({ ...value, amount: Math.abs(Number(e.target.value)) })} />
  );
  const parts: Record<string, ReactNode> = {
    amount,
    unit: (
      <select aria-label={t('offsetUnit')} name="offset-unit" value={value.unit} onChange={(e) => onChange({ ...value, unit: e.target.value as DateOffset['unit'] })}>
        {(['days', 'business-days', 'hours', 'minutes'] as const).map((u) => (
          <option key={u} value={u}>{t(`unit.${u}`)}</option>
        ))}
      </select>
    ),
    direction: (
      <select aria-label={t('offsetDirection')} name="offset-direction" value={value.direction} onChange={(e) => onChange({ ...value, direction: e.target.value as DateOffset['direction'] })}>
        <option value="before">{t('before')}</option>
        <option value="after">{t('after')}</option>
      </select>
    ),
    field: (
      <select aria-label={t('offsetField')} name="offset-field" value={value.field} onChange={(e) => onChange({ ...value, field: e.target.value })}>
        <option value="">{t('chooseDateField')}</option>
        {groups.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map((o) => (
              <option key={o.value} value={o.value}>{o.label}</option>
            ))}
          </optgroup>
        ))}
        {value.field !== '' && !known ? <option value={value.field}>{value.field}</option> : null}
      </select>
    ),
    at: <input type="time" aria-label={t('offsetAt')} name="offset-at" value={value.at} onChange={(e) => onChange({ ...value, at: e.target.value })} />,
  };
  return (
    <>
      <div className="date-offset" data-testid="date-offset">
        <label className="inline muted small">
          {t('offsetSource')}
          <select name="offset-source" value={value.param ? 'param' : 'number'} onChange={(e) => setSource(e.target.value)}>
            <option value="number">{t('offsetSourceNumber')}</option>
            <option value="param" disabled={params.length === 0 && !value.param}>{t('offsetSourceParam')}</option>
          </select>
        </label>
        <div className="row offset-sentence" data-testid="offset-sentence" role="group" aria-label={t('offsetSentenceLabel')}>
          <Sentence template={t('offsetSentence')} parts={parts} />
        </div>
      </div>
      {value.param ? <p className="muted small">{params.length === 0 ? t('noParams') : t('offsetParamHelp')}</p> : null}
      {groups.length === 0 ? <p className="muted small" data-testid="date-offset-no-fields">{form ? t('noDateFields') : t('dateFieldNeedsScope')}</p> : null}
      {/* The dedicated editor shows no message at its controls: each problem says which one, and focuses it. */}
      <RuleProblemList problems={problems} testId="trigger-problems" />
    </>
  );
}

type DatedForm = Pick<FormDefinition, 'key' | 'title' | 'fields'>;

/** A trigger of a newly chosen type; a date-relative one starts as "1 day before the form's first date field". */
function freshTrigger(type: string, form: DatedForm | undefined): RuleBody['trigger'] {
  if (type.replace(/@.*$/, '') !== 'date-offset') return { type };
  const first = form?.fields.find((f) => ['date', 'date-time'].includes(f.type.replace(/@.*$/, '')))?.key;
  return { type, config: freshDateOffsetConfig(first) };
}

/**
 * IF: the trigger type (event, date field ± N days, schedule) and its settings. `issues` are worded for the
 * panel's fields; `problems` are the trigger's, listed where no field of the panel shows them.
 */
export function TriggerEditor({ def, onChange, issues, problems, form, choices }: { def: RuleBody; onChange: (update: (d: RuleBody) => RuleBody) => void; issues: DisplayIssue[]; problems: readonly RuleProblem[]; form: FormDefinition | undefined; choices: Choices }) {
  const { t } = useTranslation('rules');
  const { l } = useLocalized();
  const catalogue = useCatalogue();
  const entry = findEntry(catalogue.triggers, def.trigger.type);
  const groups = new Map<string, typeof catalogue.triggers>();
  for (const e of catalogue.triggers) groups.set(e.category ?? 'other', [...(groups.get(e.category ?? 'other') ?? []), e]);
  const setConfig = (config: Record<string, unknown>) =>
    onChange((d) => ({ ...d, trigger: Object.keys(config).length > 0 ? { type: d.trigger.type, config } : { type: d.trigger.type } }));
  const offset = def.trigger.type.replace(/@.*$/, '') === 'date-offset' ? readDateOffset(def.trigger.config) : null;
  return (
    <fieldset className="rule-part" data-testid="rule-trigger">
      <legend>{t('if')}</legend>
      <label>
        {t('triggerType')}
        <select name="trigger-type" value={def.trigger.type} onChange={(e) => onChange((d) => ({ ...d, trigger: freshTrigger(e.target.value, form) }))}>
          {[...groups.entries()].map(([group, list]) => (
            <optgroup key={group} label={t(`triggerGroup.${group}`, { defaultValue: group })}>
              {list.map((e) => (
                <option key={e.type} value={e.type}>{l(e.label, e.type)}</option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      {entry?.description ? <p className="muted small">{l(entry.description)}</p> : null}
      {offset ? (
        <DateOffsetEditor
          value={offset}
          form={form}
          params={choices.param ?? []}
          problems={problems}
          onChange={(v) => setConfig(writeDateOffset(v, def.trigger.config))}
        />
      ) : entry ? (
        <>
          <RuleProblemList problems={problems.filter((p) => issuesOutsidePanel([p.issue], '/trigger/config', shownProperties(entry.configSchema, [])).length > 0)} testId="trigger-problems" />
          <SchemaForm name="trigger-config" choices={choices} schema={entry.configSchema} value={def.trigger.config} issues={issues} issueBase="/trigger/config" onChange={setConfig} />
        </>
      ) : (
        <p className="field-error">{t('unknownTrigger', { type: def.trigger.type })}</p>
      )}
    </fieldset>
  );
}
