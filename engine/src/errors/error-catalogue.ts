import { format, type Locale } from '../i18n/localized-text.js';
import type { Issue } from './issue.js';

/**
 * An entry of the error catalogue: a stable code, the HTTP status the runtime answers with, and a message
 * per locale that tells the user what to change. Placeholders are `{name}`.
 */
export interface ErrorSpec {
  status: number;
  en: string;
  'zh-CN': string;
}

const catalogue = new Map<string, ErrorSpec>();

/**
 * Each module declares its own codes next to the code that raises them; this keeps one global catalogue
 * (for docs and the API) without one file every module must edit. Codes start with `BATON_E_`.
 */
export function defineErrors<const T extends Record<string, ErrorSpec>>(specs: T): { [K in keyof T]: K } {
  const codes = {} as { [K in keyof T]: K };
  for (const [code, spec] of Object.entries(specs)) {
    if (!code.startsWith('BATON_E_')) throw new Error(`error code ${code} must start with BATON_E_`);
    const existing = catalogue.get(code);
    if (existing && existing.en !== spec.en) throw new Error(`error code ${code} is defined twice`);
    catalogue.set(code, spec);
    (codes as Record<string, string>)[code] = code;
  }
  return codes;
}

export function errorSpec(code: string): ErrorSpec | undefined {
  return catalogue.get(code);
}

/** Every registered code, for the API's error reference. */
export function listErrorCodes(): Array<{ code: string } & ErrorSpec> {
  return [...catalogue.entries()].map(([code, spec]) => ({ code, ...spec }));
}

/** Builds an Issue with messages in both locales; `message` is in `locale`. */
export function issue(code: string, path: string, params: Record<string, unknown> = {}, locale: Locale = 'en'): Issue {
  const spec = catalogue.get(code);
  if (!spec) throw new Error(`unknown error code ${code}: declare it with defineErrors`);
  const messages = { en: format(spec.en, params, 'en'), 'zh-CN': format(spec['zh-CN'], params, 'zh-CN') };
  return { code, path, message: messages[locale], messages, params };
}

/** A thrown error that carries a catalogue code, its HTTP status and the issues behind it. */
export class BatonError extends Error {
  readonly code: string;
  readonly status: number;
  readonly issues: Issue[];
  constructor(code: string, params: Record<string, unknown> = {}, issues: Issue[] = [], path = '') {
    const first = issue(code, path, params);
    super(first.message);
    this.name = 'BatonError';
    this.code = code;
    this.status = errorSpec(code)?.status ?? 400;
    this.issues = issues.length > 0 ? issues : [first];
  }
}
