import type { DirectoryReader } from '../directory/directory.js';
import type { AssigneeSpec } from '../flows/flow-definition.js';
import { describeCandidates, resolveAssignees as resolveFlowAssignees, type AssigneeReplacement } from '../flows/resolve-assignees.js';
import { readPath } from './read-path.js';
import flowSchema from '../../schemas/flow.schema.json' with { type: 'json' };

/**
 * Rules name people exactly as flows do ({"kind": "role", "role": "it"}, {"kind": "field", "path": "employeeId"},
 * {"kind": "manager-of", "path": "employeeId"} …), so an analyst learns one shape; resolution is the flows' own.
 */
export type { AssigneeSpec };

/** The flow schema's assignee definition, inlined so params schemas need no cross-schema $ref. */
export const assigneeSpecSchema = (flowSchema as { $defs: { assignee: Record<string, unknown> } }).$defs.assignee;

/**
 * Resolves specs to user ids (deduplicated, in order) and display candidates. Field paths read the rule's
 * scope, so "$item.successorId" works inside a forEach. `initiator` is the flow's initiator when known;
 * `today` (the organisation's date) leaves out people who have left; `replaced` says who stood in for whom.
 */
export function resolveAssignees(
  specs: AssigneeSpec[],
  scope: Record<string, unknown>,
  directory: DirectoryReader,
  initiator = '',
  today?: string,
): { users: string[]; candidates: string[]; replaced: AssigneeReplacement[] } {
  // A field path through a sub-table ("customers.successorId") means every row's user: read it here, since
  // the flows' reader stops at arrays; every other kind resolves exactly as in flows.
  const expanded = specs.flatMap((spec): AssigneeSpec[] =>
    spec.kind === 'field' ? userIds(readPath(scope, spec.path)).map((id) => ({ kind: 'user', id })) : [spec],
  );
  // With `today`, people who have left are replaced by their nearest present manager, as in flows.
  const replaced: AssigneeReplacement[] = [];
  const onReplaced = (replacement: AssigneeReplacement): void => void replaced.push(replacement);
  const users = resolveFlowAssignees(expanded, { data: scope, initiator, directory, ...(today !== undefined ? { today, onReplaced } : {}) }).filter((id) => id !== '');
  return { users, candidates: describeCandidates(specs), replaced };
}

function userIds(value: unknown): string[] {
  if (typeof value === 'string' && value !== '') return [value];
  if (Array.isArray(value)) return value.flatMap(userIds);
  if (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string') return [(value as { id: string }).id];
  return [];
}
