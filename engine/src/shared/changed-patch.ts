import { deepEqual } from './deep-equal.js';

/**
 * The part of a top-level patch that really changes `data`: the keys whose value differs (deep equality),
 * or undefined when the patch changes nothing, e.g. an approval that sends the form back unchanged.
 */
export function changedPatch(data: Readonly<Record<string, unknown>>, patch: Readonly<Record<string, unknown>>): Record<string, unknown> | undefined {
  let changed: Record<string, unknown> | undefined;
  for (const key of Object.keys(patch)) {
    const value = patch[key];
    // Own keys only: a patch key named like a prototype member ("constructor") must not read Object's.
    const before = Object.hasOwn(data, key) ? data[key] : undefined;
    if (deepEqual(before, value)) continue;
    (changed ??= {})[key] = value;
  }
  return changed;
}
