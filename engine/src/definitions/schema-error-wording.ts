import type { Issue } from '../errors/issue.js';
import { format, type Locale } from '../i18n/localized-text.js';
import { lower, placeOf, valueAt, type Words } from './schema-error-places.js';
import { patternWords } from './schema-pattern-wording.js';
import { LABEL_PROPS, nounOf, type Noun } from './schema-property-nouns.js';

/**
 * Rewrites the message of a schema issue (BATON_E_SCHEMA_*) found in a definition so that it names the
 * thing in an analyst's words: "Step 6 ‘Manager approval’ needs a name in at least one language." instead
 * of "Add properties: at least 1 property is needed." The code, path and params stay as they were, so a
 * client that reacts to codes or pointers sees no change. Works from code + params + path + the definition,
 * so issues of nested schemas (a node's config, an action's params) are worded the same way.
 */
export function wordSchemaIssue(found: Issue, def: unknown, kind: string, relPath: string, locale: Locale): Issue {
  const wording = WORDINGS[found.code];
  if (!wording) return found;
  const segments = splitPointer(relPath);
  const messages = wording({ issue: found, def, kind, segments, params: found.params ?? {} });
  if (!messages) return found;
  return { ...found, message: messages[locale], messages: { en: messages.en, 'zh-CN': messages['zh-CN'] } };
}

interface Ctx {
  issue: Issue;
  def: unknown;
  kind: string;
  segments: string[];
  params: Record<string, unknown>;
}

type Wording = (ctx: Ctx) => Words | undefined;

function splitPointer(path: string): string[] {
  if (path === '') return [];
  return path.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const isIndex = (s: string | undefined): boolean => s !== undefined && /^(0|[1-9]\d*)$/.test(s);

/** Properties that only hold an item's settings: "the assignees of step 4", not "the assignees of the settings of step 4". */
const IMPLIED = new Set(['config', 'params']);

/** "the amount of the deadline" / "时限的数量" for the segments below an item (at most three nouns). */
function propertyPhrase(rest: readonly string[], itemKind: string): Words | undefined {
  const parts: Array<{ noun: Noun; prop: string; entry?: number }> = [];
  rest.forEach((s, i) => {
    const last = parts[parts.length - 1];
    if (isIndex(s) && last && last.entry === undefined) last.entry = Number(s) + 1;
    else if (isIndex(s)) parts.push({ noun: { en: 'list', a: 'a list', zh: '列表' }, prop: '', entry: Number(s) + 1 });
    else parts.push({ noun: nounOf(s, i === 0 ? itemKind : ''), prop: s });
  });
  const kept = parts.filter((p, i) => !(i < parts.length - 1 && p.entry === undefined && IMPLIED.has(p.prop)));
  const shown = kept.slice(-3);
  if (shown.length === 0) return undefined;
  const en = [...shown].reverse().map((p) => (p.entry === undefined ? `the ${p.noun.en}` : `entry ${p.entry} of the ${p.noun.en}`)).join(' of ');
  const zh = shown.map((p) => (p.entry === undefined ? p.noun.zh : `${p.noun.zh}的第 ${p.entry} 项`)).join('的');
  return { en, 'zh-CN': zh };
}

/** The thing a pointer names, as a sentence's subject: "The name of step 6 ‘Review’" / "第 6 步“审核”的名称". */
function subjectOf(ctx: Ctx, segments: readonly string[]): Words {
  const place = placeOf(ctx.def, ctx.kind, segments);
  const phrase = propertyPhrase(place.rest, place.itemKind);
  if (!phrase) return place.item;
  return { en: cap(`${phrase.en} of ${lower(place.item.en)}`), 'zh-CN': `${place.item['zh-CN']}的${phrase['zh-CN']}` };
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const lastOf = (segments: readonly string[]): string => segments[segments.length - 1] ?? '';
/** The object a property is in; a node's or action's `config`/`params` is the node or action itself. */
function parentOf(segments: readonly string[]): string[] {
  const parent = segments.slice(0, -1);
  return parent.length > 1 && IMPLIED.has(lastOf(parent)) ? parent.slice(0, -1) : parent;
}

/** The item kind a child property is read in (so a field's "fields" are its columns). */
function childNoun(ctx: Ctx, segments: readonly string[]): Noun {
  const parent = parentOf(segments);
  const place = placeOf(ctx.def, ctx.kind, parent);
  return nounOf(lastOf(segments), place.rest.length === 0 ? place.itemKind : '');
}

/** Text and key-like properties are "filled in"; anything else is "set". */
function fillVerb(prop: string): string {
  return LABEL_PROPS.has(prop) || prop === 'key' || prop === 'id' ? '填写' : '设置';
}

function isLabel(ctx: Ctx, segments: readonly string[]): boolean {
  if (LABEL_PROPS.has(lastOf(segments))) return true;
  const value = valueAt(ctx.def, segments);
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).every((k) => k === 'en' || k === 'zh-CN');
}

function plural(template: string, limit: unknown): string {
  return format(template, { limit: Number(limit) }, 'en');
}

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text === undefined ? '' : text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** Any other keyword: the subject, then the catalogue's own sentence. */
const prefixed: Wording = (ctx) => {
  const s = subjectOf(ctx, ctx.segments);
  return { en: `${s.en}: ${ctx.issue.messages.en}`, 'zh-CN': `${s['zh-CN']}：${ctx.issue.messages['zh-CN']}` };
};

const required: Wording = (ctx) => {
  const s = subjectOf(ctx, parentOf(ctx.segments));
  const noun = childNoun(ctx, ctx.segments);
  return { en: `${s.en} needs ${noun.a}.`, 'zh-CN': `请为${s['zh-CN']}${fillVerb(lastOf(ctx.segments))}${noun.zh}。` };
};

const notAllowed: Wording = (ctx) => {
  const s = subjectOf(ctx, parentOf(ctx.segments));
  const prop = lastOf(ctx.segments);
  return {
    en: `${s.en} has a setting ‘${prop}’ that does not belong there: remove it, or check its spelling.`,
    'zh-CN': `${s['zh-CN']}包含不允许的设置“${prop}”：请删除它，或检查拼写。`,
  };
};

const minProperties: Wording = (ctx) => {
  if (isLabel(ctx, ctx.segments) && Number(ctx.params.limit) <= 1) {
    const s = subjectOf(ctx, parentOf(ctx.segments));
    const noun = childNoun(ctx, ctx.segments);
    return { en: `${s.en} needs ${noun.a} in at least one language.`, 'zh-CN': `请为${s['zh-CN']}填写至少一种语言的${noun.zh}。` };
  }
  return itemCount(true)(ctx);
};

const TYPE_EN: Record<string, string> = { 'a string': 'text' };
const type: Wording = (ctx) => {
  const s = subjectOf(ctx, ctx.segments);
  const t = String(ctx.params.type ?? '');
  return { en: `${s.en} must be ${TYPE_EN[t] ?? t}.`, 'zh-CN': `${s['zh-CN']}必须是${String(ctx.params.typeZh ?? t)}。` };
};

const oneOf: Wording = (ctx) => {
  const s = subjectOf(ctx, ctx.segments);
  if (isLabel(ctx, ctx.segments)) {
    return { en: `${s.en} must be text, or a text for each language.`, 'zh-CN': `${s['zh-CN']}必须是文本，或按语言分别填写的文本。` };
  }
  return {
    en: `${s.en} does not have any of the allowed forms: compare it with the description of this setting.`,
    'zh-CN': `${s['zh-CN']}不符合任何一种允许的格式：请对照此设置的说明修改。`,
  };
};

const choice: Wording = (ctx) => {
  const s = subjectOf(ctx, ctx.segments);
  const allowed = String(ctx.params.allowed ?? '');
  return ctx.issue.code.endsWith('_CONST')
    ? { en: `${s.en} must be ${allowed}.`, 'zh-CN': `${s['zh-CN']}必须是 ${allowed}。` }
    : { en: `${s.en} must be one of: ${allowed}.`, 'zh-CN': `${s['zh-CN']}必须是以下之一：${allowed}。` };
};

const minLength: Wording = (ctx) => {
  const s = subjectOf(ctx, ctx.segments);
  if (Number(ctx.params.limit) <= 1) return { en: `${s.en} must not be empty.`, 'zh-CN': `${s['zh-CN']}不能为空，请填写。` };
  return {
    en: `${s.en} must be at least ${plural('{limit, plural, one {# character} other {# characters}}', ctx.params.limit)} long.`,
    'zh-CN': `${s['zh-CN']}至少需要 ${String(ctx.params.limit)} 个字符。`,
  };
};

const maxLength: Wording = (ctx) => {
  const s = subjectOf(ctx, ctx.segments);
  return {
    en: `${s.en} is too long: at most ${plural('{limit, plural, one {# character} other {# characters}}', ctx.params.limit)}.`,
    'zh-CN': `${s['zh-CN']}过长：最多 ${String(ctx.params.limit)} 个字符。`,
  };
};

const pattern: Wording = (ctx) => {
  if (ctx.params.expected !== undefined) return prefixed(ctx);
  const s = subjectOf(ctx, ctx.segments);
  const rule = patternWords(ctx.params.pattern);
  const now = shown(valueAt(ctx.def, ctx.segments));
  return { en: `${s.en} (now ‘${now}’) ${rule.en}.`, 'zh-CN': `${s['zh-CN']}（当前为“${now}”）${rule['zh-CN']}。` };
};

const itemCount = (more: boolean): Wording => (ctx) => {
  const s = subjectOf(ctx, ctx.segments);
  const n = plural('{limit, plural, one {# entry} other {# entries}}', ctx.params.limit);
  return more
    ? { en: `Add at least ${n} to ${lower(s.en)}.`, 'zh-CN': `${s['zh-CN']}至少需要 ${String(ctx.params.limit)} 项，请添加。` }
    : { en: `Remove entries from ${lower(s.en)}: at most ${n} allowed.`, 'zh-CN': `${s['zh-CN']}最多只能有 ${String(ctx.params.limit)} 项，请删除多余的。` };
};

const bound = (en: string, zh: string): Wording => (ctx) => {
  const s = subjectOf(ctx, ctx.segments);
  const limit = String(ctx.params.limit);
  return { en: `${s.en} must be ${en.replace('#', limit)}.`, 'zh-CN': `${s['zh-CN']}必须${zh.replace('#', limit)}。` };
};

const unique: Wording = (ctx) => {
  const s = subjectOf(ctx, ctx.segments);
  const i = Number(ctx.params.i) + 1;
  const j = Number(ctx.params.j) + 1;
  return { en: `${s.en} lists the same entry twice (entries ${i} and ${j}): remove one.`, 'zh-CN': `${s['zh-CN']}中第 ${i} 项与第 ${j} 项重复：请删除其一。` };
};

const formatWording: Wording = (ctx) => {
  if (ctx.params.expected !== undefined) return prefixed(ctx);
  const s = subjectOf(ctx, ctx.segments);
  const f = String(ctx.params.format ?? '');
  return { en: `${s.en} must be a valid ${f}.`, 'zh-CN': `${s['zh-CN']}必须是有效的 ${f}。` };
};

const dependent: Wording = (ctx) => {
  const s = subjectOf(ctx, parentOf(ctx.segments));
  const noun = childNoun(ctx, ctx.segments);
  const dep = String(ctx.params.dependency ?? '');
  return { en: `${s.en} needs ${noun.a} because it has ‘${dep}’.`, 'zh-CN': `${s['zh-CN']}设置了“${dep}”，因此请${fillVerb(lastOf(ctx.segments))}${noun.zh}。` };
};

const discriminator: Wording = (ctx) => {
  const s = subjectOf(ctx, parentOf(ctx.segments));
  const noun = childNoun(ctx, ctx.segments);
  const allowed = String(ctx.params.allowed ?? '');
  return { en: `${s.en} needs ${noun.a} that is one of: ${allowed}.`, 'zh-CN': `${s['zh-CN']}的${noun.zh}必须是以下之一：${allowed}。` };
};

/** One wording per catalogue code (schema-errors.ts); codes not listed keep the catalogue's sentence. */
const WORDINGS: Record<string, Wording> = {
  BATON_E_SCHEMA_REQUIRED: required,
  BATON_E_SCHEMA_DEPENDENT_REQUIRED: dependent,
  BATON_E_SCHEMA_ADDITIONAL_PROPERTIES: notAllowed,
  BATON_E_SCHEMA_UNEVALUATED_PROPERTIES: notAllowed,
  BATON_E_SCHEMA_MIN_PROPERTIES: minProperties,
  BATON_E_SCHEMA_TYPE: (ctx) => (ctx.params.expected !== undefined ? prefixed(ctx) : type(ctx)),
  BATON_E_SCHEMA_ENUM: choice,
  BATON_E_SCHEMA_CONST: choice,
  BATON_E_SCHEMA_MIN_LENGTH: minLength,
  BATON_E_SCHEMA_MAX_LENGTH: maxLength,
  BATON_E_SCHEMA_PATTERN: pattern,
  BATON_E_SCHEMA_FORMAT: formatWording,
  BATON_E_SCHEMA_MIN_ITEMS: itemCount(true),
  BATON_E_SCHEMA_MAX_ITEMS: itemCount(false),
  BATON_E_SCHEMA_MINIMUM: bound('# or more', '不小于 #'),
  BATON_E_SCHEMA_MAXIMUM: bound('# or less', '不大于 #'),
  BATON_E_SCHEMA_EXCLUSIVE_MINIMUM: bound('more than #', '大于 #'),
  BATON_E_SCHEMA_EXCLUSIVE_MAXIMUM: bound('less than #', '小于 #'),
  BATON_E_SCHEMA_MULTIPLE_OF: bound('a multiple of #', '是 # 的倍数'),
  BATON_E_SCHEMA_UNIQUE_ITEMS: unique,
  BATON_E_SCHEMA_ONE_OF: oneOf,
  BATON_E_SCHEMA_ANY_OF: oneOf,
  BATON_E_SCHEMA_DISCRIMINATOR: discriminator,
  BATON_E_SCHEMA_PROPERTY_NAMES: prefixed,
  BATON_E_SCHEMA_CONTAINS: prefixed,
  BATON_E_SCHEMA_NOT: prefixed,
  BATON_E_SCHEMA_FALSE_SCHEMA: prefixed,
  BATON_E_SCHEMA_ADDITIONAL_ITEMS: prefixed,
  BATON_E_SCHEMA_UNEVALUATED_ITEMS: prefixed,
  BATON_E_SCHEMA_INVALID: prefixed,
};
