/** One `{{ path | filter:arg }}` occurrence in a document template. */
export interface Placeholder {
  raw: string;
  path: string;
  filters: Array<{ name: string; arg?: string }>;
}

const PATH = /^\$?[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const FILTER = /^([a-z][a-zA-Z-]*)(?::(.*))?$/;

/** The filters renderers implement; the document check refuses others so a typo is caught at design time. */
export const PLACEHOLDER_FILTERS = ['date', 'datetime', 'time', 'number', 'money', 'percent', 'upper', 'lower', 'default', 'join', 'name', 'label', 'yesno', 'count'] as const;

/**
 * Splits a template into placeholders; a malformed one (unclosed braces, a path with spaces) comes back in
 * `malformed` with its raw text, so the check can quote it.
 */
export function parsePlaceholders(template: string): { placeholders: Placeholder[]; malformed: string[] } {
  const placeholders: Placeholder[] = [];
  const malformed: string[] = [];
  let at = 0;
  for (;;) {
    const open = template.indexOf('{{', at);
    if (open < 0) break;
    const close = template.indexOf('}}', open + 2);
    const nextOpen = template.indexOf('{{', open + 2);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      malformed.push(template.slice(open, nextOpen >= 0 ? nextOpen : Math.min(template.length, open + 40)));
      at = open + 2;
      continue;
    }
    const raw = template.slice(open, close + 2);
    const [path = '', ...filterParts] = template.slice(open + 2, close).split('|').map((s) => s.trim());
    const filters = filterParts.map((f) => FILTER.exec(f));
    if (!PATH.test(path) || filters.some((f) => f === null)) malformed.push(raw);
    else placeholders.push({ raw, path, filters: filters.map((f) => ({ name: f?.[1] ?? '', ...(f?.[2] !== undefined ? { arg: f[2] } : {}) })) });
    at = close + 2;
  }
  return { placeholders, malformed };
}
