import type { FlowDefinition, FormDefinition } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { initiatorToSend, lockedSubjectField, mayStartForOthers, subjectFieldOf } from './on-behalf.js';

const form = {
  kind: 'form',
  key: 'offboarding-request',
  version: 1,
  title: 'Offboarding',
  fields: [
    { key: 'type', type: 'select', label: 'Type' },
    { key: 'employeeId', type: 'user', label: { en: 'Leaving employee', 'zh-CN': '离职员工' } },
    { key: 'successorId', type: 'user', label: 'Successor' },
  ],
} as unknown as FormDefinition;

describe('starting a request on behalf of someone', () => {
  it('lets HR and admins act for others, nobody else', () => {
    expect(mayStartForOthers(['hr'])).toBe(true);
    expect(mayStartForOthers(['manager', 'admin'])).toBe(true);
    expect(mayStartForOthers(['sales'])).toBe(false);
    expect(mayStartForOthers(null)).toBe(false);
  });

  it('takes the first person field of the start form as the subject', () => {
    expect(subjectFieldOf(form)).toEqual({ key: 'employeeId', label: { en: 'Leaving employee', 'zh-CN': '离职员工' } });
    expect(subjectFieldOf({ ...form, fields: [form.fields[0]!] })).toBeNull();
    expect(subjectFieldOf(null)).toBeNull();
  });

  it('sends the leaver HR picked as the initiator until HR chooses someone else on the page', () => {
    const base = { mayActForOthers: true, me: 'demo-hr-1', chosen: { touched: false, value: undefined } };
    expect(initiatorToSend({ ...base, subjectValue: 'demo-eng-2' })).toBe('demo-eng-2');
    expect(initiatorToSend({ ...base, subjectValue: '' })).toBeUndefined();
    expect(initiatorToSend({ ...base, chosen: { touched: true, value: 'demo-eng-3' }, subjectValue: 'demo-eng-2' })).toBe('demo-eng-3');
    // Cleared on the page: HR starts it as themself.
    expect(initiatorToSend({ ...base, chosen: { touched: true, value: undefined }, subjectValue: 'demo-eng-2' })).toBeUndefined();
  });

  it('sends nothing for oneself, nor for callers who may not act for others', () => {
    expect(initiatorToSend({ mayActForOthers: true, me: 'demo-hr-1', chosen: { touched: false, value: undefined }, subjectValue: 'demo-hr-1' })).toBeUndefined();
    expect(initiatorToSend({ mayActForOthers: false, me: 'demo-eng-2', chosen: { touched: false, value: undefined }, subjectValue: 'demo-eng-2' })).toBeUndefined();
    expect(initiatorToSend({ mayActForOthers: false, me: 'demo-eng-2', chosen: { touched: true, value: 'x' }, subjectValue: 'y' })).toBeUndefined();
  });

  it("follows the flow's subject setting: its field, its roles, and locks the field for everybody else", () => {
    const flow = { subject: { field: 'employeeId', onBehalfRoles: ['hr'] } } as unknown as FlowDefinition;
    expect(subjectFieldOf(form, { subject: { field: 'successorId' } } as unknown as FlowDefinition)?.key).toBe('successorId');
    expect(mayStartForOthers(['hr'], flow)).toBe(true);
    expect(mayStartForOthers(['admin'], flow)).toBe(true);
    expect(mayStartForOthers(['finance'], flow)).toBe(false);
    expect(lockedSubjectField(flow, ['it'])).toBe('employeeId');
    expect(lockedSubjectField(flow, ['hr'])).toBeNull();
    expect(lockedSubjectField(flow, null)).toBeNull(); // roles not known yet
    expect(lockedSubjectField({ subject: { field: 'employeeId' } } as unknown as FlowDefinition, [])).toBeNull();
  });
});
