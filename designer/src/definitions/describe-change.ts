import type { Change } from './definition-diff.js';
import { definitionsMessages } from './definitions-messages.js';

export type DiffLocale = 'en' | 'zh-CN';

/** The words, from the definitions area's messages like every other string (both languages, same keys). */
type ChangeWords = (typeof definitionsMessages)['en']['changeWords'];
type ListNoun = keyof ChangeWords['noun'];
const words = (locale: DiffLocale): ChangeWords => definitionsMessages[locale].changeWords;

/** The title of a definition another one refers to (a flow's form), when the caller knows it. */
export type TitleOf = (kind: string, key: string) => string | undefined;

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

const isListNoun = (w: ChangeWords, segment: string): segment is ListNoun => Object.hasOwn(w.noun, segment);
const quoted = (w: ChangeWords, value: string) => fill(w.quoted, { text: value });

/** A node's title in `body` (its id when it has none): connections are named by the nodes they join. */
function nodeName(body: unknown, id: unknown, locale: DiffLocale): string {
  const nodes = at(body, ['nodes']);
  const node = Array.isArray(nodes) ? nodes.find((n) => (n as Record<string, unknown> | null)?.id === id) : undefined;
  return itemName(node, locale) || String(id ?? '');
}

/** The display name of a list item: its title/label/name in the locale, else its key or id. */
function itemName(item: unknown, locale: DiffLocale): string {
  const o = (item ?? {}) as Record<string, unknown>;
  return text(o.title, locale) ?? text(o.label, locale) ?? text(o.name, locale) ?? String(o.key ?? o.id ?? '');
}

/** "step ‘NDA signing’", or for a connection "the connection from ‘A’ to ‘B’". */
function itemPhrase(noun: ListNoun, item: unknown, body: unknown, locale: DiffLocale): string {
  const w = words(locale);
  const o = (item ?? {}) as Record<string, unknown>;
  if (noun === 'edges' && typeof o.from === 'string' && typeof o.to === 'string') {
    return fill(w.connection, { from: nodeName(body, o.from, locale), to: nodeName(body, o.to, locale) });
  }
  return fill(w.named, { noun: w.noun[noun], name: itemName(item, locale) });
}

/** A list's items by name, the first few only: "‘A’, ‘B’, ‘C’ and 4 more". */
function namesOf(noun: ListNoun | undefined, list: unknown[], body: unknown, locale: DiffLocale): string {
  const w = words(locale);
  const shown = list.slice(0, 5).map((x) => {
    if (x === null || typeof x !== 'object') return quoted(w, String(x));
    const e = x as Record<string, unknown>;
    if (noun === 'edges') return fill(w.arrow, { from: nodeName(body, e.from, locale), to: nodeName(body, e.to, locale) });
    return quoted(w, itemName(x, locale) || '…');
  });
  const rest = list.length - shown.length;
  return rest > 0 ? fill(w.andMore, { list: shown.join(w.comma), count: String(rest) }) : shown.join(w.comma);
}

/** A value in words, or undefined for a structured one (a condition, settings) that words cannot show briefly. */
function valueText(prop: string, value: unknown, body: unknown, locale: DiffLocale): string | undefined {
  const w = words(locale);
  if (value === undefined || value === null) return w.none;
  if (prop === 'required' && typeof value === 'boolean') return value ? w.required : w.optional;
  if (typeof value === 'boolean') return value ? w.yes : w.no;
  // A connection's ends are node ids: shown as the nodes' titles.
  if ((prop === 'from' || prop === 'to') && typeof value === 'string') return quoted(w, nodeName(body, value, locale));
  const localized = text(value, locale);
  if (localized !== undefined) return quoted(w, localized);
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.length === 0) return w.none;
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object' || text(v, locale) !== undefined || itemName(v, locale) !== '')) {
    return namesOf(isListNoun(w, prop) ? prop : undefined, value, body, locale);
  }
  return undefined;
}

/** A property path in words where the table knows it ("condition", "default path"), else as written. */
function propertyText(w: ChangeWords, path: string[]): string {
  const props = path.filter((s) => !/^\d+$/.test(s));
  const known = props.map((p) => (Object.hasOwn(w.property, p) ? w.property[p as keyof ChangeWords['property']] : p));
  return known.join(' › ');
}

// Properties that hold a JsonLogic expression: a change anywhere inside one is "condition changed".
const EXPRESSIONS = new Set(['condition', 'visibleIf', 'requiredIf', 'computed', 'assert', 'when', 'gate']);

/** The path up to an expression (or an operator such as "==") when the change is inside one, else undefined. */
function insideExpression(path: string[]): string[] | undefined {
  const cut = path.findIndex((s, i) => EXPRESSIONS.has(s) ? i < path.length - 1 : !/^(\d+|[A-Za-z_][\w-]*)$/.test(s));
  if (cut < 0) return undefined;
  return EXPRESSIONS.has(path[cut]!) ? path.slice(0, cut + 1) : path.slice(0, cut);
}

/** "Added 3 steps: ‘A’, ‘B’, ‘C’" when a whole list appears or goes (a first list of connections, say). */
function wholeList(change: Change, noun: ListNoun, body: unknown, locale: DiffLocale): string | undefined {
  const w = words(locale);
  const list = change.kind === 'removed' ? change.before : change.after;
  if (!Array.isArray(list) || change.kind === 'changed') return undefined;
  return fill(w.list, { verb: w.verb[change.kind], count: count(w, noun, list.length), names: namesOf(noun, list, body, locale) });
}

function count(w: ChangeWords, noun: ListNoun, n: number): string {
  return fill(w.count[`${noun}_${n === 1 ? 'one' : 'other'}`], { count: String(n) });
}

/**
 * One change in words, e.g. "Added step ‘NDA signing’", "Changed field ‘Last working day’: required →
 * optional" or "Changed the connection from ‘Manager approval’ to ‘HR’: condition changed". Items are named
 * by their title in the newer definition (older one for removals); no JSON is shown.
 */
export function describeChange(change: Change, before: unknown, after: unknown, locale: DiffLocale): string {
  const w = words(locale);
  const verb = w.verb[change.kind];
  const path = segments(change.path);
  const listAt = path.findIndex((s, i) => isListNoun(w, s) && /^\d+$/.test(path[i + 1] ?? ''));
  const body = change.kind === 'removed' ? before : after;
  if (listAt >= 0) {
    const noun = path[listAt] as ListNoun;
    const thing = itemPhrase(noun, at(body, path.slice(0, listAt + 2)), body, locale);
    const rest = path.slice(listAt + 2);
    if (rest.length === 0) return fill(w.item, { verb, thing });
    // Something inside an item that is there before and after: the item itself is changed.
    const item = fill(w.item, { verb: w.verb.changed, thing });
    if (rest[0] === 'position') return fill(w.moved, { thing: itemPhrase(noun, at(body, path.slice(0, listAt + 2)), body, locale) });
    const inside = insideExpression(rest);
    if (inside) return fill(w.itemPropertyChanged, { item, property: propertyText(w, inside), change: w.what.changed });
    const last = rest[rest.length - 1]!;
    const b = valueText(last, change.before, before, locale);
    const a = valueText(last, change.after, after, locale);
    // "required → optional" names itself; any other property is named before its values.
    const property = propertyText(w, rest);
    if (a === undefined || b === undefined) return fill(w.itemPropertyChanged, { item, property, change: w.what[change.kind] });
    return fill(w.itemProperty, { item, property: last === 'required' ? '' : fill(w.propertyName, { property }), before: b, after: a });
  }
  const last = path[path.length - 1] ?? '';
  if (isListNoun(w, last) && path.length === 1) {
    const list = wholeList(change, last, body, locale);
    if (list) return list;
  }
  const property = propertyText(w, path) || w.order;
  if (change.kind === 'removed') return fill(w.removed, { verb, property });
  const a = valueText(last, change.after, after, locale);
  if (change.kind === 'added') return a === undefined ? fill(w.removed, { verb, property }) : fill(w.added, { verb, property, value: a });
  const b = valueText(last, change.before, before, locale);
  // A structured value (a condition, settings) is named, not printed: the JSON is under "Technical details".
  if (a === undefined || b === undefined) return fill(w.removed, { verb, property });
  return fill(w.changed, { verb, property, before: b, after: a });
}

/**
 * A first version in one sentence: "First version of ‘Resignation’: 7 steps, 9 connections, form
 * ‘Resignation form’." Lists are counted; a flow's form is named by its title when `titleOf` knows it.
 */
export function describeFirstVersion(body: unknown, locale: DiffLocale, titleOf?: TitleOf): string {
  const w = words(locale);
  const o = (body ?? {}) as Record<string, unknown>;
  const parts = (Object.keys(w.noun) as ListNoun[]).flatMap((noun) => {
    const list = o[noun];
    return Array.isArray(list) && list.length > 0 ? [count(w, noun, list.length)] : [];
  });
  if (typeof o.form === 'string') parts.push(fill(w.formRef, { name: quoted(w, titleOf?.('form', o.form) ?? o.form) }));
  const title = quoted(w, text(o.title, locale) ?? String(o.key ?? ''));
  return parts.length > 0 ? fill(w.first, { title, parts: parts.join(w.comma) }) : fill(w.firstEmpty, { title });
}

/** The label of the disclosure that holds the raw JSON diff. */
export function technicalDetailsLabel(locale: DiffLocale): string {
  return words(locale).details;
}
