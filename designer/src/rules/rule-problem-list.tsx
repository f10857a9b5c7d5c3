import type { Locale } from '@baton/engine';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { focusRuleProblem } from './focus-rule-problem.js';
import { engineMessage, type RuleWording } from './rule-problem-wording.js';
import type { RuleProblem } from './rule-problems.js';

/** The words of problem sentences in the UI's language: the rules area and the panels' property labels. */
export function useRuleWording(): RuleWording {
  const { t, i18n } = useTranslation('rules');
  const labels = useTranslation('schemaLabels');
  const language = i18n.language;
  return useMemo(() => {
    const known = (key: string) => (labels.i18n.exists(`schemaLabels:${key}`) && typeof labels.t(key, { returnObjects: true }) === 'string' ? labels.t(key) : undefined);
    const locale: Locale = language === 'zh-CN' ? 'zh-CN' : 'en';
    return { locale, t: (key, options) => t(key, options ?? {}), label: known, enumLabel: (v) => known(`enumValue.${v}`) };
  }, [language]); // eslint-disable-line react-hooks/exhaustive-deps
}

/**
 * Problems as sentences for people: each one a button that puts the focus on the control it is about, the
 * engine's code, JSON Pointer and own message folded under "Details" (for support and the technically minded).
 * `withWhere` names the part ("Action 2 (Create a task): …") where the list is not inside that part.
 */
export function RuleProblemList({ problems, withWhere = false, testId }: { problems: readonly RuleProblem[]; withWhere?: boolean; testId?: string }) {
  const { t, i18n } = useTranslation('rules');
  const common = useTranslation('common');
  const locale: Locale = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  if (problems.length === 0) return null;
  return (
    <ul className="issue-list rule-problem-list" data-testid={testId}>
      {problems.map((p, i) => (
        <li key={`${p.issue.path}-${p.issue.code}-${i}`} className="rule-problem" data-error-code={p.issue.code} data-path={p.issue.path}>
          <button type="button" className="link rule-problem-sentence" onClick={() => focusRuleProblem(p.focus)}>
            {withWhere ? p.sentence : p.what}
          </button>
          <details className="rule-problem-details">
            <summary>{common.t('errorDetails')}</summary>
            <dl className="error-facts">
              <dt>{common.t('errorCode')}</dt>
              <dd><code className="issue-code">{p.issue.code}</code></dd>
              <dt>{common.t('errorPath')}</dt>
              <dd><code className="issue-path">{p.issue.path || '/'}</code></dd>
              <dt>{t('problem.engineSays')}</dt>
              <dd className="issue-message">{engineMessage(p.issue, locale)}</dd>
            </dl>
          </details>
        </li>
      ))}
    </ul>
  );
}
