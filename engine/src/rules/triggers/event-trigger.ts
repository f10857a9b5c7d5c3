import type { DomainEvent, DomainEventType } from '../../effects/domain-event.js';
import type { JsonSchema } from '../../forms/field-type.js';
import type { LocalizedText } from '../../i18n/localized-text.js';
import type { FieldRef, TriggerType } from '../trigger-type.js';

/** A string or a list of strings in a config: "hr-interview" or ["hr-interview", "it"]. */
export const oneOrManySchema = {
  oneOf: [
    { type: 'string', minLength: 1 },
    { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
  ],
} as const;

export function oneOrMany(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value : [value];
}

/** True when no filter is set or `actual` is one of the allowed values. */
export function passes(filter: string | string[] | undefined, actual: string | undefined): boolean {
  const allowed = oneOrMany(filter);
  return allowed === undefined || (actual !== undefined && allowed.includes(actual));
}

interface EventTriggerSpec<Config> {
  type: string;
  events: DomainEventType[];
  label: LocalizedText;
  description: LocalizedText;
  icon: string;
  configSchema: JsonSchema;
  match?: (event: DomainEvent, config: Config) => boolean;
  fieldRefs?: (config: Config) => FieldRef[];
}

/** Builds an event trigger: it matches when the event type is one of `events` and `match` (if any) agrees. */
export function defineEventTrigger<Config>(spec: EventTriggerSpec<Config>): TriggerType<Config> {
  const trigger: TriggerType<Config> = {
    type: spec.type,
    version: '1.0.0',
    configSchema: spec.configSchema,
    events: spec.events,
    describe: () => ({ label: spec.label, description: spec.description, icon: spec.icon, category: 'event', mode: 'event' }),
    match: (event, config) => spec.events.includes(event.type) && (spec.match ? spec.match(event, config ?? ({} as Config)) : true),
  };
  if (spec.fieldRefs) trigger.fieldRefs = spec.fieldRefs;
  return trigger;
}
