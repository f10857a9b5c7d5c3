import type { Change } from './definition-diff.js';

export type DiffLocale = 'en' | 'zh-CN';

const NOUNS: Record<string, { en: string; 'zh-CN': string }> = {
  fields: { en: 'field', 'zh-CN': '字段' },
  nodes: { en: 'step', 'zh-CN': '步骤' },
  edges: { en: 'connection', 'zh-CN': '连线' },
  actions: { en: 'action', 'zh-CN': '动作' },
  validations: { en: 'validation', 'zh-CN': '校验' },
  blocks: { en: 'block', 'zh-CN': '内容块' },
};

const WORDS = {
  en: { added: 'Added', removed: 'Removed', changed: 'Changed', yes: 'yes', no: 'no', none: '(none)', order: 'order', details: 'Technical details (JSON)' },
  'zh-CN': { added: '新增', removed: '删除', changed: '修改', yes: '是', no: '否', none: '（无）', order: '顺序', details: '技术细节（JSON）' },
} as const;

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
  const w = WORDS[locale];
  if (value === undefined || value === null) return w.none;
  if (prop === 'required' && typeof value === 'boolean') return locale === 'en' ? (value ? 'required' : 'optional') : value ? '必填' : '选填';
  if (typeof value === 'boolean') return value ? w.yes : w.no;
  const localized = text(value, locale);
  if (localized !== undefined) return `'${localized}'`;
  const json = JSON.stringify(value);
  return json.length > 60 ? json.slice(0, 57) + '…' : json;
}

/**
 * One change in words, e.g. "Added step 'NDA signing'" or "Changed field 'Last working day':
 * required → optional". Items are named by their title in the newer definition (older one for removals).
 */
export function describeChange(change: Change, before: unknown, after: unknown, locale: DiffLocale): string {
  const w = WORDS[locale];
  const path = segments(change.path);
  const listAt = path.findIndex((s, i) => NOUNS[s] !== undefined && /^\d+$/.test(path[i + 1] ?? ''));
  const body = change.kind === 'removed' ? before : after;
  const sep = locale === 'en' ? ' ' : '';
  if (listAt >= 0) {
    const noun = NOUNS[path[listAt]!]![locale];
    const name = itemName(at(body, path.slice(0, listAt + 2)), locale);
    const rest = path.slice(listAt + 2);
    const subject = `${noun}${sep}'${name}'`;
    if (rest.length === 0) return `${w[change.kind]}${sep}${subject}`;
    const prop = rest.filter((s) => !/^\d+$/.test(s)).join('.');
    // "required → optional" names itself; any other property is named before its values.
    const named = prop === 'required' ? '' : `${prop} `;
    return `${w[change.kind]}${sep}${subject}: ${named}${valueText(rest[rest.length - 1]!, change.before, locale)} → ${valueText(rest[rest.length - 1]!, change.after, locale)}`;
  }
  const prop = path.filter((s) => !/^\d+$/.test(s)).join('.') || w.order;
  const last = path[path.length - 1] ?? '';
  if (change.kind === 'added') return `${w.added}${sep}${prop}: ${valueText(last, change.after, locale)}`;
  if (change.kind === 'removed') return `${w.removed}${sep}${prop}`;
  return `${w.changed}${sep}${prop}: ${valueText(last, change.before, locale)} → ${valueText(last, change.after, locale)}`;
}

/** The label of the disclosure that holds the raw JSON diff. */
export function technicalDetailsLabel(locale: DiffLocale): string {
  return WORDS[locale].details;
}
