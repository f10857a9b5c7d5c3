/**
 * Plural forms in message templates, ICU style: `{limit, plural, one {# item is} other {# items are}}`.
 * The branch is picked with Intl.PluralRules for the message's locale (English: one / other; Chinese has
 * only "other"), `=N` branches match a number exactly, and `#` stands for the number. Branch texts hold
 * no other placeholders. Pure: Intl.PluralRules needs no I/O.
 */

const BLOCK = /\{(\w+),\s*plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;
const BRANCH = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;

const rulesByLocale = new Map<string, Intl.PluralRules>();

/** The CLDR plural category of `count` in `locale` ("one", "other", …); not a finite number → "other". */
export function pluralCategory(count: unknown, locale: string): Intl.LDMLPluralRule {
  const n = typeof count === 'number' ? count : typeof count === 'string' && count.trim() !== '' ? Number(count) : NaN;
  if (!Number.isFinite(n)) return 'other';
  let rules = rulesByLocale.get(locale);
  if (!rules) rulesByLocale.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(n);
}

function branches(body: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of body.matchAll(BRANCH)) out.set(m[1] as string, m[2] as string);
  return out;
}

/** Whether a template may hold a plural block: a cheap test, so templates without one pay nothing more. */
export function mayHavePlural(template: string): boolean {
  return template.includes('plural');
}

/**
 * Replaces every plural block by the branch that fits its number, with `#` turned into `{name}` so the
 * ordinary placeholder filling writes the number. A block without an `other` branch stays as written.
 */
export function selectPlurals(template: string, params: Record<string, unknown>, locale: string): string {
  return template.replace(BLOCK, (whole, name: string, body: string) => {
    const forms = branches(body);
    if (!forms.has('other')) return whole;
    const value = params[name];
    const exact = typeof value === 'number' || typeof value === 'string' ? forms.get(`=${String(value).trim()}`) : undefined;
    const chosen = exact ?? forms.get(pluralCategory(value, locale)) ?? (forms.get('other') as string);
    return chosen.replace(/#/g, `{${name}}`);
  });
}
