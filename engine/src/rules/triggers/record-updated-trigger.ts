import type { DomainEvent } from '../../effects/domain-event.js';
import { pointer } from '../../errors/issue.js';
import { deepEqual } from '../../shared/deep-equal.js';
import { readPath } from '../read-path.js';
import { defineEventTrigger } from './event-trigger.js';

export interface RecordUpdatedConfig {
  /** Only when one of these fields changed; any change when omitted. */
  fields?: string[];
}

/**
 * Fires when a record (or a flow instance's data: `data.changed`) changes. With `fields`, only when one of
 * them changed: the event's `payload.changedFields` when present, else `previous` compared with `data`.
 * Without `fields`, any change; an update that left every value as it was (a record saved unchanged, a
 * no-op `data.changed` in an older history) is none. An event that carries neither counts as a change,
 * since nothing says otherwise.
 */
export const recordUpdatedTrigger = defineEventTrigger<RecordUpdatedConfig>({
  type: 'record-updated',
  events: ['record.updated', 'data.changed'],
  label: { en: 'Record updated', 'zh-CN': '记录更新时' },
  description: {
    en: 'When a record changes; optionally only when given fields change.',
    'zh-CN': '记录被修改时触发；可限定为指定字段变化时。',
  },
  icon: 'file-edit',
  configSchema: {
    type: 'object',
    properties: { fields: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, uniqueItems: true } },
    additionalProperties: false,
  },
  match: (event, config) => (config.fields ? changed(event, config.fields) : changedAtAll(event)),
  fieldRefs: (config) => (config.fields ?? []).map((field, i) => ({ field, path: pointer('fields', i) })),
});

function changed(event: DomainEvent, fields: string[]): boolean {
  const listed = event.payload?.changedFields;
  if (Array.isArray(listed)) return fields.some((f) => listed.includes(f));
  if (!event.previous) return true;
  return fields.some((f) => !deepEqual(readPath(event.previous, f), readPath(event.data, f)));
}

function changedAtAll(event: DomainEvent): boolean {
  const listed = event.payload?.changedFields;
  if (Array.isArray(listed)) return listed.length > 0;
  if (!event.previous || !event.data) return true;
  return !deepEqual(event.previous, event.data);
}
