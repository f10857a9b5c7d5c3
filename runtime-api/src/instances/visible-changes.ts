import { canonicalJson, type CompiledFlow, type CompiledForm } from '@baton/engine';
import { projectForView, type InstanceView, type NodeForms } from '../access/instance-access.js';
import { isMaskedSecret, maskSecrets } from '../secrets/masked-secret.js';

/** One field a `data.changed` event changed, as the caller may see it: its value before and after. */
export interface FieldChange {
  field: string;
  /** Absent: the field had no value (or was not shown) before. */
  from?: unknown;
  /** Absent: the field has no value (or is not shown) after. */
  to?: unknown;
  /** A secret field: no value is given, only that it changed. */
  secret?: true;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Keys in the start form's field order, others (a step's own form) after them by name: stored snapshots do
 * not keep the order a patch was written in (PostgreSQL's jsonb sorts keys its own way).
 */
function inFormOrder(keys: string[], form: CompiledForm | undefined): string[] {
  const order = Object.keys((form?.jsonSchema.properties ?? {}) as Record<string, unknown>);
  const rank = (key: string): number => {
    const i = order.indexOf(key);
    return i < 0 ? order.length : i;
  };
  return [...keys].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * What a `data.changed` history event changed, field by field, for one caller. Both snapshots the engine
 * stored (`previous`, `data`) go through the same projection as the instance's own data (projectForView),
 * so a field hidden from the caller never appears, and a field whose visible part did not change (only a
 * hidden sub-table column did) is left out rather than saying "something changed". Secrets give no value.
 * Undefined when the event has no snapshots to compare (nothing is guessed from a bare patch).
 */
export function visibleChanges(
  event: Record<string, unknown>,
  view: InstanceView,
  flow: CompiledFlow | undefined,
  form: CompiledForm | undefined,
  nodeForms?: NodeForms,
): FieldChange[] | undefined {
  const { previous, data } = event;
  if (!isObject(previous) || !isObject(data)) return undefined;
  const patch = isObject(event.payload) ? event.payload.patch : undefined;
  // Only the patched keys can differ (data = previous + patch); without a patch, compare it all.
  const keys = inFormOrder(isObject(patch) ? Object.keys(patch) : [...new Set([...Object.keys(previous), ...Object.keys(data)])], form);
  const before = maskSecrets(projectForView(previous, view, flow, form, nodeForms));
  const after = maskSecrets(projectForView(data, view, flow, form, nodeForms));
  const changes: FieldChange[] = [];
  for (const field of keys) {
    const seenBefore = Object.hasOwn(before, field);
    const seenAfter = Object.hasOwn(after, field);
    if (!seenBefore && !seenAfter) continue;
    const from = seenBefore ? before[field] : undefined;
    const to = seenAfter ? after[field] : undefined;
    if (canonicalJson(from ?? null) === canonicalJson(to ?? null)) continue;
    if (isMaskedSecret(from) || isMaskedSecret(to)) {
      changes.push({ field, secret: true });
      continue;
    }
    const change: FieldChange = { field };
    if (from !== undefined && from !== null) change.from = from;
    if (to !== undefined && to !== null) change.to = to;
    changes.push(change);
  }
  return changes;
}
