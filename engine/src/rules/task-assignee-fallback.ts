import type { AssigneeSpec } from '../flows/flow-definition.js';
import type { AssigneeReplacement } from '../flows/resolve-assignees.js';

/** Resolves assignee specs to present people, as a rule's env or the runtime's sweep does. */
export type AssigneeResolver = (specs: AssigneeSpec[]) => { users: string[]; candidates: string[]; replaced: AssigneeReplacement[] };

/** Where a task's people came from when its own assignees resolved to nobody. */
export type AssigneeFallbackSource = 'fallbackAssignees' | 'role:hr' | 'role:admin';

/** Recorded with the task (history `assignee.fallback`) so anyone can see why these people have it. */
export interface AssigneeFallback {
  /** `nobody-resolved`: its specs named nobody present at creation; `no-assignees`: an old row repaired by the sweep. */
  reason: 'nobody-resolved' | 'no-assignees';
  /** Which step of the chain supplied them. */
  via: AssigneeFallbackSource;
  to: string[];
}

/** The directory roles tried, in order, after a rule's own fallbackAssignees. */
export const FALLBACK_ROLES = ['hr', 'admin'] as const;

/**
 * A task must never sit open with nobody on it (nobody's inbox shows it, no handover finds it). When its
 * specs resolve to nobody: the rule's `fallbackAssignees`, else the present holders of the `hr` role, else
 * of the `admin` role. Undefined when even those are empty: the caller refuses rather than store it.
 */
export function fallBackAssignees(
  own: AssigneeSpec[] | undefined,
  resolve: AssigneeResolver,
): { users: string[]; replaced: AssigneeReplacement[]; fallback: AssigneeFallback } | undefined {
  const tries: Array<[AssigneeFallbackSource, AssigneeSpec[]]> = [
    ...(own && own.length > 0 ? [['fallbackAssignees', own] as [AssigneeFallbackSource, AssigneeSpec[]]] : []),
    ...FALLBACK_ROLES.map((role): [AssigneeFallbackSource, AssigneeSpec[]] => [`role:${role}`, [{ kind: 'role', role }]]),
  ];
  for (const [source, specs] of tries) {
    const { users, replaced } = resolve(specs);
    if (users.length > 0) return { users, replaced, fallback: { reason: 'nobody-resolved', via: source, to: users } };
  }
  return undefined;
}
