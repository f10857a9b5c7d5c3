import type { FormDefinition, LocalizedText } from '@baton/engine';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { engine } from '../app/engine/engine-client.js';
import { ErrorPanel } from '../app/errors/error-panel.js';
import { useLocalized } from '../app/i18n/localized.js';
import { findEntry, useCatalogue } from '../app/registry/registry-context.js';
import { EmptyState } from '../app/ui/empty-state.js';
import { sampleObject } from '../flows/sample-data.js';
import { SimFormView } from '../flows/sim-form.js';
import { useSimForms } from '../flows/use-sim-forms.js';
import type { RuleBody } from './new-rule.js';
import { useKeptState } from './use-kept-state.js';
import { dayAfter, defaultTestEvent, sampleUsers, TEST_EVENTS, testNow, type TestEvent } from './rule-test-model.js';
import type { RuleTestOutcome } from './rule-test-run.js';
import { wordOutcome, type TestWords, type WordedOutcome } from './rule-test-wording.js';
import type { DefinitionChoice } from './use-rule-choices.js';
import './rule-test-panel.css';

type Json = Record<string, unknown>;

const NO_ISSUES: never[] = [];

/** Today in the browser's zone, as YYYY-MM-DD. */
function localToday(): string {
  return new Intl.DateTimeFormat('sv-SE', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

interface Props {
  def: RuleBody;
  /** The scoped form (or the scoped flow's form): the sample data is one of its records. */
  form: FormDefinition | undefined;
  forms: readonly DefinitionChoice[];
  flows: readonly DefinitionChoice[];
}

/**
 * "Test this rule": sample data for the rule's form, the event that happens, and — from the real engine in
 * the designer's worker — whether the rule fires, when, and what each action would do, in words.
 */
export function RuleTestPanel({ def, form, forms, flows }: Props) {
  const { t } = useTranslation('rules');
  const { l, locale } = useLocalized();
  const catalogue = useCatalogue();
  const trigger = findEntry(catalogue.triggers, def.trigger.type);
  const timed = trigger?.category === 'time';
  const [picked, setPicked] = useState<TestEvent | undefined>();
  const event = picked && (picked === 'timer') === timed ? picked : defaultTestEvent(def.trigger.type, trigger?.category);
  const [today, setToday] = useKeptState(`baton.rule-test.${def.key}.today`, localToday);
  const [data, setData] = useKeptState<Json>(`baton.rule-test.${def.key}.data`, () => ({}));
  const [busy, setBusy] = useState(false);
  // The engine's answer; worded at render, so it follows a language switch.
  const [outcome, setOutcome] = useState<{ raw: RuleTestOutcome; timer: boolean } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const simForms = useSimForms(useMemo(() => (form ? [form] : []), [form]));
  const sim = form ? simForms.forms.get(form.key) : undefined;
  const users = useMemo(() => sampleUsers(def), [def]);
  const people = users.map((u) => u.id);
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  const words: TestWords = {
    t: (key, vars) => t(key, vars ?? {}),
    text: (value: LocalizedText | undefined) => (value === undefined ? '' : l(value)),
    field: (key, formKey) => {
      const own = formKey === undefined || formKey === form?.key ? form?.fields.find((f) => f.key === key) : undefined;
      return own ? l(own.label, key) : key;
    },
    definition: (kind, key) => (kind === 'form' ? forms : kind === 'flow' ? flows : []).find((d) => d.value === key)?.title ?? key,
    person: (id) => users.find((u) => u.id === id)?.name ?? id,
    timeZone,
  };

  const fill = () => {
    if (!sim) return;
    setData((current) => sampleObject(sim.jsonSchema, sim.uiSchema, { subject: 'initiator', colleague: 'colleague', date: dayAfter(today, 30) }, 'initiator', () => true, current));
  };

  const run = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const raw = await engine().call('testRule', { rule: def, event, data, now: testNow(today), timeZone, locale, users, initiator: 'initiator' });
      setOutcome({ raw, timer: event === 'timer' });
    } catch (err) {
      setOutcome(null);
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  const actionName = (i: number) => {
    const type = def.actions[i]?.type ?? '';
    const entry = findEntry(catalogue.actions, type);
    return t('test.action', { n: i + 1, type: entry ? l(entry.label, type) : type });
  };

  return (
    <fieldset className="rule-part rule-test" data-testid="rule-test">
      <legend>{t('test.title')}</legend>
      <p className="muted small">{t('test.help')}</p>
      <div className="row">
        {timed ? (
          // A date or schedule trigger has one "event": its time. Said, not offered as a one-item choice.
          <p data-testid="rule-test-event-timer">
            {t('test.event')}: <strong>{t('test.eventType.timer')}</strong>
          </p>
        ) : (
          <label>
            {t('test.event')}
            <select name="rule-test-event" value={event} onChange={(e) => setPicked(e.target.value as TestEvent)}>
              {TEST_EVENTS.filter((e) => e !== 'timer').map((e) => (
                <option key={e} value={e}>{t(`test.eventType.${e}`)}</option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('test.today')}
          <input type="date" name="rule-test-today" value={today} onChange={(e) => e.target.value && setToday(e.target.value)} />
        </label>
      </div>
      <h4>{t('test.sample')}</h4>
      {sim ? (
        <>
          <button type="button" data-testid="rule-test-fill" onClick={fill}>{t('test.fill')}</button>
          <SimFormView sim={sim} value={data} onChange={setData} issues={NO_ISSUES} idPrefix="rule-test" people={people} />
        </>
      ) : !form ? (
        <p className="muted small">{t('test.noForm')}</p>
      ) : null}
      <p className="muted small">{t('test.people', { names: people.join(t('test.listSeparator')) })}</p>
      <div className="row">
        <button type="button" className="primary" data-testid="rule-test-run" disabled={busy} onClick={() => void run()}>
          {busy ? t('test.running') : t('test.run')}
        </button>
      </div>
      <div aria-live="polite" data-testid="rule-test-result">
        {failure ? <ErrorPanel error={failure} title={t('test.failed')} /> : null}
        {!failure && !outcome ? <EmptyState title={t('test.empty')} /> : null}
        {outcome ? <TestResult raw={outcome.raw} worded={wordOutcome(outcome.raw, outcome.timer, words)} actionName={actionName} /> : null}
      </div>
    </fieldset>
  );
}

function TestResult({ raw, worded, actionName }: { raw: RuleTestOutcome; worded: WordedOutcome; actionName: (i: number) => string }) {
  const { t } = useTranslation('rules');
  if (raw.error) {
    return (
      <div className="error-detail" role="alert" data-testid="rule-test-error">
        <strong>{t('test.failed')}</strong>
        <p>{raw.error.code === 'BATON_E_RULE_INVALID' ? t('test.invalid') : raw.error.message}</p>
        {raw.error.issues.length > 0 ? (
          <ul>
            {raw.error.issues.map((i, n) => (
              <li key={n}>{i.message}</li>
            ))}
          </ul>
        ) : null}
      </div>
    );
  }
  return (
    <div className="rule-test-outcome">
      <p className={worded.ok ? 'rule-test-verdict ok' : 'rule-test-verdict'} data-testid="rule-test-verdict">{worded.verdict}</p>
      {worded.runAt ? <p data-testid="rule-test-run-at">{t('test.runAt', { when: worded.runAt })}</p> : null}
      {worded.ok ? (
        <>
          <h4>{t('test.effects')}</h4>
          {worded.effects.length === 0 ? <p className="muted">{t('test.noEffects')}</p> : null}
          <ol className="rule-test-effects" data-testid="rule-test-effects">
            {worded.effects.map((e, i) => (
              <li key={i}>
                <span className="muted small">
                  {actionName(e.action)}
                  {e.item !== undefined ? ` · ${t('test.item', { n: e.item + 1 })}` : ''}
                </span>
                <div>{e.text}</div>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </div>
  );
}
