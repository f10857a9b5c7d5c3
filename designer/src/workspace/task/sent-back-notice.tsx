import type { HistoryEntry } from '@baton/client';
import { useTranslation } from 'react-i18next';
import { PersonName } from '../people/person-name.js';

/**
 * The return that created this task, if one did: the last decision recorded before the task was created,
 * when it was a return (a resubmit task after "Revise and resubmit"). Undefined otherwise.
 */
export function sentBackBy(history: readonly HistoryEntry[], createdAt: string): HistoryEntry | undefined {
  const created = Date.parse(createdAt);
  const decisions = history.filter((h) => h.type === 'task.completed' && Date.parse(h.at) <= created);
  const last = decisions[decisions.length - 1];
  return last?.action === 'return' ? last : undefined;
}

const NAME_SLOT = '\u2060NAME\u2060';

/** "赵强 sent this back to you at 'Manager approval': <reason>", above the resubmit task's form. */
export function SentBackNotice({ entry, stepName }: { entry: HistoryEntry; stepName: string }) {
  const { t } = useTranslation('workspace');
  // The sentence is translated whole; the person's name (a component) goes where {{name}} stood.
  const [before, after] = t('returnedNotice', { name: NAME_SLOT, step: stepName }).split(NAME_SLOT);
  return (
    <div className="notice" role="note" data-testid="sent-back-reason">
      <p>
        {before}
        {entry.actor ? <PersonName id={entry.actor} /> : '—'}
        {after}
      </p>
      {entry.comment ? <blockquote className="comment">{entry.comment}</blockquote> : null}
    </div>
  );
}
