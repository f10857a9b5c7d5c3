import common from '@baton/engine/schemas/common.schema.json';
import { createRegistry } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { isStringList, prepareSchema, withTitles } from './prepare-schema.js';
import { addToList, closedValues, listOptions, removeFromList } from './string-list.js';

const catalogue = createRegistry().describe();
const paramsOf = (table: 'actions' | 'nodes' | 'triggers' | 'fields', type: string) => {
  const e = catalogue[table].find((x) => x.type === type)!;
  return prepareSchema(e.configSchema ?? e.paramsSchema, common);
};
const channelWords: Record<string, string> = { inbox: 'In-app inbox', email: 'Email', dingtalk: 'DingTalk', wecom: 'WeCom', sms: 'SMS' };
const channelLabel = (c: string) => channelWords[c] ?? c;

describe('lists of strings in generated panels', () => {
  it('edits every string list of the registry with the list editor, never rjsf\'s empty-entry "Add"', () => {
    const ui = (table: 'actions' | 'nodes' | 'triggers' | 'fields', type: string) => paramsOf(table, type).uiSchema as Record<string, Record<string, unknown>>;
    expect(ui('actions', 'notify').channels).toEqual({ 'ui:field': 'stringList' });
    expect(ui('actions', 'schedule-reminder').channels).toEqual({ 'ui:field': 'stringList' });
    expect(ui('actions', 'create-task').actions).toEqual({ 'ui:field': 'stringList' });
    expect(ui('nodes', 'task').actions).toEqual({ 'ui:field': 'stringList' });
    expect(ui('triggers', 'record-updated').fields).toEqual({ 'ui:field': 'stringList' });
    expect(ui('fields', 'attachment').accept).toEqual({ 'ui:field': 'stringList' });
    // A flow's notify effect, inside a oneOf branch of the effects list.
    expect(JSON.stringify(ui('nodes', 'action').effects)).toContain('"channels":{"ui:field":"stringList"}');
    // A unique enum list is rjsf's multiple select, which has no "Add" at all.
    expect(ui('nodes', 'approval').actions).toBeUndefined();
  });

  it('tells plain and repeatable enum string lists from other arrays', () => {
    expect(isStringList({ type: 'array', items: { type: 'string', minLength: 1 } })).toBe(true);
    expect(isStringList({ type: 'array', items: { enum: ['a', 'b'] } })).toBe(true);
    expect(isStringList({ type: 'array', items: { enum: ['a', 'b'] }, uniqueItems: true })).toBe(false);
    expect(isStringList({ type: 'array', items: { type: 'object' } })).toBe(false);
    expect(isStringList({ type: 'array', items: { type: 'string', oneOf: [{ const: 'a' }] } })).toBe(false);
    expect(isStringList({ type: 'string' })).toBe(false);
  });

  it('offers a notification\'s channels by name, then the connectors, as an open list', () => {
    const notify = paramsOf('actions', 'notify').schema as { properties: Record<string, { items: unknown }> };
    const connector = [{ value: 'mail-smtp', label: 'mail-smtp (email)' }, { value: 'email', label: 'email (email)' }];
    const { options, closed } = listOptions('channels', notify.properties.channels!.items, { connector }, channelLabel);
    expect(closed).toBe(false);
    expect(options).toEqual([
      { value: 'inbox', label: 'In-app inbox' },
      { value: 'email', label: 'Email' },
      { value: 'dingtalk', label: 'DingTalk' },
      { value: 'wecom', label: 'WeCom' },
      { value: 'sms', label: 'SMS' },
      { value: 'mail-smtp', label: 'mail-smtp (email)' },
    ]);
  });

  it('offers an enum\'s own values, in words once titled, as a closed list; a named choice list otherwise', () => {
    const titled = withTitles({ type: 'object', properties: { kinds: { type: 'array', items: { enum: ['approve', 'reject'] } } } }, () => undefined, (v) => ({ approve: '同意', reject: '驳回' })[v]);
    const items = (titled.properties as Record<string, { items: unknown }>).kinds!.items;
    expect(closedValues(items)).toEqual([{ value: 'approve', label: '同意' }, { value: 'reject', label: '驳回' }]);
    expect(listOptions('kinds', items, {}, channelLabel)).toEqual({ options: [{ value: 'approve', label: '同意' }, { value: 'reject', label: '驳回' }], closed: true });
    expect(listOptions('fields', { type: 'string' }, { fields: [{ value: 'status', label: 'Status' }] }, channelLabel)).toEqual({ options: [{ value: 'status', label: 'Status' }], closed: false });
    expect(listOptions('accept', { type: 'string' }, {}, channelLabel)).toEqual({ options: [], closed: false });
  });

  it('adds a value only once it is chosen or typed: never an empty entry, a repeat of a unique list or one past maxItems', () => {
    expect(addToList([], '', { uniqueItems: true })).toEqual({ ok: false, reason: 'empty' });
    expect(addToList([], '   ', {})).toEqual({ ok: false, reason: 'empty' });
    expect(addToList(['email'], 'email', { uniqueItems: true })).toEqual({ ok: false, reason: 'duplicate' });
    expect(addToList(['email'], 'email', {})).toEqual({ ok: true, list: ['email', 'email'] });
    expect(addToList(['a', 'b'], 'c', { maxItems: 2 })).toEqual({ ok: false, reason: 'full' });
    expect(addToList(['email'], ' wecom ', { uniqueItems: true })).toEqual({ ok: true, list: ['email', 'wecom'] });
  });

  it('removes an entry, leaving the property out once the list is empty (the users\' default channels)', () => {
    expect(removeFromList(['email', 'wecom'], 0)).toEqual(['wecom']);
    expect(removeFromList([null, 'email'], 0)).toEqual(['email']);
    expect(removeFromList(['email'], 0)).toBeUndefined();
  });
});
