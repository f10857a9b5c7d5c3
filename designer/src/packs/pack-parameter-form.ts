import { isBatonApiError, type PackParameter } from '@baton/client';
import type { DisplayIssue } from '../app/errors/to-display-error.js';

/**
 * What one parameter's input holds while it is edited: text for numbers, dates, times and strings (so a
 * half-typed "-" is not lost), a boolean for a switch, the index of a select's option, a duration's parts.
 */
export type DraftValue = string | boolean | { amount: string; unit: string };
export type Draft = Record<string, DraftValue>;

export const DURATION_UNITS = ['minutes', 'hours', 'days', 'business-hours', 'business-days'] as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The input state of a parameter's current value. */
export function draftOf(p: PackParameter): DraftValue {
  const v = p.value;
  switch (p.type) {
    case 'boolean':
      return v === true;
    case 'select': {
      const i = (p.options ?? []).findIndex((o) => o.value === v);
      return i < 0 ? '' : String(i);
    }
    case 'duration':
      return isObject(v) ? { amount: v.amount === undefined ? '' : String(v.amount), unit: typeof v.unit === 'string' ? v.unit : 'days' } : { amount: '', unit: p.unit ?? 'days' };
    default:
      return v === null || v === undefined ? '' : String(v);
  }
}

export function draftsOf(parameters: readonly PackParameter[]): Draft {
  return Object.fromEntries(parameters.map((p) => [p.key, draftOf(p)]));
}

/** A number typed in an input; text that is not one is sent as typed, for the server to explain. */
function numberOf(text: string): number | string {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
}

/** The value an input state stands for; null (back to the default) when it is left empty. */
export function valueOf(p: PackParameter, draft: DraftValue | undefined): unknown {
  if (draft === undefined) return p.value;
  if (typeof draft === 'boolean') return draft;
  if (typeof draft === 'object') return draft.amount.trim() === '' ? null : { amount: numberOf(draft.amount), unit: draft.unit };
  if (draft === '') return null;
  if (p.type === 'select') return p.options?.[Number(draft)]?.value ?? draft;
  if (p.type === 'integer' || p.type === 'number') return numberOf(draft);
  return draft;
}

/** Structural equality of JSON values, key order ignored. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameJson(a[k], b[k]));
}

/** The body of PUT /packs/:key/parameters: only what differs from the values in force. */
export function changedValues(parameters: readonly PackParameter[], draft: Draft): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of parameters) {
    const next = valueOf(p, draft[p.key]);
    if (next === null) {
      if (p.overridden) out[p.key] = null;
    } else if (!sameJson(next, p.value)) {
      out[p.key] = next;
    }
  }
  return out;
}

const POINTER = /^\/body\/values\/([^/]+)/;

/**
 * The server's issues by parameter key (`/body/values/<key>…`), so each shows at its field with its code
 * and path; `rest` holds what names no parameter (shown in the error panel).
 */
export function issuesByParameter(error: unknown): { byKey: Map<string, DisplayIssue[]>; rest: boolean } {
  const byKey = new Map<string, DisplayIssue[]>();
  if (!isBatonApiError(error)) return { byKey, rest: true };
  const all: DisplayIssue[] = [{ code: error.code, path: error.path, message: error.message }, ...error.issues];
  let rest = false;
  for (const issue of all) {
    const key = POINTER.exec(issue.path)?.[1];
    if (key === undefined) {
      rest = true;
      continue;
    }
    const list = byKey.get(key) ?? [];
    // The error often repeats its first issue; the issue (with the precise message) is kept.
    const same = list.findIndex((i) => i.path === issue.path);
    if (same >= 0) list[same] = issue;
    else list.push(issue);
    byKey.set(key, list);
  }
  return { byKey, rest: rest && byKey.size === 0 };
}
