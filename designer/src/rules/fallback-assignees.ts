import type { Assignee } from '../shared/assignees/assignees-editor.js';

/** A create-task action's fallback list as stored: absent when empty (the schema asks for at least one). */
export type Fallback = Assignee[] | undefined;

const same = (a: Assignee, b: Assignee) => JSON.stringify(a) === JSON.stringify(b);

/** Adds a person or a role once; a repeat changes nothing. */
export function addFallback(list: Fallback, who: { kind: 'user'; id: string } | { kind: 'role'; role: string }): Assignee[] {
  const current = list ?? [];
  if ((who.kind === 'user' && who.id === '') || (who.kind === 'role' && who.role === '')) return current;
  return current.some((a) => same(a, who)) ? current : [...current, who];
}

/** Removes the i-th entry; the last one removed leaves no list at all. */
export function removeFallback(list: Fallback, index: number): Fallback {
  const next = (list ?? []).filter((_, i) => i !== index);
  return next.length > 0 ? next : undefined;
}

/** The action's params with the fallback list set or dropped, everything else as it was. */
export function withFallback(params: Record<string, unknown> | undefined, list: Fallback): Record<string, unknown> | undefined {
  const next = { ...(params ?? {}) };
  if (list && list.length > 0) next.fallbackAssignees = list;
  else delete next.fallbackAssignees;
  return Object.keys(next).length > 0 ? next : undefined;
}

/** Whether an action type takes a fallback list (its params schema declares one), e.g. create-task. */
export function takesFallback(paramsSchema: unknown): boolean {
  const props = (paramsSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return typeof props === 'object' && props !== null && 'fallbackAssignees' in props;
}
