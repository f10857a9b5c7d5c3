import type { Locale } from '../i18n/localized-text.js';

/** One phrase in both locales. */
export interface Words {
  en: string;
  'zh-CN': string;
}

/**
 * Where a JSON Pointer lands, in an analyst's words: the item it is in ("Step 6 ‘Manager approval’",
 * "the connection from ‘Start’ to ‘Review’", or the definition itself: "this flow") and the segments
 * below that item ("name", "config/assignees/0"), which schema-error-wording.ts turns into a noun.
 */
export interface Place {
  /** The item, capitalised as a sentence starts. */
  item: Words;
  /** What kind of item (for context-dependent nouns: a field's "fields" are its columns). */
  itemKind: string;
  /** Pointer segments below the item. */
  rest: string[];
}

const KIND_NOUNS: Record<string, Words> = {
  form: { en: 'This form', 'zh-CN': '此表单' },
  flow: { en: 'This flow', 'zh-CN': '此流程' },
  rule: { en: 'This rule', 'zh-CN': '此规则' },
  report: { en: 'This report', 'zh-CN': '此报表' },
  document: { en: 'This document template', 'zh-CN': '此文档模板' },
  connector: { en: 'This connector', 'zh-CN': '此连接器' },
  pack: { en: 'This pack', 'zh-CN': '此应用包' },
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIndex = (s: string | undefined): s is string => s !== undefined && /^(0|[1-9]\d*)$/.test(s);

/** The text of a label for a locale (either form of LocalizedText), or undefined when there is none. */
export function labelText(value: unknown, locale: Locale): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (!isObj(value)) return undefined;
  const other: Locale = locale === 'en' ? 'zh-CN' : 'en';
  for (const l of [locale, other]) {
    const text = value[l];
    if (typeof text === 'string' && text.trim() !== '') return text;
  }
  return undefined;
}

/** What an item is called: its label, name or title, else its key or id (short, so a sentence stays readable). */
function titleOf(item: unknown, locale: Locale): string | undefined {
  if (!isObj(item)) return undefined;
  for (const prop of ['name', 'label', 'title']) {
    const text = labelText(item[prop], locale);
    if (text !== undefined) return clip(text);
  }
  for (const prop of ['key', 'id', 'field']) if (typeof item[prop] === 'string' && item[prop] !== '') return clip(item[prop]);
  return undefined;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** "Step 6 ‘Manager approval’" / "第 6 步“经理审批”", or without the quote when the item has no title. */
function numbered(en: string, zh: (n: number) => string, n: number, title: Words | undefined): Words {
  return {
    en: title ? `${en} ${n} ‘${title.en}’` : `${en} ${n}`,
    'zh-CN': title ? `${zh(n)}“${title['zh-CN']}”` : zh(n),
  };
}

function named(en: string, zh: string, n: number, title: Words | undefined): Words {
  return title ? { en: `${en} ‘${title.en}’`, 'zh-CN': `${zh}“${title['zh-CN']}”` } : numbered(en, (k) => `第 ${k} 个${zh}`, n, undefined);
}

function titles(item: unknown): Words | undefined {
  const en = titleOf(item, 'en');
  const zh = titleOf(item, 'zh-CN');
  return en === undefined || zh === undefined ? undefined : { en, 'zh-CN': zh };
}

function nodeTitle(def: Obj, id: unknown): Words {
  const node = Array.isArray(def.nodes) ? def.nodes.find((n) => isObj(n) && n.id === id) : undefined;
  return titles(node) ?? { en: String(id), 'zh-CN': String(id) };
}

type ItemWords = (def: Obj, item: unknown, n: number) => Words;

/**
 * The path patterns: an array under the definition (or under an item) and how one of its items reads.
 * Only the shapes the definition schemas have; a pointer into anything else is worded by its property.
 */
const ITEMS: Record<string, { kind: string; words: ItemWords }> = {
  nodes: { kind: 'node', words: (_d, item, n) => numbered('Step', (k) => `第 ${k} 步`, n, titles(item)) },
  edges: {
    kind: 'edge',
    words: (def, item, n) => {
      if (!isObj(item) || typeof item.from !== 'string' || typeof item.to !== 'string') return numbered('Connection', (k) => `第 ${k} 条连线`, n, undefined);
      const a = nodeTitle(def, item.from);
      const b = nodeTitle(def, item.to);
      return { en: `The connection from ‘${a.en}’ to ‘${b.en}’`, 'zh-CN': `从“${a['zh-CN']}”到“${b['zh-CN']}”的连线` };
    },
  },
  fields: { kind: 'field', words: (_d, item, n) => named('Field', '字段', n, titles(item)) },
  sections: { kind: 'section', words: (_d, item, n) => numbered('Section', (k) => `第 ${k} 个分区`, n, titles(item)) },
  validations: { kind: 'validation', words: (_d, _item, n) => numbered('Validation rule', (k) => `第 ${k} 条校验规则`, n, undefined) },
  actions: {
    kind: 'action',
    words: (_d, item, n) => {
      const type = isObj(item) && typeof item.type === 'string' ? item.type : undefined;
      return type ? { en: `Action ${n} (${type})`, 'zh-CN': `第 ${n} 个动作（${type}）` } : numbered('Action', (k) => `第 ${k} 个动作`, n, undefined);
    },
  },
  measures: { kind: 'measure', words: (_d, item, n) => numbered('Measure', (k) => `第 ${k} 个度量`, n, titles(item)) },
  dimensions: { kind: 'dimension', words: (_d, item, n) => numbered('Dimension', (k) => `第 ${k} 个维度`, n, titles(item)) },
  filters: { kind: 'filter', words: (_d, item, n) => numbered('Filter', (k) => `第 ${k} 个筛选条件`, n, titles(item)) },
  parameters: { kind: 'parameter', words: (_d, item, n) => named('Parameter', '参数', n, titles(item)) },
  body: { kind: 'block', words: (_d, _item, n) => numbered('Block', (k) => `正文第 ${k} 块`, n, undefined) },
  definitions: { kind: 'entry', words: (_d, item, n) => numbered('Definition', (k) => `第 ${k} 个定义`, n, titles(item)) },
  roles: { kind: 'role', words: (_d, item, n) => named('Role', '角色', n, titles(item)) },
  connectors: { kind: 'connector-slot', words: (_d, item, n) => named('Connector slot', '连接器槽位', n, titles(item)) },
  scenarios: { kind: 'scenario', words: (_d, item, n) => named('Scenario', '场景', n, titles(item)) },
};

/** Objects (not arrays) under the definition that read as an item of their own. */
const SINGLE: Record<string, Words> = {
  trigger: { en: 'The trigger', 'zh-CN': '触发器' },
  chart: { en: 'The chart', 'zh-CN': '图表' },
  page: { en: 'The page setup', 'zh-CN': '页面设置' },
};

/** Column j of a sub-table field: "Column ‘Asset’ of field ‘Assets’". */
function column(field: Words, item: unknown, n: number): Words {
  const title = titles(item);
  const c = title ?? { en: String(n), 'zh-CN': String(n) };
  return title
    ? { en: `Column ‘${c.en}’ of ${lower(field.en)}`, 'zh-CN': `${field['zh-CN']}的列“${c['zh-CN']}”` }
    : { en: `Column ${n} of ${lower(field.en)}`, 'zh-CN': `${field['zh-CN']}的第 ${n} 列` };
}

export function lower(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Finds the item `segments` (a pointer relative to the definition) is in; `kind` is the definition's kind. */
export function placeOf(def: unknown, kind: string, segments: readonly string[]): Place {
  const root = isObj(def) ? def : {};
  const whole: Place = { item: KIND_NOUNS[kind] ?? { en: 'This definition', 'zh-CN': '此定义' }, itemKind: kind, rest: [...segments] };
  const [head, index, sub, subIndex] = segments;
  if (head === undefined) return whole;
  const single = SINGLE[head];
  if (single && isObj(root[head])) return { item: single, itemKind: head, rest: segments.slice(1) };
  const pattern = ITEMS[head];
  const list = root[head];
  if (!pattern || !isIndex(index) || !Array.isArray(list) || Number(index) >= list.length) return whole;
  const item = list[Number(index)];
  const words = pattern.words(root, item, Number(index) + 1);
  const columns = isObj(item) ? item.fields : undefined;
  if (pattern.kind === 'field' && sub === 'fields' && isIndex(subIndex) && Array.isArray(columns) && Number(subIndex) < columns.length) {
    return { item: column(words, columns[Number(subIndex)], Number(subIndex) + 1), itemKind: 'column', rest: segments.slice(4) };
  }
  return { item: words, itemKind: pattern.kind, rest: segments.slice(2) };
}

/** The value a pointer (as segments) names in `def`, or undefined. */
export function valueAt(def: unknown, segments: readonly string[]): unknown {
  let at: unknown = def;
  for (const s of segments) {
    if (Array.isArray(at) && isIndex(s)) at = at[Number(s)];
    else if (isObj(at) && Object.hasOwn(at, s)) at = at[s];
    else return undefined;
  }
  return at;
}
