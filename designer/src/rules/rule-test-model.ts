import type { DirectoryUser, RuleDefinition } from '@baton/engine';

/** The events a rule can be tested with; "timer" stands for "the trigger's time comes" (dates, schedules). */
export const TEST_EVENTS = [
  'flow.started',
  'flow.completed',
  'flow.rejected',
  'flow.cancelled',
  'record.created',
  'record.updated',
  'node.entered',
  'node.left',
  'task.created',
  'task.completed',
  'invoke.failed',
  'timer',
] as const;
export type TestEvent = (typeof TEST_EVENTS)[number];

/** The event a trigger type listens to, so the panel starts on the one that fires it. */
const TRIGGER_EVENTS: Record<string, TestEvent> = {
  'flow-started': 'flow.started',
  'flow-completed': 'flow.completed',
  'record-created': 'record.created',
  'record-updated': 'record.updated',
  'node-entered': 'node.entered',
  'node-left': 'node.left',
  'task-created': 'task.created',
  'task-completed': 'task.completed',
  'invoke-failed': 'invoke.failed',
};

/** The default event to test with: the trigger's own, or its time for time-based triggers (category "time"). */
export function defaultTestEvent(triggerType: string, category: string | undefined): TestEvent {
  if (category === 'time') return 'timer';
  return TRIGGER_EVENTS[triggerType.replace(/@.*$/, '')] ?? 'flow.started';
}

/** Every assignee spec inside the rule's actions (nested anywhere in their params). */
function specsOf(value: unknown, out: Array<Record<string, unknown>> = []): Array<Record<string, unknown>> {
  if (Array.isArray(value)) value.forEach((v) => specsOf(v, out));
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.kind === 'string') out.push(o);
    Object.values(o).forEach((v) => specsOf(v, out));
  }
  return out;
}

/**
 * A small made-up organisation in which the rule's assignees resolve: the initiator with a manager, somebody
 * else for person fields, one person per role the rule names and each user it names by id. Nobody real is
 * told anything: the test only shows what would happen.
 */
export function sampleUsers(rule: Pick<RuleDefinition, 'actions'>): DirectoryUser[] {
  const users = new Map<string, DirectoryUser>();
  const add = (id: string, extra: Partial<DirectoryUser> = {}) => {
    if (!users.has(id)) users.set(id, { id, name: id, roles: [], attributes: {}, departmentId: 'dept', ...extra });
  };
  add('initiator', { managerId: 'manager' });
  add('manager');
  add('colleague', { managerId: 'manager' });
  for (const spec of specsOf(rule.actions.map((a) => a.params))) {
    if (spec.kind === 'role' && typeof spec.role === 'string') add(`${spec.role}-person`, { roles: [spec.role] });
    if (spec.kind === 'user' && typeof spec.id === 'string') add(spec.id);
  }
  // The fallback chain ends at hr, then admin: a task never goes to nobody.
  add('hr-person', { roles: ['hr'] });
  return [...users.values()];
}

/** "YYYY-MM-DD" of today plus `days`, for sample dates a few weeks ahead of the test's "today". */
export function dayAfter(today: string, days: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The instant the test pretends it is: the chosen day at 08:00 in the zone's terms is close enough. */
export function testNow(day: string): string {
  return `${day}T00:00:00.000Z`;
}
