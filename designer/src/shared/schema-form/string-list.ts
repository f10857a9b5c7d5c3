import type { ChoiceOption } from './schema-form-fields.js';

type Json = Record<string, unknown>;

/** Channel names a notification may go through besides a connector's key (the runtime's CHANNEL_NAMES). */
export const CHANNEL_NAMES: readonly string[] = ['inbox', 'email', 'dingtalk', 'wecom', 'sms'];

/** The values an item may take when its schema lists them: an enum, or (after withTitles) a oneOf of titled constants. */
export function closedValues(items: unknown): ChoiceOption[] | undefined {
  if (!items || typeof items !== 'object' || Array.isArray(items)) return undefined;
  const node = items as Json;
  if (Array.isArray(node.enum) && node.enum.every((v) => typeof v === 'string')) return (node.enum as string[]).map((v) => ({ value: v, label: v }));
  const branches = node.oneOf ?? node.anyOf;
  if (Array.isArray(branches) && branches.length > 0 && branches.every((b) => b && typeof b === 'object' && typeof (b as Json).const === 'string')) {
    return (branches as Json[]).map((b) => ({ value: b.const as string, label: typeof b.title === 'string' ? b.title : (b.const as string) }));
  }
  return undefined;
}

/**
 * What a list of strings offers to add: the schema's own values (closed: nothing else is valid), else the
 * panel's choices for the property, else for `channels` the built-in channel names and the connectors.
 * Open lists still take a typed value.
 */
export function listOptions(
  name: string,
  items: unknown,
  choices: Readonly<Record<string, readonly ChoiceOption[]>>,
  channelLabel: (channel: string) => string,
): { options: ChoiceOption[]; closed: boolean } {
  const closed = closedValues(items);
  if (closed) return { options: closed, closed: true };
  const named = choices[name];
  if (named && named.length > 0) return { options: [...named], closed: false };
  if (name === 'channels') {
    const builtIn = CHANNEL_NAMES.map((c) => ({ value: c, label: channelLabel(c) }));
    const connectors = (choices.connector ?? []).filter((c) => !CHANNEL_NAMES.includes(c.value));
    return { options: [...builtIn, ...connectors], closed: false };
  }
  return { options: [], closed: false };
}

export type AddResult = { ok: true; list: string[] } | { ok: false; reason: 'empty' | 'duplicate' | 'full' };

/** The list with `value` appended, unless that would write an invalid entry (empty, a repeat of a unique list, past maxItems). */
export function addToList(current: readonly unknown[], value: string, schema: { uniqueItems?: unknown; maxItems?: unknown }): AddResult {
  const v = value.trim();
  if (v === '') return { ok: false, reason: 'empty' };
  if (typeof schema.maxItems === 'number' && current.length >= schema.maxItems) return { ok: false, reason: 'full' };
  if (schema.uniqueItems === true && current.includes(v)) return { ok: false, reason: 'duplicate' };
  return { ok: true, list: [...(current as string[]), v] };
}

/** The list without entry `index`; no entries at all is no list (the property is left out). */
export function removeFromList(current: readonly unknown[], index: number): unknown[] | undefined {
  const next = current.filter((_, i) => i !== index);
  return next.length === 0 ? undefined : next;
}
