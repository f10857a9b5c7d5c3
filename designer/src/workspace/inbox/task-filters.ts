/** A task as the inbox lists it: the API's task plus the flow of its instance. */
export interface InboxTask {
  id: string;
  status: string;
  dueAt: string | null;
  createdAt: string;
  flowKey: string | null;
}

export type DueFilter = 'any' | 'overdue' | 'today' | 'week' | 'none';

export interface InboxFilter {
  status: 'open' | 'completed' | 'all';
  flowKey: string;
  due: DueFilter;
}

export const DEFAULT_FILTER: InboxFilter = { status: 'open', flowKey: '', due: 'any' };

const DAY = 24 * 60 * 60 * 1000;

/** Start of the local day of `now` (the inbox speaks the user's own calendar). */
function startOfDay(now: Date): number {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
}

/** Which due bucket a task is in at `now`. Only open tasks can be overdue. */
export function dueBucket(task: Pick<InboxTask, 'dueAt' | 'status'>, now: Date): 'overdue' | 'past' | 'today' | 'week' | 'later' | 'none' {
  if (!task.dueAt) return 'none';
  const due = new Date(task.dueAt).getTime();
  if (Number.isNaN(due)) return 'none';
  if (due < now.getTime()) return task.status === 'open' ? 'overdue' : 'past';
  const today = startOfDay(now);
  if (due < today + DAY) return 'today';
  if (due < today + 7 * DAY) return 'week';
  return 'later';
}

export function matchesFilter(task: InboxTask, filter: InboxFilter, now: Date): boolean {
  if (filter.status !== 'all' && task.status !== filter.status) return false;
  if (filter.flowKey && task.flowKey !== filter.flowKey) return false;
  if (filter.due === 'any') return true;
  const bucket = dueBucket(task, now);
  if (filter.due === 'week') return bucket === 'overdue' || bucket === 'today' || bucket === 'week';
  if (filter.due === 'today') return bucket === 'overdue' || bucket === 'today';
  return bucket === filter.due;
}

/** Tasks that match, most urgent first: overdue and soonest due, then those without a due date, newest first. */
export function filterTasks<T extends InboxTask>(tasks: readonly T[], filter: InboxFilter, now: Date): T[] {
  const key = (t: T) => (t.dueAt ? new Date(t.dueAt).getTime() : Number.POSITIVE_INFINITY);
  return tasks
    .filter((t) => matchesFilter(t, filter, now))
    .sort((a, b) => key(a) - key(b) || b.createdAt.localeCompare(a.createdAt));
}

export interface InboxCounts {
  open: number;
  overdue: number;
  dueToday: number;
  completed: number;
  /** Open tasks per flow key ("" for tasks without a flow, e.g. from rules). */
  byFlow: Record<string, number>;
}

export function countTasks(tasks: readonly InboxTask[], now: Date): InboxCounts {
  const counts: InboxCounts = { open: 0, overdue: 0, dueToday: 0, completed: 0, byFlow: {} };
  for (const task of tasks) {
    if (task.status === 'completed') counts.completed += 1;
    if (task.status !== 'open') continue;
    counts.open += 1;
    const bucket = dueBucket(task, now);
    if (bucket === 'overdue') counts.overdue += 1;
    if (bucket === 'today') counts.dueToday += 1;
    const flow = task.flowKey ?? '';
    counts.byFlow[flow] = (counts.byFlow[flow] ?? 0) + 1;
  }
  return counts;
}
