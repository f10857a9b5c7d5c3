import type { DirectoryReader } from '../directory/directory.js';
import { personPresence } from '../directory/person-presence.js';
import type { AssigneeSpec } from './flow-definition.js';

/** Someone a spec named who has left or was deactivated, and who gets the work instead (null: nobody). */
export interface AssigneeReplacement {
  from: string;
  to: string | null;
  presence: 'inactive' | 'left';
  leaveDate?: string;
  /** The spec's kind ("user", "field", "manager-of" …), or "open-task": an open task handed over (hand-over-task.ts). */
  spec: AssigneeSpec['kind'] | 'open-task';
}

export interface AssigneeScope {
  data: Readonly<Record<string, unknown>>;
  initiator: string;
  directory: DirectoryReader;
  /**
   * Today in the organisation's time zone ("YYYY-MM-DD"). Given, nobody who has left or is inactive is
   * resolved: a named person is replaced by their nearest present manager, a role or department member is
   * dropped. Absent, everyone resolves as the directory names them.
   */
  today?: string;
  /** Told of each replacement, so the caller can record why the work went elsewhere. */
  onReplaced?(replacement: AssigneeReplacement): void;
}

/**
 * Reads a dotted path ("employee.id") from the data; never walks into prototype members. A list followed
 * by a column name maps over its rows, so "customers.successorId" gives every row's successor.
 */
export function readPath(data: unknown, path: string): unknown {
  return readSegments(data, path.split('.'), 0);
}

function readSegments(current: unknown, segments: readonly string[], index: number): unknown {
  if (index >= segments.length) return current;
  const segment = segments[index]!;
  if (Array.isArray(current) && !/^\d+$/.test(segment)) return current.map((row) => readSegments(row, segments, index));
  if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment)) return undefined;
  return readSegments((current as Record<string, unknown>)[segment], segments, index + 1);
}

function userIds(value: unknown): string[] {
  if (typeof value === 'string' && value !== '') return [value];
  if (Array.isArray(value)) return value.flatMap(userIds);
  // A user field may hold a record ({ id, name }) rather than a bare id.
  if (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string') return [(value as { id: string }).id];
  return [];
}

function subjectOf(spec: { path?: string; user?: string }, scope: AssigneeScope): string[] {
  if (spec.path !== undefined) return userIds(readPath(scope.data, spec.path));
  if (spec.user !== undefined) return [spec.user];
  return [scope.initiator];
}

function managerOf(userId: string, level: number, directory: DirectoryReader): string | undefined {
  let current: string | undefined = userId;
  for (let i = 0; i < level && current !== undefined; i++) current = directory.user(current)?.managerId;
  return current;
}

/** Longest manager chain walked looking for someone present (imports refuse cycles; this bounds a bad one). */
const MAX_CHAIN = 32;

/**
 * Who takes over from `id` when they are not present: `undefined` while they are present (or unknown to the
 * directory: that is judged elsewhere), else the replacement, `to` being the first present manager above
 * them or null when there is nobody. Assignment and the runtime's handover of open tasks both use it.
 */
export function presentOrManager(id: string, spec: AssigneeReplacement['spec'], directory: DirectoryReader, today: string): AssigneeReplacement | undefined {
  const user = directory.user(id);
  if (!user) return undefined;
  const presence = personPresence(user, today);
  if (presence === 'active') return undefined;
  let found: string | undefined;
  const seen = new Set([id]);
  for (let next = user.managerId; next !== undefined && !seen.has(next) && seen.size <= MAX_CHAIN; ) {
    seen.add(next);
    const manager = directory.user(next);
    if (!manager) break;
    if (personPresence(manager, today) === 'active') {
      found = next;
      break;
    }
    next = manager.managerId;
  }
  const replacement: AssigneeReplacement = { from: id, to: found ?? null, presence, spec };
  if (user.leaveDate !== undefined) replacement.leaveDate = user.leaveDate;
  return replacement;
}

/**
 * The users one spec stands for, in directory order; unknown people resolve to nobody. With `scope.today`,
 * people who have left are never resolved (see AssigneeScope.today).
 */
export function resolveAssignee(spec: AssigneeSpec, scope: AssigneeScope): string[] {
  const ids = resolveNamed(spec, scope);
  const { today } = scope;
  if (today === undefined) return ids;
  // A role or a department stands for whoever holds it now: the others still cover it.
  if (spec.kind === 'role' || spec.kind === 'department') {
    return ids.filter((id) => {
      const user = scope.directory.user(id);
      return !user || personPresence(user, today) === 'active';
    });
  }
  const present: string[] = [];
  for (const id of ids) {
    const replacement = presentOrManager(id, spec.kind, scope.directory, today);
    if (!replacement) present.push(id);
    else {
      scope.onReplaced?.(replacement);
      if (replacement.to !== null) present.push(replacement.to);
    }
  }
  return present;
}

function resolveNamed(spec: AssigneeSpec, scope: AssigneeScope): string[] {
  const { directory } = scope;
  switch (spec.kind) {
    case 'user':
      return [spec.id];
    case 'role':
      return directory.usersWithRole(spec.role).map((u) => u.id);
    case 'department':
      return directory.usersInDepartment(spec.id).map((u) => u.id);
    case 'field':
      return userIds(readPath(scope.data, spec.path));
    case 'initiator':
      return [scope.initiator];
    case 'manager-of':
      return subjectOf(spec, scope).flatMap((id) => {
        const manager = managerOf(id, spec.level ?? 1, directory);
        return manager === undefined ? [] : [manager];
      });
    case 'department-head-of': {
      const departments = spec.department !== undefined
        ? [spec.department]
        : subjectOf(spec, scope).flatMap((id) => {
            const dept = directory.user(id)?.departmentId;
            return dept === undefined ? [] : [dept];
          });
      return departments.flatMap((id) => {
        const head = directory.department(id)?.headId;
        return head === undefined ? [] : [head];
      });
    }
    default:
      return [];
  }
}

/** Resolves several specs into one de-duplicated list of user ids, in spec order. */
export function resolveAssignees(specs: readonly AssigneeSpec[], scope: AssigneeScope): string[] {
  const seen = new Set<string>();
  for (const spec of specs) for (const id of resolveAssignee(spec, scope)) seen.add(id);
  return [...seen];
}

/** Display names of candidate groups ("role:it"), kept on tasks for the inbox. */
export function describeCandidates(specs: readonly AssigneeSpec[]): string[] {
  return specs.map((spec) => {
    switch (spec.kind) {
      case 'user': return `user:${spec.id}`;
      case 'role': return `role:${spec.role}`;
      case 'department': return `department:${spec.id}`;
      case 'field': return `field:${spec.path}`;
      default: return spec.kind;
    }
  });
}
