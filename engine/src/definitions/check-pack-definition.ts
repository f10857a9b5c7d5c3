import { issue } from '../errors/error-catalogue.js';
import { pointer, type Issue } from '../errors/issue.js';
import type { JsonSchema } from '../forms/field-type.js';
import { satisfiesCaret, splitTypeRef } from '../registry/registry.js';
import { ENGINE_VERSION } from '../version.js';
import { knownConnectorTypes } from './check-connector-definition.js';
import { CONNECTOR_ERRORS } from './connector-errors.js';
import { definitionReferences, type DefinitionReference } from './definition-references.js';
import type { PackDefinition, Parameter } from './generated/pack.js';
import { PACK_ERRORS } from './pack-errors.js';
import type { DefinitionKind, SemanticCheckContext } from './semantic-check-context.js';
import { validateAgainstSchema } from './validate-against-schema.js';

type Segment = string | number;
type Add = (code: string, path: Segment[], params: Record<string, unknown>) => void;

/**
 * Semantic checks of a pack manifest: no definition listed twice, inline definitions valid (through
 * ctx.validateNested) and matching their entry, every reference satisfied by the pack or the installation,
 * parameter defaults of their declared type, known connector types, and an engine range this engine meets.
 */
export function checkPackDefinition(def: PackDefinition, ctx: SemanticCheckContext): Issue[] {
  const issues: Issue[] = [];
  const add: Add = (code, path, params) => issues.push(issue(code, pointer(...path), params, ctx.locale));

  if (!satisfiesCaret(ENGINE_VERSION, def.engine)) add(PACK_ERRORS.BATON_E_PACK_ENGINE_MISMATCH, ['engine'], { wanted: def.engine, engine: ENGINE_VERSION });

  const inPack = new Map<string, unknown>();
  def.definitions.forEach((entry, i) => {
    const id = `${entry.kind}:${entry.key}`;
    if (inPack.has(id)) add(PACK_ERRORS.BATON_E_PACK_DUPLICATE_DEFINITION, ['definitions', i, 'key'], { kind: entry.kind, key: entry.key });
    else inPack.set(id, entry.definition ?? true);
  });
  // Inline definitions see the pack's other definitions first, then whatever the caller can resolve.
  const resolve = (kind: DefinitionKind, key: string): unknown => {
    const found = inPack.get(`${kind}:${key}`);
    return found !== undefined && found !== true ? found : ctx.resolve?.(kind, key);
  };
  const exists = (kind: DefinitionKind, key: string) => inPack.has(`${kind}:${key}`) || ctx.resolve?.(kind, key) !== undefined;

  const references: DefinitionReference[] = [];
  def.definitions.forEach((entry, i) => {
    const inline = entry.definition;
    if (inline === undefined) return;
    const actualKind = inline.kind;
    const actualKey = inline.key;
    if (actualKind !== entry.kind || actualKey !== entry.key) {
      add(PACK_ERRORS.BATON_E_PACK_ENTRY_MISMATCH, ['definitions', i, 'definition'], { kind: entry.kind, key: entry.key, actualKind: String(actualKind), actualKey: String(actualKey) });
    }
    if (ctx.validateNested) issues.push(...ctx.validateNested(inline, pointer('definitions', i, 'definition'), resolve));
    for (const ref of definitionReferences(inline)) references.push({ ...ref, path: ['definitions', i, 'definition', ...ref.path] });
  });
  def.scenarios?.forEach((s, i) => references.push({ kind: 'flow', key: s.flow, path: ['scenarios', i, 'flow'] }));
  def.seed?.forEach((s, i) => {
    if (s.form !== undefined) references.push({ kind: 'form', key: s.form, path: ['seed', i, 'form'] });
  });
  for (const ref of references) {
    if (!exists(ref.kind, ref.key)) add(PACK_ERRORS.BATON_E_PACK_UNRESOLVED_REFERENCE, ref.path, { kind: ref.kind, key: ref.key });
  }

  const duplicates: Array<[string, string, Segment, Array<{ key: string }>]> = [
    ['parameters', '参数', 'parameters', def.parameters ?? []],
    ['roles', '角色', 'roles', def.roles ?? []],
    ['connectors', '连接器', 'connectors', def.connectors ?? []],
    ['scenarios', '场景', 'scenarios', def.scenarios ?? []],
  ];
  for (const [what, whatZh, base, items] of duplicates) {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.key)) add(PACK_ERRORS.BATON_E_PACK_DUPLICATE_KEY, [base, i, 'key'], { key: item.key, what, whatZh });
      seen.add(item.key);
    });
  }

  const known = knownConnectorTypes(ctx);
  def.connectors?.forEach((slot, i) => {
    if (!known.includes(splitTypeRef(slot.type)[0])) add(CONNECTOR_ERRORS.BATON_E_CONNECTOR_UNKNOWN_TYPE, ['connectors', i, 'type'], { type: slot.type, known: known.join(', ') });
  });

  def.parameters?.forEach((p, i) => checkParameter(p, i, ctx, add, issues));
  return issues;
}

/** The JSON Schema a parameter's value must satisfy, from its declared type and bounds. */
export function parameterValueSchema(p: Parameter): JsonSchema {
  const bounds = { ...(p.minimum !== undefined ? { minimum: p.minimum } : {}), ...(p.maximum !== undefined ? { maximum: p.maximum } : {}) };
  switch (p.type) {
    case 'integer':
      return { type: 'integer', ...bounds };
    case 'number':
      return { type: 'number', ...bounds };
    case 'boolean':
      return { type: 'boolean' };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'time':
      return { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' };
    case 'duration':
      return { $ref: 'https://baton.dev/schemas/common.schema.json#/$defs/duration' };
    case 'select':
      return { enum: (p.options ?? []).map((o) => o.value) };
    default:
      return { type: 'string' };
  }
}

/** validateAgainstSchema caches compiled validators per schema object, so equal schemas share one object. */
const schemaByText = new Map<string, JsonSchema>();
function sharedSchema(schema: JsonSchema): JsonSchema {
  const text = JSON.stringify(schema);
  const found = schemaByText.get(text);
  if (found) return found;
  if (schemaByText.size > 500) schemaByText.clear();
  schemaByText.set(text, schema);
  return schema;
}

function checkParameter(p: Parameter, i: number, ctx: SemanticCheckContext, add: Add, issues: Issue[]): void {
  if (p.type === 'select' && (p.options ?? []).length === 0) add(PACK_ERRORS.BATON_E_PACK_PARAMETER_OPTIONS, ['parameters', i], { key: p.key });
  if (p.minimum !== undefined && p.maximum !== undefined && p.minimum > p.maximum) {
    add(PACK_ERRORS.BATON_E_PACK_PARAMETER_RANGE, ['parameters', i], { key: p.key, minimum: p.minimum, maximum: p.maximum });
  }
  if (p.default === undefined) return;
  issues.push(...validateAgainstSchema(sharedSchema(parameterValueSchema(p)), p.default, pointer('parameters', i, 'default'), ctx.locale));
}
