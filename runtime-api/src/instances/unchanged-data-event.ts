import { canonicalJson } from '@baton/engine';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A `data.changed` history entry whose patch left every value as it was (key order ignored): an approval
 * that sent the form back unchanged. The engine records the event (replay folds it in, harmlessly); the
 * timeline leaves it out, so "changed the data" appears only when something changed. Entries without the
 * before/after snapshots are kept.
 */
export function isUnchangedDataEvent(type: string, event: Record<string, unknown>): boolean {
  if (type !== 'data.changed') return false;
  const { previous, data } = event;
  const patch = isObject(event.payload) ? event.payload.patch : undefined;
  if (!isObject(previous) || !isObject(data)) return false;
  // Only the patched keys can differ (data = previous + patch); without a patch, compare it all.
  const keys = isObject(patch) ? Object.keys(patch) : [...new Set([...Object.keys(previous), ...Object.keys(data)])];
  return keys.every((key) => canonicalJson(previous[key]) === canonicalJson(data[key]));
}
