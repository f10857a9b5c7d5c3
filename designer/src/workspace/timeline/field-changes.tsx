import type { FieldChange } from '@baton/client';
import { useTranslation } from 'react-i18next';
import { changeLine, type ChangeLine, type FormField, type ValueContext } from './field-value-text.js';
import './request-data.css';

/** More than this many changed fields: the first few show, the rest behind "Show N more". */
const FOLD_AFTER = 4;
const SHOWN_WHEN_FOLDED = 3;

function Line({ line, colon }: { line: ChangeLine; colon: string }) {
  return (
    <div className="change" role="listitem" data-field={line.field}>
      <span className="change-label">{line.label}</span>
      {colon}
      {line.from !== null ? (
        <>
          <span className="change-from">{line.from}</span>
          {' → '}
        </>
      ) : null}
      <span className="change-to">{line.to}</span>
    </div>
  );
}

/**
 * The fields a step changed, one line each ("Last working day: Dec 1, 2026 → Dec 15, 2026"), labelled and
 * worded as the form shows them; a long list is folded after the first few. Not <li>s: the timeline's own
 * items are the list items people (and tests) count.
 */
export function FieldChanges({ seq, changes, fields, ctx }: { seq: number; changes: readonly FieldChange[]; fields: ReadonlyMap<string, FormField>; ctx: ValueContext }) {
  const { t } = useTranslation('workspace');
  const lines = changes.map((change) => changeLine(change, fields.get(change.field), ctx));
  const colon = ctx.locale === 'zh-CN' ? '：' : ': ';
  const folded = lines.length > FOLD_AFTER;
  const first = folded ? lines.slice(0, SHOWN_WHEN_FOLDED) : lines;
  const rest = folded ? lines.slice(SHOWN_WHEN_FOLDED) : [];
  return (
    <div className="changes" data-testid={`changes-${seq}`}>
      <div role="list" aria-label={t('changesLabel')}>
        {first.map((line) => <Line key={line.field} line={line} colon={colon} />)}
      </div>
      {rest.length > 0 ? (
        <details>
          <summary>{t('changesMore', { count: rest.length })}</summary>
          <div role="list">
            {rest.map((line) => <Line key={line.field} line={line} colon={colon} />)}
          </div>
        </details>
      ) : null}
    </div>
  );
}
