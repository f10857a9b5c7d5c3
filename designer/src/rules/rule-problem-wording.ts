import type { Locale } from '@baton/engine';
import { isAssigneeUnion, isLocalizedTextUnion, unionBranches } from './action-issues.js';

type Schema = Record<string, unknown>;

const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The words a problem sentence is made of: the rules area's messages and the panels' property labels. */
export interface RuleWording {
  locale: Locale;
  /** The `rules` namespace (i18next's `t`, plurals by `count`). */
  t: (key: string, options?: Record<string, unknown>) => string;
  /** A registry property name in words ("assignees" → "Assignees"), as the generated panels show it. */
  label: (name: string) => string | undefined;
  /** An enum value in words ("business-days" → "working days"). */
  enumLabel: (value: string) => string | undefined;
}

/** One step of the way from a panel to the value: a named property (by its label) or a list entry. */
export type FieldPart = { label: string } | { index: number };

/** What a problem is about: the field (outermost first) and the schema of its value, when known. */
export interface ProblemPlace {
  parts: FieldPart[];
  schema?: unknown;
}

/** What the engine reports (DisplayIssue plus what the worker's Issue carries). */
export interface EngineIssue {
  code: string;
  path: string;
  message: string;
  messages?: Partial<Record<Locale, string>>;
  params?: Record<string, unknown>;
}

/** "name" → "Name": the words a property without a label or title shows as (prepare-schema's humanize). */
export function humanizeName(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A property's label: the schema's own title wins (as in the panel), then the registry label, then its name in words. */
export function propertyLabel(name: string, schema: unknown, w: RuleWording): string {
  if (isObject(schema) && typeof schema.title === 'string' && schema.title !== '') return schema.title;
  return w.label(name) ?? humanizeName(name);
}

/**
 * The labelled parts of a pointer inside a params / config schema ("/to/0/role" → To, entry 1, Role) and
 * the schema of the value. Unions are searched for the branch that has the property (an assignee row).
 */
export function placeInSchema(schema: unknown, segments: readonly string[], w: RuleWording, overrides: Record<string, string> = {}): ProblemPlace {
  const parts: FieldPart[] = [];
  let node: unknown = schema;
  for (const [depth, segment] of segments.entries()) {
    const holder = isObject(node) ? [node, ...unionBranches(node)].find((s) => isObject(s.properties) && segment in s.properties) : undefined;
    if (holder) {
      node = (holder.properties as Schema)[segment];
      parts.push({ label: depth === 0 && overrides[segment] ? overrides[segment] : propertyLabel(segment, node, w) });
    } else if (/^\d+$/.test(segment)) {
      node = isObject(node) && isObject(node.items) ? node.items : undefined;
      parts.push({ index: Number(segment) });
    } else {
      node = undefined;
      parts.push({ label: depth === 0 && overrides[segment] ? overrides[segment] : propertyLabel(segment, undefined, w) });
    }
  }
  return { parts, schema: node };
}

/** The field in words: 'Role' (To, entry 1), entry 2 of 'To', or "This value" when the problem is the panel's own. */
export function fieldPhrase(parts: readonly FieldPart[], w: RuleWording): string {
  const quoted = (label: string) => w.t('problem.quoted', { label });
  const entry = (index: number) => w.t('problem.entry', { n: index + 1 });
  let last = -1;
  parts.forEach((p, i) => {
    if ('label' in p) last = i;
  });
  if (last < 0) return parts.length > 0 ? entry((parts[parts.length - 1] as { index: number }).index) : w.t('problem.thisValue');
  const named = parts[last] as { label: string };
  const after = parts.slice(last + 1);
  const context = parts.slice(0, last).map((p) => ('label' in p ? p.label : entry(p.index)));
  let phrase = quoted(named.label);
  if (after.length > 0) phrase = w.t('problem.entryOf', { field: phrase, n: (after[after.length - 1] as { index: number }).index + 1 });
  if (context.length > 0) phrase = w.t('problem.within', { field: phrase, context: context.join(w.t('problem.listSeparator')) });
  return phrase;
}

const TYPE_WORDS = new Set(['integer', 'number', 'string', 'boolean', 'array', 'object', 'null']);
/** The engine's English type words (params.type of BATON_E_SCHEMA_TYPE) back to JSON Schema type names. */
const ENGINE_TYPE_WORDS: Record<string, string> = {
  'a string': 'string', 'a number': 'number', 'an integer': 'integer', 'true or false': 'boolean', 'an object': 'object', 'an array': 'array', null: 'null',
};

function typesOf(schema: unknown, params: Record<string, unknown> | undefined): string[] {
  if (isObject(schema)) {
    const type = schema.type;
    if (typeof type === 'string' && TYPE_WORDS.has(type)) return [type];
    if (Array.isArray(type) && type.every((x) => typeof x === 'string' && TYPE_WORDS.has(x))) return type as string[];
  }
  const said = typeof params?.type === 'string' ? params.type.split(' or ').map((x) => ENGINE_TYPE_WORDS[x]) : [];
  return said.length > 0 && said.every((x): x is string => x !== undefined) ? said : [];
}

function joinOr(words: readonly string[], w: RuleWording): string {
  return [...new Set(words)].join(w.t('problem.or'));
}

const typeWord = (type: string, w: RuleWording) => w.t(`problem.type.${type}`);

/** An allowed value in words: an enum's label, else the value itself. */
function valueWord(value: unknown, w: RuleWording): string {
  return typeof value === 'string' ? (w.enumLabel(value) ?? value) : JSON.stringify(value);
}

/** One alternative of a union in words ("a whole number", "a pack parameter"); undefined when it has no plain name. */
function branchWord(branch: Schema, w: RuleWording): string | undefined {
  if ('const' in branch) return valueWord(branch.const, w);
  const props = isObject(branch.properties) ? branch.properties : undefined;
  if (props && 'param' in props && Array.isArray(branch.required) && branch.required.includes('param')) return w.t('problem.packParameter');
  const types = typesOf(branch, undefined);
  return types.length > 0 ? joinOr(types.map((t) => typeWord(t, w)), w) : undefined;
}

/** A failed oneOf/anyOf in words: a text per language, a person row, or "must be A or B" from its branches. */
function unionSentence(schema: unknown, field: string, w: RuleWording): string {
  if (isObject(schema) && isLocalizedTextUnion(schema)) return w.t('problem.text', { field });
  if (isObject(schema) && isAssigneeUnion(schema)) return w.t('problem.assignee', { field });
  const words = isObject(schema) ? unionBranches(schema).map((b) => branchWord(b, w)) : [];
  if (words.length > 0 && words.every((x) => x !== undefined)) return w.t('problem.mustBe', { field, expected: joinOr(words as string[], w) });
  return w.t('problem.notAllowedValue', { field });
}

const KEY_PATTERN = '^[a-z][a-z0-9-]*$';
const TIME_PATTERN = '^([01][0-9]|2[0-3]):[0-5][0-9]$';

function limitOf(issue: EngineIssue, schema: unknown, keyword: string): number | undefined {
  const said = issue.params?.limit;
  if (typeof said === 'number') return said;
  const own = isObject(schema) ? schema[keyword] : undefined;
  return typeof own === 'number' ? own : undefined;
}

/** Localized text is an object of en / zh-CN: "at least one property" means "in at least one language". */
function isTextObject(schema: unknown): boolean {
  return isObject(schema) && isObject(schema.properties) && 'en' in schema.properties && 'zh-CN' in schema.properties;
}

/** The engine's own sentence in the UI's language. */
export function engineMessage(issue: EngineIssue, locale: Locale): string {
  return issue.messages?.[locale] ?? issue.message;
}

/**
 * What is wrong with the field, as a sentence about it: "'Days before' must be a whole number." One wording
 * per JSON Schema keyword (by the engine's BATON_E_SCHEMA_* code), limits and allowed values taken from the
 * issue's params or the schema. A code that is not a schema keyword (the engine's rule checks) keeps the
 * engine's own sentence, which already says what to do.
 */
export function problemWhat(issue: EngineIssue, place: ProblemPlace, w: RuleWording): string {
  const field = fieldPhrase(place.parts, w);
  const schema = place.schema;
  const p = issue.params ?? {};
  const say = (key: string, options: Record<string, unknown> = {}) => w.t(`problem.${key}`, { field, ...options });
  const count = (keyword: string) => limitOf(issue, schema, keyword);
  const withCount = (key: string, keyword: string) => {
    const n = count(keyword);
    return n === undefined ? fieldSays() : say(key, { count: n });
  };
  const fieldSays = () => (place.parts.length > 0 ? say('fieldSays', { message: engineMessage(issue, w.locale) }) : engineMessage(issue, w.locale));
  switch (issue.code) {
    case 'BATON_E_SCHEMA_REQUIRED':
      return say('required');
    case 'BATON_E_SCHEMA_DEPENDENT_REQUIRED':
      return say('requiredWith', { other: w.t('problem.quoted', { label: propertyLabel(String(p.dependency ?? ''), undefined, w) }) });
    case 'BATON_E_SCHEMA_TYPE': {
      const types = typesOf(schema, p);
      return types.length > 0 ? say('mustBe', { expected: joinOr(types.map((t) => typeWord(t, w)), w) }) : fieldSays();
    }
    case 'BATON_E_SCHEMA_ENUM': {
      const values = isObject(schema) && Array.isArray(schema.enum) ? schema.enum.map((v) => valueWord(v, w)).join(w.t('problem.listSeparator')) : String(p.allowed ?? '');
      return say('oneOf', { allowed: values });
    }
    case 'BATON_E_SCHEMA_CONST':
      return say('mustBe', { expected: isObject(schema) && 'const' in schema ? valueWord(schema.const, w) : String(p.allowed ?? '') });
    case 'BATON_E_SCHEMA_DISCRIMINATOR':
      return say('oneOf', { allowed: String(p.allowed ?? '') });
    case 'BATON_E_SCHEMA_MINIMUM':
      return withCount('atLeast', 'minimum');
    case 'BATON_E_SCHEMA_MAXIMUM':
      return withCount('atMost', 'maximum');
    case 'BATON_E_SCHEMA_EXCLUSIVE_MINIMUM':
      return withCount('moreThan', 'exclusiveMinimum');
    case 'BATON_E_SCHEMA_EXCLUSIVE_MAXIMUM':
      return withCount('lessThan', 'exclusiveMaximum');
    case 'BATON_E_SCHEMA_MULTIPLE_OF':
      return withCount('multipleOf', 'multipleOf');
    case 'BATON_E_SCHEMA_MIN_LENGTH':
      return count('minLength') === 1 ? say('notEmpty') : withCount('minLength', 'minLength');
    case 'BATON_E_SCHEMA_MAX_LENGTH':
      return withCount('maxLength', 'maxLength');
    case 'BATON_E_SCHEMA_MIN_ITEMS':
      return withCount('minEntries', 'minItems');
    case 'BATON_E_SCHEMA_MAX_ITEMS':
      return withCount('maxEntries', 'maxItems');
    case 'BATON_E_SCHEMA_MIN_PROPERTIES':
      return isTextObject(schema) ? say('text') : withCount('minEntries', 'minProperties');
    case 'BATON_E_SCHEMA_MAX_PROPERTIES':
      return withCount('maxEntries', 'maxProperties');
    case 'BATON_E_SCHEMA_UNIQUE_ITEMS':
      return say('duplicate');
    case 'BATON_E_SCHEMA_ADDITIONAL_PROPERTIES':
    case 'BATON_E_SCHEMA_UNEVALUATED_PROPERTIES':
      return say('unknownSetting');
    case 'BATON_E_SCHEMA_PROPERTY_NAMES':
      return say('badName');
    case 'BATON_E_SCHEMA_ADDITIONAL_ITEMS':
    case 'BATON_E_SCHEMA_UNEVALUATED_ITEMS':
      return withCount('maxEntries', 'maxItems');
    case 'BATON_E_SCHEMA_PATTERN':
      if (p.expected !== undefined) return fieldSays();
      if (p.pattern === KEY_PATTERN) return say('keyPattern');
      if (p.pattern === TIME_PATTERN) return say('timePattern');
      return say('pattern', { pattern: String(p.pattern ?? (isObject(schema) ? schema.pattern : '') ?? '') });
    case 'BATON_E_SCHEMA_FORMAT':
      return p.expected !== undefined ? fieldSays() : say('format', { format: String(p.format ?? '') });
    case 'BATON_E_SCHEMA_ONE_OF':
    case 'BATON_E_SCHEMA_ANY_OF':
      return unionSentence(schema, field, w);
    case 'BATON_E_SCHEMA_NOT':
    case 'BATON_E_SCHEMA_FALSE_SCHEMA':
      return say('notAllowed');
    default:
      return issue.code.startsWith('BATON_E_SCHEMA_') ? fieldSays() : engineMessage(issue, w.locale);
  }
}

/** English sentences start with a capital letter ("Entry 2 of 'To' …"); Chinese has none. */
export function sentenceCase(text: string, locale: Locale): string {
  return locale === 'en' ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}
