import { describe, expect, it } from 'vitest';
import { taskFormKey } from './task-form-key.js';

const flow = {
  form: 'offboarding-request',
  nodes: [
    { id: 'managerApproval', type: 'approval', name: 'Manager approval' },
    { id: 'itClearance', type: 'task', name: 'IT', form: { key: 'it-clearance' } },
  ],
};

describe('taskFormKey', () => {
  it('a flow step shows its own form, else the flow form', () => {
    expect(taskFormKey(flow, 'itClearance', null)).toBe('it-clearance');
    expect(taskFormKey(flow, 'managerApproval', null)).toBe('offboarding-request');
  });

  it("a rule's to-do (no node of the flow) shows no form, not an editable copy of the request", () => {
    expect(taskFormKey(flow, 'rule:revocation-failed', null)).toBeNull();
  });

  it("a rule's to-do with a completion form shows that form", () => {
    expect(taskFormKey(flow, 'rule:x', 'it-clearance')).toBe('it-clearance');
    expect(taskFormKey(null, 'rule:x', 'it-clearance')).toBe('it-clearance');
  });
});
