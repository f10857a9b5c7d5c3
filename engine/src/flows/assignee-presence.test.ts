import { describe, expect, it } from 'vitest';
import { createMemoryDirectory } from '../directory/directory.js';
import { resolveAssignees as resolveRuleAssignees } from '../rules/assignee-spec.js';
import { replayFlow } from './evolve-flow-state.js';
import { edges, flowDef, FlowHarness, node } from './flow-test-kit.js';
import { resolveAssignees } from './resolve-assignees.js';

const person = (id: string, managerId?: string, extra: { leaveDate?: string; active?: boolean; roles?: string[]; departmentId?: string } = {}) => ({
  id, name: id, roles: extra.roles ?? [], attributes: {}, ...(managerId ? { managerId } : {}),
  ...(extra.leaveDate ? { leaveDate: extra.leaveDate } : {}), ...(extra.active === false ? { active: false } : {}),
  ...(extra.departmentId ? { departmentId: extra.departmentId } : {}),
});

// emp's manager mgr left on the 1st; mgr's manager dir was switched off; dir's manager ceo is here.
const directory = createMemoryDirectory({
  users: [
    person('emp', 'mgr', { departmentId: 'sales' }),
    person('mgr', 'dir', { leaveDate: '2025-03-01', roles: ['approver'], departmentId: 'sales' }),
    person('dir', 'ceo', { active: false, roles: ['approver'] }),
    person('ceo', undefined, { roles: ['approver'] }),
    person('lastday', 'ceo', { leaveDate: '2025-03-03' }),
    person('alone', undefined, { leaveDate: '2025-01-01' }),
  ],
  departments: [{ id: 'sales', name: 'Sales', headId: 'mgr' }],
});

describe('resolving assignees with presence', () => {
  const scope = { data: { employeeId: 'emp', owner: 'mgr' }, initiator: 'emp', directory, today: '2025-03-03' };

  it('replaces a named person who left by the nearest present manager, and says so', () => {
    const replaced: unknown[] = [];
    const users = resolveAssignees([{ kind: 'manager-of', path: 'employeeId' }], { ...scope, onReplaced: (r) => replaced.push(r) });
    expect(users).toEqual(['ceo']);
    expect(replaced).toEqual([{ from: 'mgr', to: 'ceo', presence: 'left', leaveDate: '2025-03-01', spec: 'manager-of' }]);
    expect(resolveAssignees([{ kind: 'field', path: 'owner' }], scope)).toEqual(['ceo']);
    expect(resolveAssignees([{ kind: 'department-head-of', path: 'employeeId' }], scope)).toEqual(['ceo']);
  });

  it('drops role holders who left instead of replacing them (the others cover the role)', () => {
    expect(resolveAssignees([{ kind: 'role', role: 'approver' }], scope)).toEqual(['ceo']);
  });

  it('keeps someone on their last day, and resolves to nobody when no manager above is present', () => {
    expect(resolveAssignees([{ kind: 'user', id: 'lastday' }], scope)).toEqual(['lastday']);
    const replaced: unknown[] = [];
    expect(resolveAssignees([{ kind: 'user', id: 'alone' }], { ...scope, onReplaced: (r) => replaced.push(r) })).toEqual([]);
    expect(replaced).toEqual([{ from: 'alone', to: null, presence: 'left', leaveDate: '2025-01-01', spec: 'user' }]);
  });

  it('resolves as the directory says when no date is given (callers that do not judge presence)', () => {
    expect(resolveAssignees([{ kind: 'manager-of', path: 'employeeId' }], { ...scope, today: undefined })).toEqual(['mgr']);
  });

  it('rules resolve the same way, and say whom they replaced (recorded with the rule task as assignee.replaced)', () => {
    expect(resolveRuleAssignees([{ kind: 'field', path: 'owner' }], scope.data, directory, 'emp', '2025-03-03')).toEqual({
      users: ['ceo'], candidates: ['field:owner'],
      replaced: [{ from: 'mgr', to: 'ceo', presence: 'left', leaveDate: '2025-03-01', spec: 'user' }],
    });
  });
});

describe('a flow never gives a task to someone who left', () => {
  const def = flowDef(
    [node('start', 'start'), node('approve', 'approval', { assignees: [{ kind: 'manager-of', path: 'employeeId' }] }), node('end', 'end')],
    edges(['start', 'approve'], ['approve', 'end']),
    { timeZone: 'Asia/Shanghai' },
  );

  it('the approval goes to the present manager above, with assignee.replaced in the history', () => {
    const h = new FlowHarness(def);
    h.ctxExtra = { directory };
    h.now = '2025-03-03T01:00:00.000Z';
    h.start({ employeeId: 'emp' });
    expect(h.tasks('approve').map((t) => t.assignees)).toEqual([['ceo']]);
    const replaced = h.events.find((e) => e.type === 'assignee.replaced');
    expect(replaced).toMatchObject({ nodeId: 'approve', actor: 'system', payload: { from: 'mgr', to: 'ceo', presence: 'left', leaveDate: '2025-03-01' } });
    expect(h.eventTypes().indexOf('assignee.replaced')).toBeLessThan(h.eventTypes().indexOf('task.created'));
    expect(replayFlow(h.events)).toEqual(h.state);
  });

  it("judges today in the organisation's time zone (ctx.timeZone), not the flow's: across midnight in Shanghai", () => {
    // The flow keeps its deadlines in Honolulu (UTC-10), the organisation is in Shanghai (UTC+8).
    const def = flowDef(
      [node('start', 'start'), node('approve', 'approval', { assignees: [{ kind: 'user', id: 'lastday' }] }), node('end', 'end')],
      edges(['start', 'approve'], ['approve', 'end']),
      { timeZone: 'Pacific/Honolulu' },
    );
    const startAt = (now: string) => {
      const h = new FlowHarness(def);
      h.ctxExtra = { directory, timeZone: 'Asia/Shanghai' };
      h.now = now;
      h.start({});
      return h.tasks('approve')[0]?.assignees;
    };
    // 23:00 on the 3rd in Shanghai (05:00 on the 3rd in Honolulu): still their last day.
    expect(startAt('2025-03-03T15:00:00.000Z')).toEqual(['lastday']);
    // 00:30 on the 4th in Shanghai, but still 06:30 on the 3rd in Honolulu: gone, by the organisation's date.
    expect(startAt('2025-03-03T16:30:00.000Z')).toEqual(['ceo']);
  });
});
