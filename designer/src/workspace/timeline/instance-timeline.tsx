import type { HistoryEntry } from '@baton/client';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../../app/i18n/localized.js';
import { EmptyState } from '../../app/ui/empty-state.js';
import { ShownPerson } from '../people/person-name.js';
import { usePeople } from '../people/use-people.js';
import { formatWhen } from '../format-when.js';
import { describeEvent } from './describe-event.js';
import { FieldChanges } from './field-changes.js';
import type { FormField, ValueNames } from './field-value-text.js';
import { ruleKeyOf, shapeTimeline } from './timeline-entries.js';
import { useRuleTitles } from './use-rule-titles.js';

export interface InstanceTimelineProps {
  history: readonly HistoryEntry[];
  /** A flow node's name (the id when the flow is not loaded). */
  nodeName(nodeId: string): string;
  /** The instance's form fields by key, to name and word the fields a step changed; null while they load. */
  fields: ReadonlyMap<string, FormField> | null;
  /** Names for the people, records and departments those values hold. */
  names: ValueNames;
}

/** Longest text value a changed-field line shows. */
const CHANGE_TEXT_LENGTH = 60;

/**
 * Who did what when: people by name, the engine's bookkeeping folded away until "show all details",
 * system events credited to the system, rule steps by the rule's title, repeats shown once with "×N".
 */
export function InstanceTimeline({ history, nodeName, fields, names }: InstanceTimelineProps) {
  const { t } = useTranslation('workspace');
  const { l, locale } = useLocalized();
  const [showAll, setShowAll] = useState(false);
  const shaped = useMemo(() => shapeTimeline(history, showAll), [history, showAll]);
  const people = usePeople(shaped.rows.map((r) => r.actor));
  const ruleTitles = useRuleTitles(useMemo(() => history.some((h) => ruleKeyOf(h.nodeId) !== null), [history]));
  const stepName = (nodeId: string) => {
    const rule = ruleKeyOf(nodeId);
    return rule === null ? nodeName(nodeId) : l(ruleTitles.get(rule) as never, rule);
  };

  if (history.length === 0) return <EmptyState title={t('timelineEmpty')} />;
  return (
    <>
      <ol className="timeline" data-testid="timeline" data-show-all={showAll}>
        {shaped.rows.map(({ entry: h, count, actor, changes }) => (
          <li key={h.seq} data-testid={`event-${h.seq}`} data-type={h.type} data-action={h.action ?? ''} data-count={count}>
            <time dateTime={h.at}>{formatWhen(h.at, locale)}</time>{' '}
            <strong>{actor ? <ShownPerson id={actor} person={people.get(actor)} /> : t('timelineSystem')}</strong>{' '}
            <span className="event">{describeEvent(h, locale)}</span>
            {count > 1 ? <> <span className="badge" title={t('timelineRepeated', { count })}>×{count}</span></> : null}
            {h.nodeId ? <span className="muted"> · {stepName(h.nodeId)}</span> : null}
            {changes && fields ? <FieldChanges seq={h.seq} changes={changes} fields={fields} ctx={{ ...names, locale, clip: CHANGE_TEXT_LENGTH }} /> : null}
            {h.comment ? <blockquote className="comment">{h.comment}</blockquote> : null}
          </li>
        ))}
      </ol>
      {shaped.hidden > 0 || showAll ? (
        <button type="button" className="link timeline-more" data-testid="timeline-details" aria-pressed={showAll} onClick={() => setShowAll(!showAll)}>
          {showAll ? t('timelineMainOnly') : t('timelineShowAll', { count: shaped.hidden })}
        </button>
      ) : null}
    </>
  );
}
