import type { FieldChange } from '@baton/client';
import type { FormDefinition, Locale } from '@baton/engine';
import { localizeText, type Localizable } from '../../app/i18n/localized.js';
import { displayValue, type DisplayField } from '../records/record-display.js';
import { workspaceMessages } from '../workspace-messages.js';

export type FormField = FormDefinition['fields'][number];

/** What turns stored ids into names: people, records (by relation path), departments. Unknown: undefined. */
export interface ValueNames {
  personName(id: string): string | undefined;
  /** `path` is the relation's field ("customerId") or sub-table column ("customers.customerId"). */
  recordName(path: string, id: string): string | undefined;
  departmentName(id: string): string | undefined;
}

export interface ValueContext extends ValueNames {
  locale: Locale;
  /** Longest text shown before "…" (the timeline keeps lines short); none: whole. */
  clip?: number;
}

const PEOPLE = new Set(['user', 'person', 'users']);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value nobody filled in: shown as "—". */
export function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** A secret as every answer carries it (runtime-api masked-secret.ts): never a value. */
export function isMasked(value: unknown): boolean {
  return isObject(value) && value.sealed === true;
}

/** "2026-12-15" in the reader's language ("Dec 15, 2026", "2026年12月15日"), the day as written (no time zone shift). */
export function formatDay(value: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return value;
  const day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(day);
}

function formatMoment(value: string, locale: Locale): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

function formatMoney(value: Record<string, unknown>, locale: Locale): string {
  const amount = typeof value.amount === 'string' || typeof value.amount === 'number' ? String(value.amount) : '';
  const currency = typeof value.currency === 'string' ? value.currency : '';
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(Number(amount));
  } catch {
    return `${currency} ${amount}`.trim();
  }
}

function clipped(text: string, max: number | undefined): string {
  return max !== undefined && text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** "3 rows" / "3 行". */
export function rowsText(count: number, locale: Locale): string {
  const words = workspaceMessages[locale].value;
  return (count === 1 ? words.rows_one : words.rows_other).replace('{{count}}', String(count));
}

const listSeparator = (locale: Locale): string => (locale === 'zh-CN' ? '、' : ', ');

/**
 * One stored value of `field` in words: an option's label, a person's or record's name, a date in the
 * reader's language, "Yes"/"No", a money amount, file names, "3 rows" for a sub-table, "(secret)" for a
 * secret, "—" when empty. `path` is the field's relation path (for a sub-table column: "table.column").
 */
export function valueText(field: FormField | undefined, value: unknown, ctx: ValueContext, path = field?.key ?? ''): string {
  const words = workspaceMessages[ctx.locale].value;
  if (field?.type === 'secret' || isMasked(value)) return words.secret;
  if (isEmptyValue(value)) return words.empty;
  const type = field?.type ?? '';
  if (type === 'sub-table') return Array.isArray(value) ? rowsText(value.length, ctx.locale) : words.empty;
  const label = (text: unknown, fallback: string) => localizeText(text as Localizable, ctx.locale, fallback);
  const one = (v: unknown): string => {
    if (isEmptyValue(v)) return words.empty;
    if (type === 'relation' && typeof v === 'string') return ctx.recordName(path, v) ?? v;
    if (type === 'department' && typeof v === 'string') return ctx.departmentName(v) ?? v;
    if (field && (PEOPLE.has(type) || (field.config as { options?: unknown } | undefined)?.options)) {
      const shown = displayValue(field as DisplayField, v, { label, personName: ctx.personName });
      if (typeof shown === 'string') return shown;
    }
    if (typeof v === 'boolean') return v ? words.yes : words.no;
    if (typeof v === 'number') return new Intl.NumberFormat(ctx.locale).format(v);
    if (typeof v === 'string') {
      if (type === 'date') return formatDay(v, ctx.locale);
      if (type === 'date-time') return formatMoment(v, ctx.locale);
      return clipped(v, ctx.clip);
    }
    if (isObject(v)) {
      if (type === 'money' || ('amount' in v && 'currency' in v)) return formatMoney(v, ctx.locale);
      if (type === 'signature' || 'signedAt' in v) return typeof v.signedAt === 'string' ? words.signedOn.replace('{{when}}', formatMoment(v.signedAt, ctx.locale)) : words.signed;
      if (typeof v.name === 'string') return v.name; // a file reference
    }
    // A plugin's value of a shape this page does not know: its text, kept short.
    return clipped(JSON.stringify(v), ctx.clip ?? 80);
  };
  return Array.isArray(value) ? value.map(one).join(listSeparator(ctx.locale)) : one(value);
}

/** A change as a line: the field's label, the value before (null: none to show, e.g. a secret) and after. */
export interface ChangeLine {
  field: string;
  label: string;
  from: string | null;
  to: string;
}

/**
 * "Last working day: Dec 1, 2026 → Dec 15, 2026". A secret says only that it changed; a sub-table gives
 * its row counts ("Assets: 3 rows → 4 rows", or "3 rows, edited" when only cells changed).
 */
export function changeLine(change: FieldChange, field: FormField | undefined, ctx: ValueContext): ChangeLine {
  const words = workspaceMessages[ctx.locale].value;
  const label = field ? localizeText(field.label as Localizable, ctx.locale, change.field) : change.field;
  if (change.secret || field?.type === 'secret') return { field: change.field, label, from: null, to: words.secretChanged };
  if (field?.type === 'sub-table' || (Array.isArray(change.from) && change.from.some(isObject)) || (Array.isArray(change.to) && change.to.some(isObject))) {
    const before = Array.isArray(change.from) ? change.from.length : 0;
    const after = Array.isArray(change.to) ? change.to.length : 0;
    if (before === after) return { field: change.field, label, from: null, to: words.edited.replace('{{rows}}', rowsText(after, ctx.locale)) };
    return { field: change.field, label, from: rowsText(before, ctx.locale), to: rowsText(after, ctx.locale) };
  }
  return { field: change.field, label, from: valueText(field, change.from, ctx), to: valueText(field, change.to, ctx) };
}

/**
 * The top-level fields of the forms an instance's data comes from, by key: the start form's first, then
 * each step's own form (an exit interview, a settlement) for the keys the start form does not declare.
 */
export function fieldsByKey(forms: ReadonlyArray<FormDefinition | undefined>): Map<string, FormField> {
  const out = new Map<string, FormField>();
  for (const form of forms) for (const field of form?.fields ?? []) if (!out.has(field.key)) out.set(field.key, field);
  return out;
}
