import { issue } from '../errors/error-catalogue.js';
import { pointer, type Issue } from '../errors/issue.js';
import type { SemanticCheckContext } from '../definitions/semantic-check-context.js';
import { validateAgainstSchema } from '../definitions/validate-against-schema.js';
import type { JsonLogic } from '../expressions/expression-types.js';
import type { FlowDefinition } from './flow-definition.js';
import { FLOW_CHECK_ERRORS } from './flow-check-errors.js';
import { MAIN_OUT } from './nodes/node-schemas.js';
import { checkFlowSubject } from './check-flow-subject.js';
import { checkNodeTexts } from './check-node-texts.js';
import { checkLoops, checkReachability, checkSplitsAndJoins, type CheckGraph } from './flow-graph-checks.js';
import type { NodeCheckContext, NodeType } from './node-type.js';

interface FormField { key: string; type?: string; fields?: FormField[] }

/** Field paths a form defines: "key" and, for sub-tables, "key.column". */
function formFields(ctx: SemanticCheckContext, key: string | undefined): Set<string> | undefined {
  if (key === undefined || !ctx.resolve) return undefined;
  const form = ctx.resolve('form', key) as { fields?: FormField[] } | undefined;
  if (!form || !Array.isArray(form.fields)) return undefined;
  const out = new Set<string>();
  const add = (fields: FormField[], prefix: string): void => {
    for (const field of fields) {
      if (typeof field?.key !== 'string') continue;
      out.add(prefix + field.key);
      if (Array.isArray(field.fields)) add(field.fields, `${prefix}${field.key}.`);
    }
  };
  add(form.fields, '');
  return out;
}

/** Operations whose later arguments read the items of an array, not the instance data. */
const SCOPED = new Set(['all', 'some', 'none', 'map', 'filter', 'reduce']);

/** Top-level fields a condition reads; variables inside an array operation's item scope are skipped. */
export function fieldsRead(logic: JsonLogic, out = new Set<string>()): Set<string> {
  if (Array.isArray(logic)) {
    for (const item of logic) fieldsRead(item, out);
    return out;
  }
  if (logic === null || typeof logic !== 'object') return out;
  for (const [op, args] of Object.entries(logic)) {
    if (op === 'var') {
      const path = Array.isArray(args) ? args[0] : args;
      if (typeof path === 'string' && path !== '') out.add(path.split('.')[0]!);
    } else if (SCOPED.has(op) && Array.isArray(args)) fieldsRead(args[0], out);
    else fieldsRead(args, out);
  }
  return out;
}

/**
 * Semantic checks of a flow definition that JSON Schema cannot express. Assumes the definition passed
 * its schema; every problem is reported (with its JSON Pointer), none stops the others.
 */
export function checkFlowDefinition(input: FlowDefinition, ctx: SemanticCheckContext): Issue[] {
  const { locale } = ctx;
  // Schema errors are reported elsewhere; tolerate missing lists rather than throw.
  const def = { ...input, nodes: input.nodes ?? [], edges: input.edges ?? [] } as FlowDefinition;
  const issues: Issue[] = [];
  const index = new Map<string, number>();
  const types: Array<NodeType | undefined> = [];

  def.nodes.forEach((node, i) => {
    if (index.has(node.id)) issues.push(issue(FLOW_CHECK_ERRORS.BATON_E_FLOW_DUPLICATE_NODE_ID, pointer('nodes', i, 'id'), { nodeId: node.id }, locale));
    else index.set(node.id, i);
    const nodeType = ctx.registry.nodes.get(node.type);
    types.push(nodeType);
    if (!nodeType) {
      issues.push(issue(FLOW_CHECK_ERRORS.BATON_E_FLOW_UNKNOWN_TYPE, pointer('nodes', i, 'type'), { nodeId: node.id, type: node.type }, locale));
      return;
    }
    issues.push(...validateAgainstSchema(nodeType.configSchema, node.config ?? {}, pointer('nodes', i, 'config'), locale));
  });

  const g: CheckGraph = {
    ids: def.nodes.map((n) => n.id), index, types, locale,
    out: def.nodes.map(() => []), inc: def.nodes.map(() => []),
    terminating: def.nodes.map((n) => n.config?.terminate === true || n.config?.status === 'rejected'),
  };
  const edgeIds = new Set<string>();
  const outgoing: NodeCheckContext['outgoing'][] = def.nodes.map(() => []);
  const incoming: NodeCheckContext['incoming'][] = def.nodes.map(() => []);
  def.edges.forEach((edge, i) => {
    if (edgeIds.has(edge.id)) issues.push(issue(FLOW_CHECK_ERRORS.BATON_E_FLOW_DUPLICATE_EDGE_ID, pointer('edges', i, 'id'), { edgeId: edge.id }, locale));
    edgeIds.add(edge.id);
    const from = index.get(edge.from);
    const to = index.get(edge.to);
    if (from === undefined) issues.push(issue(FLOW_CHECK_ERRORS.BATON_E_FLOW_DANGLING_EDGE, pointer('edges', i, 'from'), { edgeId: edge.id, nodeId: edge.from }, locale));
    if (to === undefined) issues.push(issue(FLOW_CHECK_ERRORS.BATON_E_FLOW_DANGLING_EDGE, pointer('edges', i, 'to'), { edgeId: edge.id, nodeId: edge.to }, locale));
    if (from === undefined || to === undefined) return;
    g.out[from]!.push(to);
    g.inc[to]!.push(from);
    const out: NodeCheckContext['outgoing'][number] = { id: edge.id, to: edge.to, index: i };
    if (edge.port !== undefined) out.port = edge.port;
    if (edge.default !== undefined) out.default = edge.default;
    if (edge.condition !== undefined) out.condition = edge.condition;
    outgoing[from]!.push(out);
    incoming[to]!.push({ id: edge.id, from: edge.from, index: i });
  });

  const starts: number[] = [];
  const ends: number[] = [];
  types.forEach((t, i) => {
    if (t?.role === 'start') starts.push(i);
    if (t?.role === 'end') ends.push(i);
  });
  if (starts.length === 0) issues.push(issue(FLOW_CHECK_ERRORS.BATON_E_FLOW_MISSING_START, '/nodes', {}, locale));
  for (const extra of starts.slice(1)) issues.push(issue(FLOW_CHECK_ERRORS.BATON_E_FLOW_SEVERAL_STARTS, pointer('nodes', extra), { nodeId: g.ids[extra] }, locale));
  if (ends.length === 0) issues.push(issue(FLOW_CHECK_ERRORS.BATON_E_FLOW_MISSING_END, '/nodes', {}, locale));

  // Per node: assignees and the node type's own checks.
  def.nodes.forEach((node, i) => {
    const nodeType = types[i];
    if (!nodeType) return;
    const config = node.config ?? {};
    const assignees = nodeType.assignees?.(config);
    if (assignees !== undefined && assignees.length === 0) {
      issues.push(issue(FLOW_CHECK_ERRORS.BATON_E_FLOW_NO_ASSIGNEES, pointer('nodes', i, 'config', 'assignees'), { nodeId: node.id }, locale));
    }
    issues.push(...checkEdgePorts(nodeType, outgoing[i]!, node.id, locale));
    if (nodeType.check) issues.push(...nodeType.check(config, { node, path: pointer('nodes', i), outgoing: outgoing[i]!, incoming: incoming[i]!, locale }));
  });

  issues.push(...checkReachability(g, starts.slice(0, 1), ends));
  issues.push(...checkLoops(g));
  if (starts[0] !== undefined) issues.push(...checkSplitsAndJoins(g, starts[0]));
  issues.push(...checkFields(def, ctx, types));
  issues.push(...checkFlowSubject(def, ctx));
  return issues;
}

/** An edge leaving through a port the node type does not declare would fail only when the flow runs. */
function checkEdgePorts(nodeType: NodeType, outgoing: NodeCheckContext['outgoing'], nodeId: string, locale: SemanticCheckContext['locale']): Issue[] {
  const declared = nodeType.describe().ports?.outputs.map((p) => p.id);
  if (!declared) return [];
  const issues: Issue[] = [];
  for (const edge of outgoing) {
    if (edge.port === undefined || edge.port === MAIN_OUT.id || declared.includes(edge.port)) continue;
    issues.push(issue(FLOW_CHECK_ERRORS.BATON_E_FLOW_UNKNOWN_PORT, pointer('edges', edge.index, 'port'), { edgeId: edge.id, nodeId, port: edge.port, ports: declared.join(', ') }, locale));
  }
  return issues;
}

function checkFields(def: FlowDefinition, ctx: SemanticCheckContext, types: Array<NodeType | undefined>): Issue[] {
  const issues: Issue[] = [];
  const startFields = formFields(ctx, def.form);
  let known: Set<string> | undefined = startFields ? new Set(startFields) : undefined;
  def.nodes.forEach((node, i) => {
    const formKey = node.form?.key ?? def.form;
    const fields = node.form?.key !== undefined ? formFields(ctx, node.form.key) : startFields;
    if (fields && node.form?.key !== undefined) known = new Set([...(known ?? []), ...fields]);
    for (const field of Object.keys(node.form?.access ?? {})) {
      if (fields && !fields.has(field)) {
        issues.push(issue(FLOW_CHECK_ERRORS.BATON_E_FLOW_UNKNOWN_ACCESS_FIELD, pointer('nodes', i, 'form', 'access', field), { nodeId: node.id, field, formKey: formKey ?? '' }, ctx.locale));
      }
    }
  });
  if (!known) return [...issues, ...checkNodeTexts(def, undefined, ctx.locale)];
  const readable: Set<string> = known;
  def.nodes.forEach((node, i) => {
    for (const field of types[i]?.dataFields?.(node.config ?? {}) ?? []) readable.add(field);
  });
  issues.push(...checkNodeTexts(def, readable, ctx.locale));
  def.edges.forEach((edge, i) => {
    if (edge.condition === undefined) return;
    for (const field of fieldsRead(edge.condition)) {
      if (!readable.has(field)) {
        issues.push(issue(FLOW_CHECK_ERRORS.BATON_E_FLOW_UNKNOWN_FIELD, pointer('edges', i, 'condition'), { edgeId: edge.id, field }, ctx.locale));
      }
    }
  });
  return issues;
}
