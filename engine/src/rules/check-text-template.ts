import { defineErrors, issue } from '../errors/error-catalogue.js';
import { pointer, type Issue } from '../errors/issue.js';
import type { Locale, LocalizedText } from '../i18n/localized-text.js';
import { parseTextTemplate, type TemplateProblem } from './text-template.js';

/** Problems in the text-template language itself (text-template.ts), found when a definition is published. */
export const TEMPLATE_ERRORS = defineErrors({
  BATON_E_TEMPLATE_UNCLOSED_SECTION: {
    status: 400,
    en: 'Section {tag} is never closed: end it with {close} in the same text.',
    'zh-CN': '段落 {tag} 没有结束：请在同一段文字中用 {close} 结束它。',
  },
  BATON_E_TEMPLATE_UNOPENED_SECTION: {
    status: 400,
    en: '{tag} closes a section that is not open here: remove it, or open the section before it ({open}).',
    'zh-CN': '{tag} 结束的段落在此处并未开始：请删除它，或在它之前开始该段落（{open}）。',
  },
  BATON_E_TEMPLATE_STRAY_ELSE: {
    status: 400,
    en: '{tag} stands outside a section, or a section has two of it: use it once, between {#if field} (or {#each field}) and its end.',
    'zh-CN': '{tag} 不在段落内，或同一段落中出现了两次：每个段落只能用一次，放在 {#if 字段}（或 {#each 字段}）与其结束标记之间。',
  },
  BATON_E_TEMPLATE_BAD_TAG: {
    status: 400,
    en: '"{tag}" is not a template tag: write {field}, {field|join:SEP}, {#if field}…{else}…{/if} or {#each field}…{/each}.',
    'zh-CN': '"{tag}" 不是有效的模板标记：请写作 {字段}、{字段|join:分隔符}、{#if 字段}…{else}…{/if} 或 {#each 字段}…{/each}。',
  },
});

const CODES: Record<TemplateProblem['kind'], string> = {
  unclosed: TEMPLATE_ERRORS.BATON_E_TEMPLATE_UNCLOSED_SECTION,
  unopened: TEMPLATE_ERRORS.BATON_E_TEMPLATE_UNOPENED_SECTION,
  'stray-else': TEMPLATE_ERRORS.BATON_E_TEMPLATE_STRAY_ELSE,
  'bad-tag': TEMPLATE_ERRORS.BATON_E_TEMPLATE_BAD_TAG,
};

/**
 * The syntax problems of a text template, each at `path` (plus the locale for a per-locale text). The
 * messages' syntax examples ({field}, {else}) are no params, so the formatter leaves them as written.
 */
export function checkTextTemplate(text: LocalizedText, path: string, locale: Locale): Issue[] {
  const strings: Array<[string, string]> = typeof text === 'string'
    ? [[path, text]]
    : Object.entries(text).filter((e): e is [string, string] => typeof e[1] === 'string').map(([l, s]) => [path + pointer(l), s]);
  const issues: Issue[] = [];
  for (const [at, s] of strings) {
    for (const problem of parseTextTemplate(s).problems) {
      const kind = /^\{\/?#?(if|each)/.exec(problem.tag)?.[1] ?? 'if';
      issues.push(issue(CODES[problem.kind], at, { tag: problem.tag, close: `{/${kind}}`, open: `{#${kind} …}` }, locale));
    }
  }
  return issues;
}
