import type { LocalizedText } from '../i18n/localized-text.js';

/**
 * `x-expected` on a string schema: one sentence per locale saying what to enter, shown instead of the raw
 * pattern or format when the value fails its type, pattern or format ("Enter an amount such as 1234.56",
 * never "matches the pattern ^(0|[1-9]…"). Built-in field types set it; a plugin's may too.
 */
export const EXPECTED_KEYWORD = 'x-expected';

export interface ExpectedText {
  en: string;
  'zh-CN': string;
}

/** What to enter for the formats a person types (the others keep the generic "a valid {format}" wording). */
const FORMAT_EXPECTED: Readonly<Record<string, ExpectedText>> = {
  date: { en: 'Enter a date as YYYY-MM-DD, for example 2030-06-28.', 'zh-CN': '请按 YYYY-MM-DD 格式填写日期，例如 2030-06-28。' },
  'date-time': { en: 'Enter a date and time, for example 2030-06-28T09:00:00+08:00.', 'zh-CN': '请填写日期和时间，例如 2030-06-28T09:00:00+08:00。' },
  time: { en: 'Enter a time as HH:mm, for example 09:30.', 'zh-CN': '请按 HH:mm 格式填写时间，例如 09:30。' },
  email: { en: 'Enter an email address, for example name@example.com.', 'zh-CN': '请填写电子邮件地址，例如 name@example.com。' },
  uri: { en: 'Enter a web address that starts with its scheme, for example https://example.com.', 'zh-CN': '请填写以协议开头的网址，例如 https://example.com。' },
};

function both(text: unknown): ExpectedText | undefined {
  if (typeof text === 'string' && text !== '') return { en: text, 'zh-CN': text };
  if (text === null || typeof text !== 'object') return undefined;
  const { en, 'zh-CN': zh } = text as { en?: unknown; 'zh-CN'?: unknown };
  const e = typeof en === 'string' ? en : undefined;
  const z = typeof zh === 'string' ? zh : undefined;
  return e || z ? { en: (e ?? z) as string, 'zh-CN': (z ?? e) as string } : undefined;
}

/** The schema's own `x-expected` (read once, when the schema is compiled). */
export function expectedOf(schema: Record<string, unknown>): ExpectedText | undefined {
  return both(schema[EXPECTED_KEYWORD] as LocalizedText | undefined);
}

/** What an error's params say to enter: the schema's `x-expected`, else the wording of its known format. */
export function expectedFor(params: Record<string, unknown>): ExpectedText | undefined {
  return both(params.expected) ?? (typeof params.format === 'string' ? FORMAT_EXPECTED[params.format] : undefined);
}
