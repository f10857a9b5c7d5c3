import { useTranslation } from 'react-i18next';
import type { DefinitionChoice } from './use-rule-choices.js';

/**
 * Under a scope picker: the chosen definition's key in small text, and a badge when it was never published
 * (a native select cannot style part of an option, so the option itself says it in words too).
 */
export function ScopePicked({ choices, value, testId }: { choices: readonly DefinitionChoice[]; value: string | undefined; testId: string }) {
  const { t } = useTranslation('rules');
  if (!value) return null;
  const chosen = choices.find((c) => c.value === value);
  return (
    <small className="muted picked-key" data-testid={testId}>
      {t('pickedKey', { key: value })}
      {chosen?.draftOnly ? (
        <span className="draft-badge" title={t('draftOnlyHint')}>{t('draftOnly')}</span>
      ) : null}
    </small>
  );
}
