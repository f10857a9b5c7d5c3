import type { FlowDefinition } from '@baton/engine';
import type { DisplayIssue } from '../app/errors/to-display-error.js';
import type { FlowNames } from './flow-element-names.js';

/**
 * The engine's flow problems name nodes and edges by id ('Node "approval_1" has no assignees', 'Edge "e_2"
 * points at …'): ids are what the engine and its error codes keep, titles are what an analyst sees. The
 * designer words the same message with titles before showing it; codes and paths stay as they are.
 */
export type FlowIssue = DisplayIssue & { params?: Record<string, unknown> };

const ID = /^[A-Za-z_][A-Za-z0-9_]*$/;
// A quoted value after these words is a port, field, form or an id being discussed, not a node to name.
const NOT_A_NODE = /(port|field|form|id|端口|字段|表单|编号)\s*$/i;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** 'Edge "e_2"' → 'The connection from ‘A’ to ‘B’' (capitalised at the start of a sentence); 连线 "e_2" → 从“A”到“B”的连线. */
function nameEdges(message: string, names: FlowNames, edgeIds: Iterable<string>): string {
  let out = message;
  for (const id of edgeIds) {
    const phrase = names.connection(id);
    if (!phrase || !out.includes(`"${id}"`)) continue;
    if (names.locale === 'zh-CN') out = out.replace(new RegExp(`连线\\s*"${escape(id)}"\\s*`, 'g'), phrase);
    else out = out.replace(new RegExp(`\\b([Ee])dge "${escape(id)}"`, 'g'), (_, e: string) => (e === 'E' ? phrase.charAt(0).toUpperCase() + phrase.slice(1) : phrase));
  }
  return out;
}

/** Every quoted node id ("approval_1") as the node's title in quotes, unless the words before make it something else. */
function nameQuotedNodes(message: string, names: FlowNames, nodeIds: ReadonlySet<string>): string {
  const zh = names.locale === 'zh-CN';
  // Chinese sets quoted ids off with spaces ('节点 "x" 没有'); its own quotes need none ('节点“经理审批”没有').
  return message.replace(zh ? / ?"([^"\s]+)" ?/g : /"([^"\s]+)"/g, (match: string, id: string, offset: number, whole: string) => {
    if (!nodeIds.has(id) || NOT_A_NODE.test(whole.slice(0, offset))) return match;
    return names.quoted(id);
  });
}

/** Ids the engine lists bare in a parameter ("a → b → c", "j1, j2 + end") as titles. */
function nameListed(message: string, names: FlowNames, nodeIds: ReadonlySet<string>, params: Record<string, unknown> | undefined): string {
  let out = message;
  for (const key of ['nodes', 'detail']) {
    const value = params?.[key];
    if (typeof value !== 'string' || value === '' || !out.includes(value)) continue;
    const named = value.replace(/[A-Za-z_][A-Za-z0-9_]*/g, (token) => (nodeIds.has(token) ? names.quoted(token) : token));
    out = out.replace(value, named);
  }
  // A message that names its node bare ('Node approval_1 has …') and not in quotes.
  const nodeId = params?.nodeId;
  if (typeof nodeId === 'string' && ID.test(nodeId) && nodeIds.has(nodeId) && !out.includes(names.quoted(nodeId))) {
    out = out.replace(new RegExp(`(^|[^A-Za-z0-9_"‘“])${escape(nodeId)}(?![A-Za-z0-9_"’”])`), (_, before: string) => `${before}${names.quoted(nodeId)}`);
  }
  return out;
}

/** One problem's message with nodes and connections named by their titles. */
export function flowProblemMessage(issue: FlowIssue, def: Pick<FlowDefinition, 'nodes' | 'edges'>, names: FlowNames): string {
  const nodeIds = new Set(def.nodes.map((n) => n.id));
  const edgeIds = def.edges.map((e) => e.id);
  const withEdges = nameEdges(issue.message, names, edgeIds);
  return nameListed(nameQuotedNodes(withEdges, names, nodeIds), names, nodeIds, issue.params);
}

/** The problems as the designer shows them: same codes and paths, messages with titles. */
export function wordFlowProblems<T extends FlowIssue>(issues: readonly T[], def: Pick<FlowDefinition, 'nodes' | 'edges'>, names: FlowNames): T[] {
  return issues.map((issue) => {
    const message = flowProblemMessage(issue, def, names);
    return message === issue.message ? issue : { ...issue, message };
  });
}
