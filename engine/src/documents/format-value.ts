import { isDateString } from '../calendar/calendar-date.js';
import { instantToZonedDate, instantToZonedTime } from '../calendar/zoned-time.js';
import type { Locale } from '../i18n/localized-text.js';

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Default patterns: Chinese certificates write 2025年07月31日; English ones 31 July 2025. */
const LONG_DATE: Record<Locale, string> = { 'zh-CN': 'YYYY年MM月DD日', en: 'D MMMM YYYY' };

/** The calendar date (YYYY-MM-DD) and wall-clock time (HH:mm, when known) of a date or an ISO instant. */
function dateParts(value: unknown, timeZone: string): { date: string; time?: string } | undefined {
  if (isDateString(value)) return { date: value };
  if (typeof value === 'string' && INSTANT.test(value) && !Number.isNaN(Date.parse(value))) {
    return { date: instantToZonedDate(value, timeZone), time: instantToZonedTime(value, timeZone) };
  }
  return undefined;
}

/**
 * Formats a date with a pattern: YYYY, MMMM (month name, English), MM, M, DD, D; anything else is kept.
 * "long" (the default) and "short" (YYYY-MM-DD) name the usual patterns.
 */
export function formatDateValue(value: unknown, locale: Locale, timeZone: string, pattern?: string): string | undefined {
  const parts = dateParts(value, timeZone);
  if (!parts) return undefined;
  const [y = '', m = '', d = ''] = parts.date.split('-');
  const chosen = !pattern || pattern === 'long' ? LONG_DATE[locale] : pattern === 'short' ? 'YYYY-MM-DD' : pattern;
  return chosen.replace(/YYYY|MMMM|MM|M|DD|D/g, (token) => {
    switch (token) {
      case 'YYYY': return y;
      case 'MMMM': return MONTHS_EN[Number(m) - 1] ?? m;
      case 'MM': return m;
      case 'M': return String(Number(m));
      case 'DD': return d;
      default: return String(Number(d));
    }
  });
}

export function formatTimeValue(value: unknown, timeZone: string): string | undefined {
  return dateParts(value, timeZone)?.time;
}

/** Date and time; a bare date prints as a date. */
export function formatDateTimeValue(value: unknown, locale: Locale, timeZone: string, pattern?: string): string | undefined {
  const date = formatDateValue(value, locale, timeZone, pattern);
  if (date === undefined) return undefined;
  const time = formatTimeValue(value, timeZone);
  return time === undefined ? date : locale === 'en' ? `${date}, ${time}` : `${date} ${time}`;
}

function toNumber(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** Intl's grouping and digits for the locale; `arg` is the number of decimals. */
export function formatNumberValue(value: unknown, locale: Locale, arg?: string): string | undefined {
  const n = toNumber(value);
  if (n === undefined) return undefined;
  const digits = arg !== undefined && /^\d$/.test(arg) ? Number(arg) : undefined;
  return new Intl.NumberFormat(locale, digits === undefined ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

/** A money amount; `arg` is the ISO currency (CNY by default). */
export function formatMoneyValue(value: unknown, locale: Locale, arg?: string): string | undefined {
  const n = toNumber(value);
  if (n === undefined) return undefined;
  const currency = arg && /^[A-Z]{3}$/.test(arg) ? arg : 'CNY';
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(n);
}

/** A ratio (0.25) as a percentage (25%); `arg` is the number of decimals. */
export function formatPercentValue(value: unknown, locale: Locale, arg?: string): string | undefined {
  const n = toNumber(value);
  if (n === undefined) return undefined;
  const digits = arg !== undefined && /^\d$/.test(arg) ? Number(arg) : 0;
  return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

export const YES_NO: Record<Locale, [string, string]> = { 'zh-CN': ['是', '否'], en: ['Yes', 'No'] };

/** How a list of values is joined when a placeholder prints one: 、 in Chinese, a comma in English. */
export const LIST_SEPARATOR: Record<Locale, string> = { 'zh-CN': '、', en: ', ' };
