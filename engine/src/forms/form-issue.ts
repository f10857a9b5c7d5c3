import { errorSpec } from '../errors/error-catalogue.js';
import type { Issue } from '../errors/issue.js';
import { format, LOCALES, type Locale } from '../i18n/localized-text.js';

/**
 * Like `issue()`, but params may differ per locale (a field label is "Last working day" in one and
 * "最后工作日" in the other). `params` on the Issue are the English ones plus `params.field`.
 */
export function localizedIssue(
  code: string,
  path: string,
  params: (locale: Locale) => Record<string, unknown>,
  locale: Locale,
): Issue {
  const spec = errorSpec(code);
  if (!spec) throw new Error(`unknown error code ${code}: declare it with defineErrors`);
  const messages = {} as Record<Locale, string>;
  for (const l of LOCALES) messages[l] = format(spec[l], params(l), l);
  return { code, path, message: messages[locale], messages, params: params('en') };
}
