import type { FlowDefinition } from '@baton/engine';
import type { ScenarioDraft } from './scenario-builder.js';

/** One fact a branch condition asks for: a value in the data, or an attribute of a person the data names. */
export type PresetFact =
  | { kind: 'data'; path: string; value: unknown }
  | { kind: 'person'; personPath: string; attribute: string; value: unknown };

/** A scenario that takes one conditional branch, derived from its condition. */
export interface BranchPreset {
  edge: string;
  /** The edge's label, else its target node's name (localized text as in the definition). */
  label: unknown;
  facts: PresetFact[];
}

type Logic = Record<string, unknown>;
const isObject = (v: unknown): v is Logic => typeof v === 'object' && v !== null && !Array.isArray(v);
const isLiteral = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** `{var: "a.b"}` → "a.b". */
function varPath(v: unknown): string | undefined {
  if (!isObject(v) || Object.keys(v).length !== 1) return undefined;
  const arg = Array.isArray(v.var) ? v.var[0] : v.var;
  return typeof arg === 'string' && arg !== '' ? arg : undefined;
}

type Subject = { kind: 'data'; path: string } | { kind: 'person'; personPath: string; attribute: string };

/** A comparison's subject: a data path, or `{directory: [{var: person}, "attributes.x"]}`. */
function subjectOf(v: unknown): Subject | undefined {
  const path = varPath(v);
  if (path) return { kind: 'data', path };
  if (isObject(v) && Array.isArray(v.directory) && v.directory.length === 2) {
    const person = varPath(v.directory[0]);
    const attribute = v.directory[1];
    if (person && typeof attribute === 'string') return { kind: 'person', personPath: person, attribute };
  }
  return undefined;
}

/** A value making `subject OP literal` true, for the comparisons whose answer is obvious. */
function satisfying(op: string, literal: unknown, literalFirst: boolean): { value: unknown } | undefined {
  if (op === '==' || op === '===') return { value: literal };
  if (typeof literal !== 'number') return undefined;
  // `literal < x` reads as x greater than literal.
  const greater = (op === '>' || op === '>=') !== literalFirst;
  const strict = op === '>' || op === '<';
  return { value: greater ? literal + (strict ? 1 : 0) : literal - (strict ? 1 : 0) };
}

/** The facts that make a simple condition true, or undefined when it is not simple (then no preset). */
export function factsFor(logic: unknown): PresetFact[] | undefined {
  if (!isObject(logic) || Object.keys(logic).length !== 1) return undefined;
  const [op, args] = Object.entries(logic)[0]!;
  if (op === 'and' && Array.isArray(args)) {
    const all = args.map(factsFor);
    return all.every((f): f is PresetFact[] => f !== undefined) ? all.flat() : undefined;
  }
  if (op === '!!') {
    const subject = subjectOf(Array.isArray(args) ? args[0] : args);
    return subject ? [{ ...subject, value: true } as PresetFact] : undefined;
  }
  if (!Array.isArray(args) || args.length !== 2 || !['==', '===', '>', '>=', '<', '<='].includes(op)) return undefined;
  const [a, b] = args;
  const literalFirst = isLiteral(a) && !isLiteral(b);
  const subject = subjectOf(literalFirst ? b : a);
  const literal = literalFirst ? a : b;
  if (!subject || !isLiteral(literal)) return undefined;
  const wanted = satisfying(op, literal, literalFirst);
  return wanted ? [{ ...subject, value: wanted.value } as PresetFact] : undefined;
}

/** One preset per conditional edge whose condition is a simple comparison (or an "and" of them). */
export function branchPresets(flow: FlowDefinition): BranchPreset[] {
  const out: BranchPreset[] = [];
  for (const edge of flow.edges) {
    if (edge.condition === undefined) continue;
    const facts = factsFor(edge.condition);
    if (!facts || facts.length === 0) continue;
    out.push({ edge: edge.id, label: edge.label ?? flow.nodes.find((n) => n.id === edge.to)?.name ?? edge.to, facts });
  }
  return out;
}

function getPath(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((at, key) => (isObject(at) ? at[key] : undefined), obj);
}

function setPath(obj: Logic, path: string, value: unknown): Logic {
  const [head, ...rest] = path.split('.');
  if (!head) return obj;
  if (rest.length === 0) return { ...obj, [head]: value };
  return { ...obj, [head]: setPath(isObject(obj[head]) ? obj[head] : {}, rest.join('.'), value) };
}

/** The draft with the preset's facts made true: data values set, and the named people's attributes. */
export function applyPreset(draft: ScenarioDraft, preset: BranchPreset): ScenarioDraft {
  let data = draft.data;
  let users = draft.users;
  for (const fact of preset.facts) {
    if (fact.kind === 'data') {
      data = setPath(data, fact.path, fact.value);
      continue;
    }
    const who = getPath(data, fact.personPath);
    users = users.map((u) => (u.id === who ? (setPath(u as unknown as Logic, fact.attribute, fact.value) as unknown as typeof u) : u));
  }
  return { ...draft, data, users };
}

/** How a fact reads in the panel: "jobFamily = sales". */
export function describeFact(fact: PresetFact): string {
  const name = fact.kind === 'data' ? fact.path : fact.attribute.replace(/^attributes\./, '');
  return `${name} = ${JSON.stringify(fact.value)}`;
}
