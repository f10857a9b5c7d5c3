import { describe, expect, it } from 'vitest';
import { format } from '../i18n/localized-text.js';
import { errorSpec } from '../errors/error-catalogue.js';
import { judgeStartSubject, mayStartOnBehalf, subjectNamedIn } from './start-subject-policy.js';

// The decision runtime-api's start (start-subject.ts) and the simulation share: who a start is about, and
// whether the starter may name somebody else there.
const flow = {
  key: 'offboarding',
  title: { en: 'Employee offboarding', 'zh-CN': '员工离职' },
  subject: { field: 'employeeId', onBehalfRoles: ['hr'] },
};
const label = { en: 'Leaving employee', 'zh-CN': '离职员工' };
const words = (refusal: ReturnType<typeof judgeStartSubject>, locale: 'en' | 'zh-CN') => format(errorSpec(refusal!.code)![locale], refusal!.params, locale);

describe('the start subject policy', () => {
  it('reads the subject from the flow\'s field: a non-empty string, else nobody; no setting, no subject', () => {
    expect(subjectNamedIn(flow, { employeeId: 'emp' })).toBe('emp');
    expect(subjectNamedIn(flow, { employeeId: '' })).toBeNull();
    expect(subjectNamedIn(flow, {})).toBeNull();
    expect(subjectNamedIn({}, { employeeId: 'emp' })).toBeUndefined();
  });

  it('lets anyone start for themself, and only the named roles (and admins) for somebody else', () => {
    const judge = (subjectId: string, roles: string[]) => judgeStartSubject(flow, { subjectId, starter: { id: 'emp', roles }, fieldLabel: label });
    expect(judge('emp', [])).toBeUndefined();
    expect(judge('other', ['hr'])).toBeUndefined();
    expect(judge('other', ['admin'])).toBeUndefined();
    const refused = judge('other', ['it']);
    expect(refused).toMatchObject({ code: 'BATON_E_START_NOT_FOR_OTHERS', path: '/data/employeeId', params: { subjectId: 'other', roles: 'hr' } });
    expect(words(refused, 'en')).toBe('You may only start "Employee offboarding" for yourself: choose yourself as "Leaving employee", or ask someone with one of the roles hr to start it for other.');
    expect(words(refused, 'zh-CN')).toBe('您只能为自己发起“员工离职”：请在“离职员工”中选择您本人，或请具有以下角色之一的人员代为发起：hr。');
    expect(mayStartOnBehalf({ subject: { field: 'employeeId' } }, [])).toBe(true);
  });

  it('needs somebody named when the flow declares its subject; a system caller is not limited by roles', () => {
    const missing = judgeStartSubject(flow, { subjectId: null, starter: { id: 'emp', roles: ['hr'] }, fieldLabel: label });
    expect(missing).toMatchObject({ code: 'BATON_E_START_SUBJECT_MISSING', path: '/data/employeeId' });
    expect(words(missing, 'en')).toBe('"Leaving employee" names the person this request is about, and it is empty: choose that person.');
    expect(words(missing, 'zh-CN')).toBe('“离职员工”是本申请所涉的人员，目前为空：请选择该人员。');
    expect(judgeStartSubject(flow, { subjectId: 'other' })).toBeUndefined();
    expect(judgeStartSubject({ key: 'plain', title: 'Plain' }, { subjectId: null })).toBeUndefined();
  });
});
