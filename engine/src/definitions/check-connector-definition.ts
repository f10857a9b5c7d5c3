import { issue } from '../errors/error-catalogue.js';
import { pointer, type Issue } from '../errors/issue.js';
import { splitTypeRef } from '../registry/registry.js';
import { CONNECTOR_ERRORS } from './connector-errors.js';
import { BUILTIN_CONNECTOR_TYPES } from './connector-types.js';
import type { ConnectorDefinition } from './generated/connector.js';
import type { SemanticCheckContext } from './semantic-check-context.js';

type Segment = string | number;

const SENSITIVE_KEY = /^(password|passwd|pwd|secret|credentials?|authorization|cookie|.*token|.*secret|.*api[-_]?key|access[-_]?key|private[-_]?key)$/i;
const SENSITIVE_QUERY = /^(access_token|token|key|secret|sign|signature|api_?key|password)$/i;
const SECRET_PLACEHOLDER = /\{\{\s*secrets\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/_/g, '-').toLowerCase();
}

/** The connector types a check accepts: the built-in ones plus those plugins announced. */
export function knownConnectorTypes(ctx: SemanticCheckContext): string[] {
  return [...Object.keys(BUILTIN_CONNECTOR_TYPES), ...(ctx.connectorTypes ?? [])];
}

/**
 * Semantic checks of a connector: a known type, every secret given as a reference (never as a value), the
 * secrets its type needs, no credential pasted into the config, and `{{secrets.x}}` naming declared secrets.
 */
export function checkConnectorDefinition(def: ConnectorDefinition, ctx: SemanticCheckContext): Issue[] {
  const issues: Issue[] = [];
  const add = (code: string, path: Segment[], params: Record<string, unknown>) => issues.push(issue(code, pointer(...path), params, ctx.locale));
  const known = knownConnectorTypes(ctx);
  const [type] = splitTypeRef(def.type);
  if (!known.includes(type)) add(CONNECTOR_ERRORS.BATON_E_CONNECTOR_UNKNOWN_TYPE, ['type'], { type: def.type, known: known.join(', ') });

  const secrets = def.secrets ?? {};
  for (const [name, value] of Object.entries(secrets)) {
    if (typeof value === 'string') {
      add(CONNECTOR_ERRORS.BATON_E_CONNECTOR_SECRET_VALUE, ['secrets', name], { name, suggestion: `${def.key}.${kebab(name)}` });
    }
  }
  for (const name of BUILTIN_CONNECTOR_TYPES[type]?.secrets ?? []) {
    if (!(name in secrets)) add(CONNECTOR_ERRORS.BATON_E_CONNECTOR_MISSING_SECRET, def.secrets ? ['secrets'] : [], { type, name });
  }
  walk(def.config, ['config'], undefined, (value, path, key) => checkString(value, path, key, secrets, add));
  return issues;
}

function walk(value: unknown, path: Segment[], key: string | undefined, visit: (value: string, path: Segment[], key: string | undefined) => void): void {
  if (typeof value === 'string') visit(value, path, key);
  else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i], key, visit));
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) walk(v, [...path, k], k, visit);
  }
}

function checkString(
  value: string,
  path: Segment[],
  key: string | undefined,
  secrets: Record<string, unknown>,
  add: (code: string, path: Segment[], params: Record<string, unknown>) => void,
): void {
  const referenced = [...value.matchAll(SECRET_PLACEHOLDER)].map((m) => m[1] ?? '');
  for (const name of referenced) if (!(name in secrets)) add(CONNECTOR_ERRORS.BATON_E_CONNECTOR_UNKNOWN_SECRET, path, { name });
  if (referenced.length > 0) return;
  if (key !== undefined && SENSITIVE_KEY.test(key) && value.trim() !== '') {
    add(CONNECTOR_ERRORS.BATON_E_CONNECTOR_SECRET_IN_CONFIG, path, {});
    return;
  }
  if (/^(Bearer|Basic|Token)\s+\S{8,}/i.test(value) || /^https?:\/\//i.test(value) && urlCarriesCredential(value)) {
    add(CONNECTOR_ERRORS.BATON_E_CONNECTOR_SECRET_IN_CONFIG, path, {});
  }
}

function urlCarriesCredential(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return true;
  return [...url.searchParams.entries()].some(([name, v]) => SENSITIVE_QUERY.test(name) && v !== '');
}
