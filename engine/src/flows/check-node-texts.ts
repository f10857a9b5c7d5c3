import { issue } from '../errors/error-catalogue.js';
import { pointer, type Issue } from '../errors/issue.js';
import type { Locale, LocalizedText } from '../i18n/localized-text.js';
import { checkTextTemplate } from '../rules/check-text-template.js';
import { templatePlaceholders } from '../rules/fill-template.js';
import type { FlowDefinition } from './flow-definition.js';
import { FLOW_CHECK_ERRORS } from './flow-check-errors.js';

/** The text templates of a flow: each node's description (its step's instructions) and action nodes' notices. */
function nodeTexts(def: FlowDefinition): Array<{ nodeId: string; path: string; text: LocalizedText }> {
  const out: Array<{ nodeId: string; path: string; text: LocalizedText }> = [];
  def.nodes.forEach((node, i) => {
    if (node.description !== undefined) out.push({ nodeId: node.id, path: pointer('nodes', i, 'description'), text: node.description as LocalizedText });
    if (node.type !== 'action' || !Array.isArray(node.config?.effects)) return;
    (node.config.effects as Array<Record<string, unknown>>).forEach((effect, j) => {
      if (effect?.type !== 'notify') return;
      for (const key of ['title', 'body'] as const) {
        const text = effect[key];
        if (typeof text === 'string' || (text !== null && typeof text === 'object')) out.push({ nodeId: node.id, path: pointer('nodes', i, 'config', 'effects', j, key), text: text as LocalizedText });
      }
    });
  });
  return out;
}

/**
 * A flow's texts are templates filled from the instance data (FlowTransition.instructionsOf, notices at
 * delivery): their sections must balance, and — when the flow's forms are known — every path must start with
 * a field the data can hold (`readable`), so "(asset tags): {asets.assetId.tag}" is refused when published
 * rather than shown to IT as written.
 */
export function checkNodeTexts(def: FlowDefinition, readable: ReadonlySet<string> | undefined, locale: Locale): Issue[] {
  const issues: Issue[] = [];
  const example = readable ? ([...readable][0] ?? 'field') : 'field';
  for (const { nodeId, path, text } of nodeTexts(def)) {
    const syntax = checkTextTemplate(text, path, locale);
    issues.push(...syntax);
    if (!readable || syntax.length > 0) continue;
    for (const placeholder of templatePlaceholders(text, true)) {
      if (readable.has(placeholder.split('.')[0] as string)) continue;
      issues.push(issue(FLOW_CHECK_ERRORS.BATON_E_FLOW_UNKNOWN_PLACEHOLDER, path, { nodeId, placeholder, example }, locale));
    }
  }
  return issues;
}
