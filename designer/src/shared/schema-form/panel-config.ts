type Config = Record<string, unknown>;

/** Deep equality of JSON values, where a property set to `undefined` counts as absent (as in JSON). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  const ao = a as Config;
  const bo = b as Config;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!sameJson(ao[k], bo[k])) return false;
  return true;
}

/**
 * The config a generated panel's change leads to: what the panel emitted, except `keep` (properties edited
 * in their own editors, or hidden), which stay as stored; `undefined` when nothing is left. When that is
 * the stored config in substance, the stored object itself comes back, so a panel echoing what it was given
 * (rjsf reports its defaults as it mounts) changes nothing: no new state, no undo step, no update loop.
 */
export function mergePanelConfig(stored: Config | undefined, emitted: Config, keep: readonly string[]): Config | undefined {
  const merged: Config = {};
  for (const [k, v] of Object.entries(emitted)) if (v !== undefined && !keep.includes(k)) merged[k] = v;
  for (const k of keep) if (stored?.[k] !== undefined) merged[k] = stored[k];
  const next = Object.keys(merged).length > 0 ? merged : undefined;
  return sameJson(next ?? {}, stored ?? {}) ? stored : next;
}
