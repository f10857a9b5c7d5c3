import { describe, expect, it } from 'vitest';
import type { FormDefinition } from '../definitions/definition-types.js';
import { edges, flowDef, node } from '../flows/flow-test-kit.js';
import type { Scenario } from './scenario.js';
import { simulate } from './simulate.js';

// A simulated start is judged as the runtime judges one (start-flow.ts): the start node's checks with the
// starter's roles and the scenario's day, then the flow's subject rules, each refused at its field in words.
const request = {
  kind: 'form', key: 'request', version: 1, title: 'Request',
  fields: [
    { key: 'employeeId', type: 'user', label: { en: 'Leaving employee', 'zh-CN': '离职员工' } },
    { key: 'lastWorkingDay', type: 'date', label: { en: 'Last working day', 'zh-CN': '最后工作日' } },
  ],
} as unknown as FormDefinition;

const flow = flowDef(
  [
    node('start', 'start', {
      checks: [{
        key: 'lastDayNotPast',
        when: { '!': { includes: [{ var: '$starter.roles' }, 'hr'] } },
        assert: { '>=': [{ var: 'lastWorkingDay' }, { var: '$today' }] },
        path: 'lastWorkingDay',
        message: { en: 'The last working day cannot be in the past.', 'zh-CN': '最后工作日不能早于今天。' },
      }],
    }),
    node('manager', 'approval', { assignees: [{ kind: 'user', id: 'mgr' }] }),
    node('end', 'end'),
  ],
  edges(['start', 'manager'], ['manager', 'end']),
  { title: { en: 'Employee offboarding', 'zh-CN': '员工离职' }, form: 'request', timeZone: 'Asia/Shanghai', subject: { field: 'employeeId', onBehalfRoles: ['hr'], oneRunning: true } },
);

function scenario(initiator: string, data: Record<string, unknown>): Scenario {
  return {
    name: 'start', start: { initiator, at: '2025-03-03T01:00:00Z', data },
    directory: { users: [{ id: 'emp' }, { id: 'colleague' }, { id: 'hr-person', roles: ['hr'] }, { id: 'mgr' }] },
    steps: [],
  };
}

const run = (initiator: string, data: Record<string, unknown>, locale: 'en' | 'zh-CN' = 'en') => simulate(flow, scenario(initiator, data), { forms: [request], locale });

describe('a simulated start', () => {
  it('starts when the employee names themself with a day to come, or HR backdates it for someone else', () => {
    expect(run('emp', { employeeId: 'emp', lastWorkingDay: '2025-03-03' }).tasks.map((t) => t.node)).toEqual(['manager']);
    const hr = run('hr-person', { employeeId: 'emp', lastWorkingDay: '2025-01-01' });
    expect(hr.failures).toEqual([]);
    expect(hr.tasks.map((t) => t.node)).toEqual(['manager']);
  });

  it('refuses a past last working day at the field, in the check\'s own words, and starts nothing', () => {
    const result = run('emp', { employeeId: 'emp', lastWorkingDay: '2025-03-02' });
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]).toMatchObject({ path: '/start', code: 'BATON_E_SIM_COMMAND_REFUSED', actual: 'BATON_E_START_CHECKS_FAILED' });
    expect(result.failures[0]?.issues).toEqual([{ code: 'BATON_E_FORM_RULE_FAILED', path: '/data/lastWorkingDay', message: 'The last working day cannot be in the past.' }]);
    expect(run('emp', { employeeId: 'emp', lastWorkingDay: '2025-03-02' }, 'zh-CN').failures[0]?.issues?.[0]?.message).toBe('最后工作日不能早于今天。');
    expect(result.tasks).toEqual([]);
  });

  it('refuses a start for somebody else without an on-behalf role, naming the field by its label, in en and zh-CN', () => {
    const en = run('emp', { employeeId: 'colleague', lastWorkingDay: '2025-03-31' });
    expect(en.failures[0]).toMatchObject({ path: '/start', actual: 'BATON_E_START_NOT_FOR_OTHERS' });
    expect(en.failures[0]?.issues).toEqual([{
      code: 'BATON_E_START_NOT_FOR_OTHERS',
      path: '/data/employeeId',
      message: 'You may only start "Employee offboarding" for yourself: choose yourself as "Leaving employee", or ask someone with one of the roles hr to start it for colleague.',
    }]);
    const zh = run('emp', { employeeId: 'colleague', lastWorkingDay: '2025-03-31' }, 'zh-CN');
    expect(zh.failures[0]?.issues?.[0]?.message).toBe('您只能为自己发起“员工离职”：请在“离职员工”中选择您本人，或请具有以下角色之一的人员代为发起：hr。');
  });

  it('refuses a start that names nobody as the subject', () => {
    const result = run('emp', { lastWorkingDay: '2025-03-31' });
    expect(result.failures[0]?.issues).toEqual([{ code: 'BATON_E_START_SUBJECT_MISSING', path: '/data/employeeId', message: '"Leaving employee" names the person this request is about, and it is empty: choose that person.' }]);
  });
});
