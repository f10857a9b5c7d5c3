import { describe, expect, it } from 'vitest';
import { countTasks, DEFAULT_FILTER, dueBucket, filterTasks, type InboxTask } from './task-filters.js';

const now = new Date(2026, 10, 27, 10, 0, 0);
const at = (days: number, hours = 0) => new Date(2026, 10, 27 + days, 10 + hours).toISOString();
const tasks: InboxTask[] = [
  { id: 'late', status: 'open', dueAt: at(-1), createdAt: at(-3), flowKey: 'offboarding' },
  { id: 'today', status: 'open', dueAt: at(0, 5), createdAt: at(-2), flowKey: 'offboarding' },
  { id: 'week', status: 'open', dueAt: at(3), createdAt: at(-1), flowKey: 'leave' },
  { id: 'later', status: 'open', dueAt: at(30), createdAt: at(-1), flowKey: 'leave' },
  { id: 'nodue-new', status: 'open', dueAt: null, createdAt: at(0), flowKey: null },
  { id: 'nodue-old', status: 'open', dueAt: null, createdAt: at(-5), flowKey: 'leave' },
  { id: 'done', status: 'completed', dueAt: at(-2), createdAt: at(-4), flowKey: 'offboarding' },
];

describe('inbox filters', () => {
  it('puts tasks in due buckets; a finished task is never overdue', () => {
    expect(tasks.map((t) => dueBucket(t, now))).toEqual(['overdue', 'today', 'week', 'later', 'none', 'none', 'past']);
  });

  it('shows open tasks by default, most urgent first, undated newest first', () => {
    expect(filterTasks(tasks, DEFAULT_FILTER, now).map((t) => t.id)).toEqual(['late', 'today', 'week', 'later', 'nodue-new', 'nodue-old']);
  });

  it('filters by status, flow and due date', () => {
    const ids = (f: Partial<typeof DEFAULT_FILTER>) => filterTasks(tasks, { ...DEFAULT_FILTER, ...f }, now).map((t) => t.id);
    expect(ids({ status: 'completed' })).toEqual(['done']);
    expect(ids({ status: 'all', flowKey: 'offboarding' })).toEqual(['done', 'late', 'today']);
    expect(ids({ due: 'overdue' })).toEqual(['late']);
    expect(ids({ due: 'today' })).toEqual(['late', 'today']);
    expect(ids({ due: 'week' })).toEqual(['late', 'today', 'week']);
    expect(ids({ due: 'none', flowKey: 'leave' })).toEqual(['nodue-old']);
  });

  it('counts open, overdue, due today, completed and open per flow', () => {
    expect(countTasks(tasks, now)).toEqual({ open: 6, overdue: 1, dueToday: 1, completed: 1, byFlow: { offboarding: 2, leave: 3, '': 1 } });
  });
});
