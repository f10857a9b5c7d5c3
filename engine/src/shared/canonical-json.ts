/**
 * JSON with object keys sorted at every depth, so the same value always hashes the same whatever order
 * its keys were built or stored in (jsonb reorders them). Like JSON.stringify, undefined properties are
 * dropped and non-finite numbers become null.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    return text === undefined ? 'null' : text;
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return '[' + value.map((v) => canonicalJson(v === undefined ? null : v)).join(',') + ']';
  // Keys sorted by UTF-16 code units (sort's default for strings), appended in one pass: every audit entry
  // is hashed through here, and the entries/filter/map arrays of a functional version were most of its cost.
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const v = record[key];
    if (v === undefined || typeof v === 'function') continue;
    if (out.length > 1) out += ',';
    out += JSON.stringify(key) + ':' + canonicalJson(v);
  }
  return out + '}';
}
