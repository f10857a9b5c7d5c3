import { diffDefinitions } from '../definitions/definition-diff.js';

type Json = Record<string, unknown>;

export interface PackDefinitionRef {
  kind: string;
  key: string;
  body: Json;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The definitions a pack bundle carries: the bundle's "definitions" list, and bodies inline in the
 * manifest's entries. A body appears once even when both hold it (the bundle's list wins).
 */
export function packDefinitions(bundle: unknown): PackDefinitionRef[] {
  if (!isObject(bundle)) return [];
  const out = new Map<string, PackDefinitionRef>();
  const add = (body: unknown) => {
    if (!isObject(body) || typeof body.kind !== 'string' || typeof body.key !== 'string') return;
    const id = `${body.kind}/${body.key}`;
    if (!out.has(id)) out.set(id, { kind: body.kind, key: body.key, body });
  };
  if (Array.isArray(bundle.definitions)) bundle.definitions.forEach(add);
  const manifest = bundle.manifest;
  if (isObject(manifest) && Array.isArray(manifest.definitions)) {
    for (const entry of manifest.definitions) if (isObject(entry) && isObject(entry.definition)) add({ kind: entry.kind, key: entry.key, ...entry.definition });
  }
  return [...out.values()];
}

export interface ImportChange {
  kind: string;
  key: string;
  change: 'new' | 'changed' | 'unchanged';
  /** Number of differences against the published version (changed only). */
  differences: number;
}

/**
 * What an import would do to each definition, against what is published now (`published` returns the
 * body, or null when the key has never been published): new, changed (a new version), or unchanged.
 */
export function importChanges(bundle: unknown, published: (kind: string, key: string) => Json | null): ImportChange[] {
  return packDefinitions(bundle).map(({ kind, key, body }) => {
    const current = published(kind, key);
    if (!current) return { kind, key, change: 'new', differences: 0 };
    const differences = diffDefinitions(current, body).length;
    return { kind, key, change: differences === 0 ? 'unchanged' : 'changed', differences };
  });
}
