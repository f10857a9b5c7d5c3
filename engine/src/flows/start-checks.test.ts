import { describe, expect, it } from 'vitest';
import { batonErrorOf, edges, flowDef, FlowHarness, node } from './flow-test-kit.js';
import { runStartChecks } from './start-checks.js';

// A leaving request: the subject field cannot change after the start, and the start node's check (no past
// last day, unless the submitter has the hr role) judges the start and resubmissions, never later steps.
const pastDay = {
  key: 'lastDayNotPast',
  when: { '!': { includes: [{ var: '$starter.roles' }, 'hr'] } },
  assert: { '>=': [{ var: 'lastWorkingDay' }, { var: '$today' }] },
  path: 'lastWorkingDay',
  message: { en: 'Not in the past.', 'zh-CN': '不能早于今天。' },
};

function leavingFlow() {
  const def = flowDef(
    [node('start', 'start', { checks: [pastDay] }), node('manager', 'approval', { assignees: [{ kind: 'manager-of', path: 'employeeId' }] }), node('end', 'end')],
    edges(['start', 'manager'], ['manager', 'end']),
    { subject: { field: 'employeeId' }, timeZone: 'Asia/Shanghai' },
  );
  const h = new FlowHarness(def);
  h.now = '2025-03-03T01:00:00.000Z'; // 09:00 on 3 March in Shanghai
  return h;
}

describe('start checks and the subject field', () => {
  it('judge what the starter submits, sparing a role the check names, in both languages at the field', () => {
    const h = leavingFlow();
    const ctx = { now: h.now, timeZone: 'Asia/Shanghai' };
    const judge = (lastWorkingDay: string, roles: string[], locale: 'en' | 'zh-CN' = 'en') =>
      runStartChecks(h.flow, { data: { lastWorkingDay }, starter: { id: 'emp', roles }, ctx, locale });
    expect(judge('2025-03-03', [])).toEqual([]);
    expect(judge('2025-03-02', [])).toMatchObject([{ code: 'BATON_E_FORM_RULE_FAILED', path: '/data/lastWorkingDay', message: 'Not in the past.' }]);
    expect(judge('2025-03-02', [], 'zh-CN')[0]?.message).toBe('不能早于今天。');
    expect(judge('2025-03-02', ['hr'])).toEqual([]);
  });

  it('a resubmission cannot change the subject, is judged on what it changes, and later steps are not judged', () => {
    const h = leavingFlow();
    h.start({ employeeId: 'emp', lastWorkingDay: '2025-03-10' });
    h.act('manager', 'mgr', 'return');
    const swap = batonErrorOf(() => h.act('start', 'emp', 'resubmit', { data: { employeeId: 'dir' } }));
    expect(swap).toMatchObject({ code: 'BATON_E_FLOW_SUBJECT_LOCKED', status: 422 });
    expect(swap?.issues[0]?.path).toBe('/data/employeeId');
    const past = batonErrorOf(() => h.act('start', 'emp', 'resubmit', { data: { lastWorkingDay: '2025-03-01' } }));
    expect(past?.issues.map((i) => i.path)).toEqual(['/data/lastWorkingDay']);
    h.act('start', 'emp', 'resubmit', { data: { employeeId: 'emp', lastWorkingDay: '2025-03-04' } });
    // Days later the manager still approves: the check belongs to the start node only.
    h.now = '2025-03-20T01:00:00.000Z';
    h.act('manager', 'mgr', 'approve');
    expect(h.state.status).toBe('completed');
  });

  it('a value accepted at the start is not judged again when a resubmission leaves it alone', () => {
    const h = leavingFlow();
    h.start({ employeeId: 'emp', lastWorkingDay: '2025-03-04' });
    h.act('manager', 'mgr', 'return');
    h.now = '2025-03-10T01:00:00.000Z';
    h.act('start', 'emp', 'resubmit', { data: { note: 'more detail' } });
    expect(h.positions()).toEqual(['manager']);
  });
});
