import { describe, expect, it } from 'vitest';
import type { FormDefinition } from '../definitions/definition-types.js';
import { validateDefinition } from '../definitions/validate-definition.js';
import type { FlowDefinition } from './flow-definition.js';
import { edges, flowDef, node } from './flow-test-kit.js';

// A leaving request: the flow's subject (who the request is about) must be a Person field of its start form,
// the roles that may start it for somebody else must be real role names, and a start check must show its
// message at a field of that form.
const request = {
  kind: 'form', key: 'request', version: 1, title: 'Request',
  fields: [
    { key: 'employeeId', type: 'user', label: { en: 'Leaving employee', 'zh-CN': '离职员工' } },
    { key: 'successorId', type: 'user@1.0.0', label: 'Successor' },
    { key: 'lastWorkingDay', type: 'date', label: 'Last working day' },
  ],
} as unknown as FormDefinition;
const noPeople = { ...request, key: 'no-people', fields: [{ key: 'lastWorkingDay', type: 'date', label: 'Last working day' }] } as FormDefinition;
const forms = new Map([request, noPeople].map((f) => [f.key, f]));
const resolve = (kind: string, key: string) => (kind === 'form' ? forms.get(key) : undefined);

const pastDay = { key: 'lastDayNotPast', assert: { '>=': [{ var: 'lastWorkingDay' }, { var: '$today' }] }, path: 'lastWorkingDay', message: 'Not in the past.' };

function leaving(extra: Partial<FlowDefinition> = {}, checks: unknown[] = [pastDay]): FlowDefinition {
  return flowDef(
    [node('start', 'start', { checks }), node('manager', 'approval', { assignees: [{ kind: 'manager-of', path: 'employeeId' }] }), node('end', 'end')],
    edges(['start', 'manager'], ['manager', 'end']),
    { form: 'request', subject: { field: 'employeeId', onBehalfRoles: ['hr'], oneRunning: true }, ...extra },
  );
}

const problems = (def: unknown, locale: 'en' | 'zh-CN' = 'en', withForms = true) =>
  validateDefinition(def, { locale, ...(withForms ? { resolve } : {}) }).errors.map((e) => ({ code: e.code, path: e.path, message: e.message }));

describe('a flow\'s subject and start checks, checked at publish', () => {
  it('accept a Person field of the start form (pinned type versions too), real role names and known check fields', () => {
    expect(problems(leaving())).toEqual([]);
    expect(problems(leaving({ subject: { field: 'successorId', onBehalfRoles: [] } }))).toEqual([]);
    expect(problems(leaving({ subject: undefined }))).toEqual([]);
  });

  it('refuse a subject field the start form does not have, naming its Person fields, in en and zh-CN', () => {
    const def = leaving({ subject: { field: 'leaverId' } });
    expect(problems(def)).toEqual([{
      code: 'BATON_E_FLOW_SUBJECT_UNKNOWN_FIELD',
      path: '/subject/field',
      message: 'The person this flow is about is read from field "leaverId", which is not a top-level field of the start form "request": name one of its Person fields: "employeeId", "successorId".',
    }]);
    expect(problems(def, 'zh-CN')[0]?.message).toBe('流程所涉人员读取自字段 "leaverId"，但它不是发起表单 "request" 的顶层字段：请改为其人员字段之一："employeeId"、"successorId"。');
  });

  it('refuse a subject field that holds no person, and say to add one when the form has none', () => {
    expect(problems(leaving({ subject: { field: 'lastWorkingDay' } }))).toEqual([{
      code: 'BATON_E_FLOW_SUBJECT_NOT_PERSON',
      path: '/subject/field',
      message: 'The person this flow is about is read from field "lastWorkingDay" of the start form "request", but that field is of type "date" and holds no person: name one of its Person fields: "employeeId", "successorId".',
    }]);
    const none = problems(leaving({ form: 'no-people', subject: { field: 'lastWorkingDay' } }), 'zh-CN');
    expect(none.map((p) => p.code)).toContain('BATON_E_FLOW_SUBJECT_NOT_PERSON');
    expect(none.find((p) => p.path === '/subject/field')?.message).toContain('请先在该表单中添加一个人员字段，再在此处选择它');
  });

  it('refuse a subject without a start form, and skip the field check when the form cannot be resolved', () => {
    const def = leaving({ form: undefined });
    expect(problems(def, 'en', false)).toEqual([expect.objectContaining({ code: 'BATON_E_FLOW_SUBJECT_WITHOUT_FORM', path: '/subject/field' })]);
    expect(problems(leaving({ subject: { field: 'leaverId' } }), 'en', false)).toEqual([]);
  });

  it('refuse empty and space-padded on-behalf roles at their entry', () => {
    const def = leaving({ subject: { field: 'employeeId', onBehalfRoles: ['hr', '', ' admin '] } });
    expect(problems(def)).toEqual([
      { code: 'BATON_E_FLOW_SUBJECT_ROLE_BLANK', path: '/subject/onBehalfRoles/1', message: 'Entry 2 of the roles that may start this flow for someone else is empty: type a role (e.g. hr) or remove the entry.' },
      { code: 'BATON_E_FLOW_SUBJECT_ROLE_SPACES', path: '/subject/onBehalfRoles/2', message: 'The role " admin " that may start this flow for someone else has spaces at its ends, so it matches nobody\'s role: write it as "admin".' },
    ]);
    expect(problems(def, 'zh-CN').map((p) => p.message)).toEqual(['可代他人发起的角色中第 2 项为空：请填写角色（如 hr），或删除该项。', '可代他人发起的角色 " admin " 首尾带有空格，不会与任何人的角色匹配：请改为 "admin"。']);
  });

  it('refuse a start check whose message would show at a field the start form lacks', () => {
    const def = leaving({}, [pastDay, { ...pastDay, key: 'typo', path: 'lastDay' }]);
    expect(problems(def)).toEqual([{
      code: 'BATON_E_FLOW_START_CHECK_UNKNOWN_FIELD',
      path: '/nodes/0/config/checks/1/path',
      message: 'Start check "typo" shows its message at "lastDay", which is not a top-level field of the start form "request": name one of its fields.',
    }]);
  });
});
