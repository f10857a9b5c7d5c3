import type { DefinitionKind } from './semantic-check-context.js';

/** A reference from one definition to another, with the JSON Pointer segments of where it is written. */
export interface DefinitionReference {
  kind: DefinitionKind;
  key: string;
  path: Array<string | number>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The other definitions a definition names, where the kind's schema puts them: a flow's form and subflows,
 * a rule's scope, a report's dataset, a document's form and flow, an inbound webhook's target. Used by the
 * pack check to find references that nothing in the pack or the installation satisfies.
 */
export function definitionReferences(def: unknown): DefinitionReference[] {
  if (!isObj(def)) return [];
  const refs: DefinitionReference[] = [];
  const take = (holder: unknown, prop: string, kind: DefinitionKind, path: Array<string | number>) => {
    if (isObj(holder) && typeof holder[prop] === 'string') refs.push({ kind, key: holder[prop], path: [...path, prop] });
  };
  switch (def.kind) {
    case 'flow':
      take(def, 'form', 'form', []);
      if (Array.isArray(def.nodes)) {
        def.nodes.forEach((node, i) => {
          if (!isObj(node)) return;
          if (typeof node.type === 'string' && node.type.split('@')[0] === 'subflow') take(node.config, 'flow', 'flow', ['nodes', i, 'config']);
          if (isObj(node.form)) take(node.form, 'key', 'form', ['nodes', i, 'form']);
        });
      }
      break;
    case 'rule':
      take(def.scope, 'form', 'form', ['scope']);
      take(def.scope, 'flow', 'flow', ['scope']);
      break;
    case 'report':
      take(def.dataset, 'form', 'form', ['dataset']);
      take(def.dataset, 'flow', 'flow', ['dataset']);
      break;
    case 'document':
      take(def, 'form', 'form', []);
      take(def, 'flow', 'flow', []);
      break;
    case 'connector':
      if (isObj(def.config)) {
        take(def.config.inbound, 'flow', 'flow', ['config', 'inbound']);
        take(def.config.inbound, 'form', 'form', ['config', 'inbound']);
      }
      break;
    default:
      break;
  }
  return refs;
}
