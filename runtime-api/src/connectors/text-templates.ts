import { ConnectorFailure } from './connector-failure.js';
import type { ConnectorInstance } from './connector-type.js';

const PLACEHOLDER = /\{\{\s*([A-Za-z_$][\w$-]*(?:\.[\w$-]+)*)\s*\}\}/g;

function read(scope: unknown, path: string): unknown {
  let value: unknown = scope;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/**
 * Fills `{{path}}` placeholders (dotted paths into `scope`). In URL paths every value is percent-encoded, so a
 * value can never add a path segment, a query or another host. A placeholder with no value is an error (a
 * request to "/customers/" would hit the wrong resource).
 */
export function fillTemplate(template: string, scope: unknown, mode: 'url' | 'text', key: string): string {
  return template.replace(PLACEHOLDER, (_whole, path: string) => {
    const value = read(scope, path);
    if (value === undefined || value === null || typeof value === 'object') {
      throw new ConnectorFailure('BATON_E_CONNECTOR_MISCONFIGURED', { key, detail: `the template "${template}" needs a value for {{${path}}}` });
    }
    const text = String(value);
    return mode === 'url' ? encodeURIComponent(text) : text.replace(/[\r\n]/g, ' ');
  });
}

/** Cuts text to at most `maxBytes` of UTF-8 without splitting a character, marking the cut with "…". */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  const ellipsis = '…';
  const budget = maxBytes - Buffer.byteLength(ellipsis);
  let bytes = 0;
  let out = '';
  for (const char of text) {
    const size = Buffer.byteLength(char);
    if (bytes + size > budget) break;
    bytes += size;
    out += char;
  }
  return out + ellipsis;
}

/** `{{secrets.x}}` in header templates reads the connector's secrets; every other name reads the params. */
export function secretScope(connector: ConnectorInstance<unknown>, params: Record<string, unknown>): Record<string, unknown> {
  const secrets: Record<string, string> = {};
  for (const name of connector.secretNames()) {
    const value = connector.secret(name);
    if (value !== undefined) secrets[name] = value;
  }
  return { ...params, secrets };
}

export function fillHeaders(connector: ConnectorInstance<unknown>, templates: Record<string, string> | undefined, params: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  if (!templates) return out;
  const scope = secretScope(connector, params);
  for (const [name, template] of Object.entries(templates)) out[name.toLowerCase()] = fillTemplate(template, scope, 'text', connector.key);
  return out;
}

