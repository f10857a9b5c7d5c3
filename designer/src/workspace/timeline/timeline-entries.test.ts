import type { HistoryEntry } from '@baton/client';
import { describe, expect, it } from 'vitest';
import { offboardingHistory } from './offboarding-history-fixture.js';
import { creditedActor, isDetail, ruleKeyOf, shapeTimeline } from './timeline-entries.js';

const entry = (type: string, actor: string | null, more: Partial<HistoryEntry> = {}): HistoryEntry => ({
  seq: 1, type, at: '2030-06-01T09:00:00.000Z', actor, nodeId: null, taskId: null, action: null, comment: null, ...more,
});

describe('timeline shaping', () => {
  it('shows the ten things people did in a 70-entry offboarding, the rest behind "show all details"', () => {
    const { rows, hidden } = shapeTimeline(offboardingHistory, false);
    expect(offboardingHistory).toHaveLength(70);
    expect(rows.map((r) => [r.entry.type, r.actor, r.entry.nodeId, r.entry.action])).toEqual([
      ['flow.started', 'demo-eng-2', null, null],
      ['task.completed', 'demo-eng-director', 'managerApproval', 'approve'],
      ['task.completed', 'demo-hr-1', 'hrInterview', 'approve'],
      ['task.completed', 'demo-it-1', 'rule:it-disable-accounts', 'complete'],
      ['task.completed', 'demo-it-1', 'itClearance', 'complete'],
      ['task.completed', 'demo-fin-1', 'financeSettlement', 'complete'],
      ['task.completed', 'demo-admin-1', 'adminAffairs', 'complete'],
      ['task.completed', 'demo-eng-3', 'workHandover', 'complete'],
      ['task.completed', 'demo-hr-1', 'hrConfirmation', 'approve'],
      // The completion follows from HR's approval: the system's, not HR's.
      ['flow.completed', null, null, null],
    ]);
    expect(hidden).toBe(70 - 10);
    expect(rows[1]!.entry.comment).toBe('同意');
  });

  it('shows everything when asked, crediting engine events to the system and folding repeats into one row', () => {
    const { rows, hidden } = shapeTimeline(offboardingHistory, true);
    expect(hidden).toBe(0);
    // Every entry is accounted for, once.
    expect(rows.reduce((n, r) => n + r.count, 0)).toBe(70);
    // The join left three times in a row when the last branch arrived: one row "×3".
    const joins = rows.filter((r) => r.entry.type === 'node.left' && r.entry.nodeId === 'join');
    expect(joins.map((r) => r.count)).toEqual([3, 1]);
    // Steps entered, timers, tasks opened: never credited to the person whose command caused them.
    for (const r of rows.filter((r) => ['node.entered', 'node.left', 'timer.scheduled', 'task.created', 'flow.completed'].includes(r.entry.type))) {
      expect(r.actor).toBeNull();
    }
    // Data a person saved with their completion stays theirs.
    expect(rows.find((r) => r.entry.type === 'data.changed')?.actor).toBe('demo-hr-1');
  });

  it('keeps commented, unknown and handover-like events in view; folds only identical uncommented repeats', () => {
    expect(isDetail(entry('node.entered', 'x'))).toBe(true);
    expect(isDetail(entry('data.changed', 'x', { comment: 'fixed the date' }))).toBe(false);
    expect(isDetail(entry('task.handed-over', 'x'))).toBe(false);
    expect(isDetail(entry('assignee.replaced', 'system'))).toBe(false);
    expect(isDetail(entry('assignee.fallback', 'system'))).toBe(false);
    const reminders = [1, 2, 3, 4, 5, 6].map((seq) => entry('task.reminded', 'system', { seq, nodeId: 'itClearance' }));
    expect(shapeTimeline(reminders, false).rows.map((r) => r.count)).toEqual([6]);
    const comments = [entry('task.commented', 'mgr', { seq: 1, comment: 'a' }), entry('task.commented', 'mgr', { seq: 2, comment: 'a' })];
    expect(shapeTimeline(comments, false).rows).toHaveLength(2);
    const twoPeople = [entry('task.completed', 'a', { action: 'approve' }), entry('task.completed', 'b', { action: 'approve', seq: 2 })];
    expect(shapeTimeline(twoPeople, false).rows).toHaveLength(2);
  });

  it('credits rules and the system to nobody, people to themselves; reads rule keys from rule nodes', () => {
    expect(creditedActor(entry('task.completed', 'demo-it-1'))).toBe('demo-it-1');
    expect(creditedActor(entry('task.created', 'system'))).toBeNull();
    expect(creditedActor(entry('data.changed', 'rule:mark-left'))).toBeNull();
    expect(creditedActor(entry('flow.started', null))).toBeNull();
    expect(creditedActor(entry('flow.cancelled', 'hr1'))).toBe('hr1');
    expect(ruleKeyOf('rule:it-disable-accounts')).toBe('it-disable-accounts');
    expect(ruleKeyOf('rule:it-disable-accounts@1:task.completed')).toBe('it-disable-accounts');
    expect(ruleKeyOf('itClearance')).toBeNull();
    expect(ruleKeyOf(null)).toBeNull();
  });
});

describe('the fields a step changed on the timeline', () => {
  const changes = [{ field: 'lastWorkingDay', from: '2026-12-01', to: '2026-12-15' }];
  it('puts the data a person saved with a decision on the decision’s row, not on a row of its own', () => {
    const history = [
      entry('flow.started', 'leaver', { seq: 1 }),
      entry('data.changed', 'hr', { seq: 2, nodeId: 'hrInterview', changes }),
      entry('task.completed', 'hr', { seq: 3, nodeId: 'hrInterview', action: 'approve' }),
    ];
    for (const showAll of [false, true]) {
      const { rows, hidden } = shapeTimeline(history, showAll);
      expect(rows.map((r) => [r.entry.type, r.changes ?? null])).toEqual([['flow.started', null], ['task.completed', changes]]);
      expect(hidden).toBe(0);
    }
  });

  it('shows a change on its own (a rule’s) as its own row; one with no field the reader may see stays a detail', () => {
    const byRule = entry('data.changed', 'rule:mark-left', { seq: 2, changes });
    const nothingVisible = entry('data.changed', 'hr', { seq: 3, nodeId: 'x', changes: [] });
    const { rows, hidden } = shapeTimeline([byRule, nothingVisible, entry('task.completed', 'hr', { seq: 4, nodeId: 'x', action: 'approve' })], false);
    expect(rows.map((r) => [r.entry.seq, r.actor, r.changes ?? null])).toEqual([[2, null, changes], [4, 'hr', null]]);
    expect(hidden).toBe(1);
    // Two approvals in a row fold into "×2" only when neither changed anything.
    const twice = [entry('data.changed', 'a', { seq: 1, nodeId: 'n', changes }), entry('task.completed', 'a', { seq: 2, nodeId: 'n', action: 'approve' }), entry('task.completed', 'a', { seq: 3, nodeId: 'n', action: 'approve' })];
    expect(shapeTimeline(twice, false).rows.map((r) => r.count)).toEqual([1, 1]);
  });
});
