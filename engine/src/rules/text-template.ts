/**
 * The text-template language of step descriptions, to-do titles and notification texts (rules' `task` /
 * `notify` params, flow nodes' `description`). Declarative and logic-less: a template is parsed into a small
 * tree of literal text, values and sections, and rendering only walks that tree — nothing a user types
 * becomes code. The tags:
 *
 * - `{path}`: a value ("{employeeId.name}", "{assets.assetId.tag}"); lists are joined with ", ".
 * - `{path|join:SEP}`: a list joined with SEP instead ("{assets.assetId.tag|join:、}").
 * - `{#if path}…{else}…{/if}`: the first part when the value is present, else the second (optional).
 * - `{#each path}…{else}…{/each}` (or `{#each path|join:SEP}`): the body once per item, with `{$item…}` and
 *   `{$index}` naming the item and its position (0-based); the else part when there are none.
 *
 * "Present" means: not missing, null, "", false, nor a list with nothing present in it (0 is present).
 * Braces that form no tag ("{ a }", "{1}") stay literal text, as they always have.
 */

export type TemplateNode =
  | string
  | { kind: 'value'; path: string; join?: string }
  | { kind: 'if'; path: string; then: TemplateNode[]; else: TemplateNode[] }
  | { kind: 'each'; path: string; join?: string; body: TemplateNode[]; else: TemplateNode[] };

/** Why a template cannot be used as written; `tag` quotes the offending text. */
export interface TemplateProblem {
  kind: 'unclosed' | 'unopened' | 'stray-else' | 'bad-tag';
  tag: string;
}

const PATH = String.raw`[A-Za-z_$][\w$-]*(?:\.[\w$-]+)*`;
const JOIN = String.raw`(?:\|join:([^{}]*))?`;
/** Every tag the language knows; groups: 1-2 #if, 3-4 #each (+join), 5 else, 6 close, 7-8 value (+join). */
const TAG = new RegExp(String.raw`\{(?:#(if)\s+(${PATH})\s*|#each\s+(${PATH})${JOIN}|(else)|\/(if|each)|(${PATH})${JOIN})\}`, 'g');
/** Text that looks meant as a tag but is none: a section tag or a value with a pipe that did not parse. */
const SUSPECT = new RegExp(String.raw`\{\s*(?:[#/:][^{}]*\}?|${PATH}\s*\|[^{}]*\}|else\s+[^{}]*\})`, 'g');

interface Frame {
  kind: 'root' | 'if' | 'each';
  tag: string;
  node?: Extract<TemplateNode, { kind: 'if' | 'each' }>;
  /** Where new nodes go: the section's first part, or its else part after `{else}`. */
  into: TemplateNode[];
  sawElse: boolean;
}

const parsed = new Map<string, { nodes: TemplateNode[]; problems: TemplateProblem[] }>();

/** Parses a template once (cached: the same texts render for every command). */
export function parseTextTemplate(text: string): { nodes: TemplateNode[]; problems: TemplateProblem[] } {
  const hit = parsed.get(text);
  if (hit) return hit;
  const result = parse(text);
  if (parsed.size > 2_000) parsed.clear();
  parsed.set(text, result);
  return result;
}

function parse(text: string): { nodes: TemplateNode[]; problems: TemplateProblem[] } {
  const problems: TemplateProblem[] = [];
  const root: Frame = { kind: 'root', tag: '', into: [], sawElse: false };
  const stack: Frame[] = [root];
  const top = (): Frame => stack[stack.length - 1] as Frame;
  let at = 0;
  const literal = (until: number): void => {
    if (until <= at) return;
    const piece = text.slice(at, until);
    for (const m of piece.matchAll(SUSPECT)) problems.push({ kind: 'bad-tag', tag: m[0] });
    top().into.push(piece);
  };
  for (const m of text.matchAll(TAG)) {
    literal(m.index);
    at = m.index + m[0].length;
    const [whole, ifWord, ifPath, eachPath, eachJoin, elseWord, close, valuePath, valueJoin] = m;
    if (ifWord !== undefined && ifPath !== undefined) {
      const node = { kind: 'if' as const, path: ifPath, then: [] as TemplateNode[], else: [] as TemplateNode[] };
      top().into.push(node);
      stack.push({ kind: 'if', tag: whole, node, into: node.then, sawElse: false });
    } else if (eachPath !== undefined) {
      const node = { kind: 'each' as const, path: eachPath, body: [] as TemplateNode[], else: [] as TemplateNode[], ...(eachJoin !== undefined ? { join: eachJoin } : {}) };
      top().into.push(node);
      stack.push({ kind: 'each', tag: whole, node, into: node.body, sawElse: false });
    } else if (elseWord !== undefined) {
      const frame = top();
      if (frame.kind === 'root' || frame.sawElse || !frame.node) problems.push({ kind: 'stray-else', tag: whole });
      else {
        frame.sawElse = true;
        frame.into = frame.node.else;
      }
    } else if (close !== undefined) {
      if (top().kind === close) stack.pop();
      else problems.push({ kind: 'unopened', tag: whole });
    } else if (valuePath !== undefined) {
      top().into.push({ kind: 'value', path: valuePath, ...(valueJoin !== undefined ? { join: valueJoin } : {}) });
    }
  }
  literal(text.length);
  for (const frame of stack.slice(1)) problems.push({ kind: 'unclosed', tag: frame.tag });
  return { nodes: root.into, problems };
}

/** Reads a path from a scope (readPath with the caller's directory and records). */
export type PathReader = (scope: unknown, path: string) => unknown;

/**
 * Renders a template. A value that reads nothing stays visible as its tag ("{path}"), so a wrong name is
 * noticed instead of printing an empty string. A template with structural problems (which publishing
 * refuses) renders its values only, its section tags left as written.
 */
export function renderTextTemplate(text: string, scope: unknown, read: PathReader): string {
  const { nodes, problems } = parseTextTemplate(text);
  if (problems.some((p) => p.kind !== 'bad-tag')) return valuesOnly(text, scope, read);
  return renderNodes(nodes, scope, read);
}

function renderNodes(nodes: TemplateNode[], scope: unknown, read: PathReader): string {
  let out = '';
  for (const node of nodes) {
    if (typeof node === 'string') out += node;
    else if (node.kind === 'value') out += renderValue(node.path, node.join, scope, read);
    else if (node.kind === 'if') out += renderNodes(present(read(scope, node.path)) ? node.then : node.else, scope, read);
    else out += renderEach(node, scope, read);
  }
  return out;
}

function renderValue(path: string, join: string | undefined, scope: unknown, read: PathReader): string {
  const value = read(scope, path);
  if (value === undefined) return `{${path}${join !== undefined ? `|join:${join}` : ''}}`;
  return display(value, join ?? ', ');
}

function renderEach(node: Extract<TemplateNode, { kind: 'each' }>, scope: unknown, read: PathReader): string {
  const value = read(scope, node.path);
  const items = (Array.isArray(value) ? value : [value]).filter(present);
  if (items.length === 0) return renderNodes(node.else, scope, read);
  const base = scope !== null && typeof scope === 'object' && !Array.isArray(scope) ? (scope as Record<string, unknown>) : {};
  return items.map((item, i) => renderNodes(node.body, { ...base, $item: item, $index: i }, read)).join(node.join ?? '');
}

function valuesOnly(text: string, scope: unknown, read: PathReader): string {
  return text.replace(TAG, (whole, ...groups: Array<string | undefined>) => {
    // Groups 7 and 8 of TAG: a value's path and its separator.
    const path = groups[6];
    return path === undefined ? whole : renderValue(path, groups[7], scope, read);
  });
}

/** Whether a value counts as there for `{#if}` and `{#each}`. */
export function present(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === false) return false;
  if (Array.isArray(value)) return value.some(present);
  return true;
}

function display(value: unknown, join: string): string {
  if (value === null) return '';
  // Items that read nothing (an asset whose record is gone) are left out, not printed as "undefined".
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map((v) => display(v, join)).filter((s) => s !== '').join(join);
  if (typeof value === 'object') {
    const named = (value as { name?: unknown }).name;
    return typeof named === 'string' ? named : JSON.stringify(value);
  }
  return String(value);
}

/**
 * The paths a template reads, each once: values and section subjects. With `scoped`, paths inside an
 * `{#each}` that start with `$item` / `$index` are left out (they name the item, not the data).
 */
export function textTemplatePaths(text: string, scoped = false): string[] {
  const out = new Set<string>();
  const walk = (nodes: TemplateNode[], inEach: boolean): void => {
    for (const node of nodes) {
      if (typeof node === 'string') continue;
      const head = node.path.split('.')[0];
      if (!(scoped && inEach && (head === '$item' || head === '$index'))) out.add(node.path);
      if (node.kind === 'if') {
        walk(node.then, inEach);
        walk(node.else, inEach);
      } else if (node.kind === 'each') {
        walk(node.body, true);
        walk(node.else, inEach);
      }
    }
  };
  walk(parseTextTemplate(text).nodes, false);
  return [...out];
}
