import { describe, expect, it } from 'vitest';
import { fieldAccessAt } from './field-access.js';
import { planSections, sectionData, sectionErrors, showsAnything, submissionData } from './task-form-sections.js';

// The offboarding request's fields and the IT step's access to them (templates/offboarding).
const requestFields = [
  { key: 'employeeId' },
  { key: 'reason' },
  { key: 'lastWorkingDay' },
  { key: 'accounts', fields: [{ key: 'system' }, { key: 'account' }, { key: 'disabled' }] },
  { key: 'assets', fields: [{ key: 'assetId' }, { key: 'returned' }] },
];
const itAccess = { '*': 'readonly', reason: 'hidden', accounts: 'editable', 'accounts.*': 'readonly', 'accounts.disabled': 'editable' };

describe('task page sections', () => {
  it('shows the request beside a step form of its own, and the request alone as the form of a step without one', () => {
    expect(planSections('offboarding-request', 'it-clearance')).toEqual([
      { key: 'offboarding-request', role: 'request', idPrefix: 'request' },
      { key: 'it-clearance', role: 'step', idPrefix: 'task' },
    ]);
    expect(planSections('offboarding-request', null)).toEqual([{ key: 'offboarding-request', role: 'request', idPrefix: 'task' }]);
    expect(planSections('offboarding-request', 'offboarding-request')).toHaveLength(1);
    expect(planSections(null, null)).toEqual([]);
  });

  it('sends the request columns the step may tick with its own form’s fields, nothing read-only', () => {
    const request = fieldAccessAt(requestFields, itAccess, undefined);
    expect(request).toMatchObject({ employeeId: 'readonly', reason: 'hidden', accounts: 'editable', 'accounts.system': 'readonly', 'accounts.disabled': 'editable' });
    const step = fieldAccessAt([{ key: 'dataBackedUp' }, { key: 'itNotes' }], undefined, undefined);
    const data = { employeeId: 'u1', lastWorkingDay: '2030-06-28', accounts: [{ system: 'CRM', account: 'li', disabled: true }], assets: [{ assetId: 'a' }], dataBackedUp: true };
    expect(submissionData(data, [request, step])).toEqual({ accounts: [{ system: 'CRM', account: 'li', disabled: true }], dataBackedUp: true });
  });

  it('gives each form only the data its schema declares', () => {
    expect(sectionData({ a: 1, b: 2, c: 3 }, { properties: { a: {}, c: {} } })).toEqual({ a: 1, c: 3 });
  });

  it('leaves out a request the step may not see at all', () => {
    expect(showsAnything({ reason: 'hidden', 'accounts.disabled': 'editable' })).toBe(false);
    expect(showsAnything({ reason: 'hidden', employeeId: 'readonly' })).toBe(true);
  });

  it('puts a refused gate’s rows at their fields, in the form that holds them', () => {
    const error = {
      code: 'BATON_E_FLOW_GATE_NOT_MET',
      issues: [
        { code: 'BATON_E_FLOW_GATE_NOT_MET', path: '/data/assets/1/returned', message: 'Task t at node adminAffairs cannot be completed yet…' },
        { code: 'BATON_E_FLOW_GATE_ITEM_OPEN', path: '/data/assets/1/returned', message: 'Not done yet (assets #2: returned)' },
        { code: 'BATON_E_FLOW_GATE_ITEM_OPEN', path: '/data/settlementConfirmed', message: 'Not done yet (settlementConfirmed)' },
      ],
    };
    expect(sectionErrors(error, new Set(['assets', 'employeeId']))).toEqual({ assets: { 1: { returned: { __errors: ['Not done yet (assets #2: returned)'] } } } });
    expect(sectionErrors(error, new Set(['settlementConfirmed']))).toEqual({ settlementConfirmed: { __errors: ['Not done yet (settlementConfirmed)'] } });
    // An error with only its own issue still shows it at the field.
    const invalid = { code: 'BATON_E_DATA_INVALID', issues: [{ code: 'BATON_E_DATA_INVALID', path: '/data/reason', message: 'Too long' }] };
    expect(sectionErrors(invalid, new Set(['reason']))).toEqual({ reason: { __errors: ['Too long'] } });
    expect(sectionErrors(null, new Set(['reason']))).toEqual({});
  });
});
