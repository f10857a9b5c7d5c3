import type { Issue } from '../errors/issue.js';

/** Label-like properties: a broken one says nothing about the item's other settings. */
const COSMETIC = new Set(['name', 'title', 'label', 'description', 'placeholder', 'help', 'position', 'tags']);

function segments(path: string): string[] {
  return path === '' ? [] : path.slice(1).split('/');
}

/**
 * The part of the definition a schema issue makes untrustworthy (a relative JSON Pointer): the array item
 * it is in ("/nodes/5"), or the top-level property ("/trigger"); only the property itself when it is a
 * label ("/nodes/5/name"), since a missing name does not change what the step does.
 */
export function brokenPart(relPath: string): string {
  const s = segments(relPath);
  const last = s[s.length - 1];
  if (last !== undefined && COSMETIC.has(last)) return relPath;
  const index = s.findIndex((seg) => /^\d+$/.test(seg));
  const cut = index < 0 ? 1 : index + 1;
  return '/' + s.slice(0, cut).join('/');
}

/** Identity properties: other parts refer to an item by these, so without them references read as dangling. */
const IDENTITY = new Set(['id', 'key']);

/**
 * An item that cannot be referred to (its id or key missing or not a string, or the item not an object):
 * every check of a reference to it would report a false "does not exist", so no semantic check runs.
 */
function breaksIdentity(found: Issue, basePath: string): boolean {
  const s = segments(found.path.slice(basePath.length));
  const last = s[s.length - 1] ?? '';
  if (found.code === 'BATON_E_SCHEMA_REQUIRED' || found.code === 'BATON_E_SCHEMA_TYPE') {
    if (IDENTITY.has(last)) return true;
    if (found.code === 'BATON_E_SCHEMA_TYPE' && /^\d+$/.test(last)) return true;
  }
  return false;
}

const under = (path: string, part: string): boolean => path === part || path.startsWith(part + '/');

/**
 * The semantic checks of a definition that fails its schema in some parts: they run on the definition as
 * it is, and what they say about a broken part is dropped (the schema issue already covers it, and a check
 * reading a malformed value may say something misleading). Nothing runs when the definition as a whole is
 * malformed or an item lost its identity (breaksIdentity), and a check that throws on a shape it never expected yields no issues rather than a crash:
 * the schema issues are still reported, and the next validation after the fix runs everything.
 */
export function semanticDespiteSchema(schemaIssues: readonly Issue[], basePath: string, run: () => Issue[]): Issue[] {
  const parts = schemaIssues.map((i) => (i.path.startsWith(basePath) ? i.path.slice(basePath.length) : ''));
  if (parts.some((p) => p === '') || schemaIssues.some((i) => breaksIdentity(i, basePath))) return [];
  const broken = [...new Set(parts.map(brokenPart))];
  let semantic: Issue[];
  try {
    semantic = run();
  } catch {
    return [];
  }
  return semantic.filter((i) => !broken.some((part) => under(i.path, part)));
}
