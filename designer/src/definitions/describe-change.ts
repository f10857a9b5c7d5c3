import type { Change } from './definition-diff.js';
import { definitionsMessages } from './definitions-messages.js';

export type DiffLocale = 'en' | 'zh-CN';

/** The words, from the definitions area's messages like every other string (both languages, same keys). */
type ChangeWords = (typeof definitionsMessages)['en']['changeWords'];
const words = (locale: DiffLocale): ChangeWords => definitionsMessages[locale].changeWords;

/** Fills `{{name}}` placeholders: describeChange is called with a locale, outside React and i18next. */
function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
}

function segments(pointer: string): string[] {
  return pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function at(body: unknown, path: string[]): unknown {
  return path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), body);
}

function text(value: unknown, locale: DiffLocale): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    const s = v[locale] ?? v.en ?? v['zh-CN'];
    if (typeof s === 'string') return s;
  }
  return undefined;
}

/** The display name of a list item: its title/label/name in the locale, else its key or id. */
function itemName(item: unknown, locale: DiffLocale): string {
  const o = (item ?? {}) as Record<string, unknown>;
  return text(o.title, locale) ?? text(o.label, locale) ?? text(o.name, locale) ?? String(o.key ?? o.id ?? '');
}

/** A value in words: required true/false reads as required/optional, short JSON for anything structured. */
function valueText(prop: string, value: unknown, locale: DiffLocale): string {
  const w = words(locale);
  if (value === undefined || value === null) return w.none;
  if (prop === 'required' && typeof value === 'boolean') return value ? w.required : w.optional;
  if (typeof value === 'boolean') return value ? w.yes : w.no;
  const localized = text(value, locale);
  if (localized !== undefined) return fill(w.quoted, { text: localized });
  const json = JSON.stringify(value);
  return json.length > 60 ? json.slice(0, 57) + '…' : json;
}

const isListNoun = (w: ChangeWords, segment: string): segment is keyof ChangeWords['noun'] => Object.hasOwn(w.noun, segment);

/**
 * One change in words, e.g. "Added step 'NDA signing'" or "Changed field 'Last working day':
 * required → optional". Items are named by their title in the newer definition (older one for removals).
 */
export function describeChange(change: Change, before: unknown, after: unknown, locale: DiffLocale): string {
  const w = words(locale);
  const verb = w.verb[change.kind];
  const path = segments(change.path);
  const listAt = path.findIndex((s, i) => isListNoun(w, s) && /^\d+$/.test(path[i + 1] ?? ''));
  const body = change.kind === 'removed' ? before : after;
  if (listAt >= 0) {
    const noun = w.noun[path[listAt] as keyof ChangeWords['noun']];
    const name = itemName(at(body, path.slice(0, listAt + 2)), locale);
    const rest = path.slice(listAt + 2);
    const item = fill(w.item, { verb, noun, name });
    if (rest.length === 0) return item;
    const prop = rest.filter((s) => !/^\d+$/.test(s)).join('.');
    const last = rest[rest.length - 1]!;
    // "required → optional" names itself; any other property is named before its values.
    const property = prop === 'required' ? '' : fill(w.propertyName, { property: prop });
    return fill(w.itemProperty, { item, property, before: valueText(last, change.before, locale), after: valueText(last, change.after, locale) });
  }
  const property = path.filter((s) => !/^\d+$/.test(s)).join('.') || w.order;
  const last = path[path.length - 1] ?? '';
  if (change.kind === 'added') return fill(w.added, { verb, property, value: valueText(last, change.after, locale) });
  if (change.kind === 'removed') return fill(w.removed, { verb, property });
  return fill(w.changed, { verb, property, before: valueText(last, change.before, locale), after: valueText(last, change.after, locale) });
}

/** The label of the disclosure that holds the raw JSON diff. */
export function technicalDetailsLabel(locale: DiffLocale): string {
  return words(locale).details;
}
