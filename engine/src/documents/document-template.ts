import { parsePlaceholders, type Placeholder } from '../definitions/document-placeholders.js';
import type { Locale } from '../i18n/localized-text.js';
import type { PageText } from './document-layout.js';
import { fillPlaceholder, type RenderEnv, type Scope } from './resolve-placeholder.js';

/** A template split once into literal text and placeholders. */
export type CompiledTemplate = Array<string | Placeholder>;

/** A template as the schema types it: one string for both locales, or one per locale. */
export type TemplateText = string | { en?: string; 'zh-CN'?: string };

/** Templates per locale, parsed at compile time so a render only fills them. */
export type LocalizedTemplate = Partial<Record<Locale, CompiledTemplate>>;

export function compileTemplate(text: string): CompiledTemplate {
  const { placeholders } = parsePlaceholders(text);
  const out: CompiledTemplate = [];
  let at = 0;
  // Malformed placeholders stay literal text: validateDefinition reports them before publishing.
  for (const p of placeholders) {
    const start = text.indexOf(p.raw, at);
    if (start < 0) continue;
    if (start > at) out.push(text.slice(at, start));
    out.push(p);
    at = start + p.raw.length;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

export function compileLocalized(text: TemplateText | undefined): LocalizedTemplate | undefined {
  if (text === undefined) return undefined;
  if (typeof text === 'string') {
    const one = compileTemplate(text);
    return { en: one, 'zh-CN': one };
  }
  const out: LocalizedTemplate = {};
  if (text.en !== undefined) out.en = compileTemplate(text.en);
  if (text['zh-CN'] !== undefined) out['zh-CN'] = compileTemplate(text['zh-CN']);
  return out;
}

/** The locale's variant, falling back to the other one so a text is never lost. */
export function pick(template: LocalizedTemplate | undefined, locale: Locale): CompiledTemplate | undefined {
  if (!template) return undefined;
  return template[locale] ?? template.en ?? template['zh-CN'];
}

/** Placeholders that printed nothing, for the layout's `missing` list. */
export type MissingSink = Set<string>;

export function fillTemplate(template: CompiledTemplate | undefined, scope: Scope, env: RenderEnv, missing: MissingSink): string {
  if (!template) return '';
  let out = '';
  for (const part of template) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    const text = fillPlaceholder(part, scope, env);
    if (text === '') missing.add(part.raw);
    out += text;
  }
  return out;
}

/** Like fillTemplate, but leaves {{$page}} and {{$pages}} for the renderer, which alone knows them. */
export function fillPageTemplate(template: CompiledTemplate | undefined, scope: Scope, env: RenderEnv, missing: MissingSink): PageText | undefined {
  if (!template) return undefined;
  const out: PageText = [];
  let text = '';
  for (const part of template) {
    if (typeof part !== 'string' && (part.path === '$page' || part.path === '$pages')) {
      if (text !== '') out.push(text);
      text = '';
      out.push({ pageVar: part.path === '$page' ? 'page' : 'pages' });
      continue;
    }
    text += fillTemplate([part], scope, env, missing);
  }
  if (text !== '') out.push(text);
  return out;
}
