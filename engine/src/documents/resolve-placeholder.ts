import type { DirectoryUser } from '../directory/directory.js';
import { localize, type Locale, type LocalizedText } from '../i18n/localized-text.js';
import type { Placeholder } from '../definitions/document-placeholders.js';
import type { DocumentInput } from './document-input.js';
import type { FieldMeta, FieldMetaMap } from './document-fields.js';
import { recordDisplayValue } from '../forms/record-display.js';
import {
  formatDateTimeValue,
  formatDateValue,
  formatMoneyValue,
  formatNumberValue,
  formatPercentValue,
  formatTimeValue,
  LIST_SEPARATOR,
  YES_NO,
} from './format-value.js';

/** Where a template is filled: the data (or a table row) and the `$` variables beside it. */
export interface Scope {
  root: Record<string, unknown>;
  rootFields: FieldMetaMap | undefined;
  vars: Record<string, unknown>;
  /** Field metadata of the `$` variables that have some ($parent, $instance, $confirmation). */
  varFields: Record<string, FieldMetaMap | undefined>;
}

export interface RenderEnv {
  input: DocumentInput;
  locale: Locale;
  timeZone: string;
  /** Field metadata of related collection forms, by form key. */
  relatedFields?: ReadonlyMap<string, FieldMetaMap>;
}

/** A value on its way through a placeholder's filters, with the field it came from when known. */
interface Resolved {
  value: unknown;
  meta?: FieldMeta | undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

function englishAttribute(user: DirectoryUser, name: string, locale: Locale): string | undefined {
  const value = user.attributes[name];
  return locale === 'en' && typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A person's name in the locale: English documents use `attributes.englishName` when the directory has it. */
export function userDisplayName(user: DirectoryUser, locale: Locale): string {
  return englishAttribute(user, 'englishName', locale) ?? user.name;
}

type Kind = 'user' | 'department' | 'record';

function kindOf(id: string, meta: FieldMeta | undefined, env: RenderEnv, guess: boolean): Kind | undefined {
  if (meta?.type === 'user') return 'user';
  if (meta?.type === 'department') return 'department';
  if (meta?.type === 'relation') return 'record';
  if (!guess) return undefined;
  const { directory, record } = env.input;
  if (directory?.user(id)) return 'user';
  if (directory?.department(id)) return 'department';
  if (record?.(id)) return 'record';
  return undefined;
}

/** The name of whatever an id points at; the id itself when it points at nothing known. */
function displayOf(id: string, meta: FieldMeta | undefined, env: RenderEnv, guess: boolean): string {
  const kind = kindOf(id, meta, env, guess);
  const { directory, record } = env.input;
  if (kind === 'user') {
    const user = directory?.user(id);
    return user ? userDisplayName(user, env.locale) : id;
  }
  if (kind === 'department') return directory?.department(id)?.name ?? id;
  if (kind === 'record') {
    const data = record?.(id)?.data;
    if (!data) return id;
    return recordDisplayValue(data, meta?.displayField) ?? id;
  }
  return id;
}

/** One step below an id: a directory attribute of a user or department, or a field of a related record. */
function dereference(id: string, meta: FieldMeta | undefined, segment: string, env: RenderEnv): Resolved {
  const kind = kindOf(id, meta, env, true);
  const { directory, record } = env.input;
  if (kind === 'user') {
    const user = directory?.user(id);
    if (!user) return { value: undefined };
    switch (segment) {
      case 'name': return { value: userDisplayName(user, env.locale) };
      case 'id': return { value: user.id };
      case 'department': return { value: user.departmentId, meta: { type: 'department' } };
      case 'manager': return { value: user.managerId, meta: { type: 'user' } };
      case 'departmentId': return { value: user.departmentId };
      case 'managerId': return { value: user.managerId };
      case 'position': return { value: englishAttribute(user, 'englishPosition', env.locale) ?? user.position };
      case 'hireDate': return { value: user.hireDate, meta: { type: 'date' } };
      case 'leaveDate': return { value: user.leaveDate, meta: { type: 'date' } };
      case 'email': return { value: user.email };
      case 'mobile': return { value: user.mobile };
      case 'roles': return { value: user.roles };
      default: return { value: user.attributes[segment] };
    }
  }
  if (kind === 'department') {
    const dept = directory?.department(id);
    if (!dept) return { value: undefined };
    if (segment === 'head') return { value: dept.headId, meta: { type: 'user' } };
    if (segment === 'parent') return { value: dept.parentId, meta: { type: 'department' } };
    return { value: (dept as unknown as Record<string, unknown>)[segment] };
  }
  if (kind === 'record') {
    const found = record?.(id);
    return { value: found?.data[segment], meta: found ? env.relatedFields?.get(found.formKey)?.get(segment) : undefined };
  }
  return { value: undefined };
}

/** Follows a dotted path from the scope: fields, sub-objects, then attributes of whatever an id points at. */
export function resolvePath(path: string, scope: Scope, env: RenderEnv): Resolved {
  const [first = '', ...rest] = path.split('.');
  let current: Resolved;
  let fields: FieldMetaMap | undefined;
  if (first.startsWith('$')) {
    current = { value: scope.vars[first] };
    fields = scope.varFields[first];
  } else {
    current = { value: scope.root[first], meta: scope.rootFields?.get(first) };
  }
  for (const segment of rest) {
    const { value } = current;
    if (fields) {
      current = { value: isRecord(value) ? value[segment] : undefined, meta: fields.get(segment) };
      fields = undefined;
    } else if (isRecord(value)) {
      current = { value: value[segment], meta: current.meta?.columns?.get(segment) };
    } else if (typeof value === 'string' && value !== '') {
      current = dereference(value, current.meta, segment, env);
    } else {
      return { value: undefined };
    }
  }
  return current;
}

function labelOf(value: unknown, meta: FieldMeta | undefined, locale: Locale): unknown {
  const options = meta?.options;
  if (!options) return value;
  const one = (v: unknown) => {
    const option = options.find((o) => o.value === v);
    return option ? localize(option.label as LocalizedText, locale) : v;
  };
  return Array.isArray(value) ? value.map(one) : one(value);
}

/** Turns a value into text: names for ids of users, departments and records; lists joined; '' for nothing. */
export function stringify(resolved: Resolved, env: RenderEnv, guessNames = false): string {
  const { value, meta } = resolved;
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) {
    return value.map((v) => stringify({ value: v, meta }, env, guessNames)).filter((s) => s !== '').join(LIST_SEPARATOR[env.locale]);
  }
  if (typeof value === 'string') {
    if (value !== '' && (guessNames || meta?.type === 'user' || meta?.type === 'department' || meta?.type === 'relation')) {
      return displayOf(value, meta, env, guessNames);
    }
    if (meta?.type === 'date') return formatDateValue(value, env.locale, env.timeZone) ?? value;
    if (meta?.type === 'date-time') return formatDateTimeValue(value, env.locale, env.timeZone) ?? value;
    return value;
  }
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return YES_NO[env.locale][value ? 0 : 1];
  return '';
}

type Filter = Placeholder['filters'][number];

function applyFilter(current: Resolved, filter: Filter, env: RenderEnv): Resolved {
  const { value, meta } = current;
  const { locale, timeZone } = env;
  switch (filter.name) {
    case 'name': return { value: stringify(current, env, true) };
    case 'label': return { value: labelOf(value, meta, locale) };
    case 'date': return { value: formatDateValue(value, locale, timeZone, filter.arg) };
    case 'datetime': return { value: formatDateTimeValue(value, locale, timeZone, filter.arg) };
    case 'time': return { value: formatTimeValue(value, timeZone) };
    case 'number': return { value: formatNumberValue(value, locale, filter.arg) };
    case 'money': return { value: formatMoneyValue(value, locale, filter.arg) };
    case 'percent': return { value: formatPercentValue(value, locale, filter.arg) };
    case 'upper': return { value: isEmpty(value) ? value : stringify(current, env).toUpperCase() };
    case 'lower': return { value: isEmpty(value) ? value : stringify(current, env).toLowerCase() };
    case 'default': return isEmpty(value) || stringify(current, env) === '' ? { value: filter.arg ?? '' } : current;
    case 'join':
      return Array.isArray(value)
        ? { value: value.map((v) => stringify({ value: v, meta }, env)).join(filter.arg ?? LIST_SEPARATOR[locale]) }
        : current;
    case 'yesno': return isEmpty(value) ? { value: undefined } : { value: YES_NO[locale][value === true || value === 'true' ? 0 : 1] };
    case 'count': return { value: Array.isArray(value) ? value.length : 0 };
    default: return current;
  }
}

/** Fills one placeholder: its path, then its filters left to right, then text. */
export function fillPlaceholder(placeholder: Placeholder, scope: Scope, env: RenderEnv): string {
  let current = resolvePath(placeholder.path, scope, env);
  for (const filter of placeholder.filters) current = applyFilter(current, filter, env);
  return stringify(current, env);
}
