import { describe, expect, it } from 'vitest';
import { compileForm } from './compile-form.js';
import { handoverForm, validHandoverData } from './fixtures/handover-form.js';
import { testRegistry } from './fixtures/test-registry.js';

const form = compileForm(handoverForm, testRegistry());
const SIGNATURE = { fileId: 'sig-1', signedAt: '2025-03-29T10:00:00+08:00' };

/** What the start node stored. */
function stored(): Record<string, unknown> {
  return form.validate(validHandoverData(2), { node: 'start' }).data;
}

describe('field access per flow node', () => {
  it('resolves access for fields and columns ("*", table.column, readOnly and computed)', () => {
    const manager = form.accessAt('manager_review');
    expect(manager).toMatchObject({
      employeeId: 'readonly', managerSignature: 'editable', hrNotes: 'hidden', customers: 'editable',
      'customers.customerId': 'readonly', 'customers.successorId': 'editable', 'assets.assetId': 'readonly',
      openItems: 'readonly',
    });
    expect(form.accessAt('hr_review')).toMatchObject({ hrNotes: 'editable', accounts: 'readonly', 'accounts.password': 'hidden' });
    // A node the form does not mention: everything editable except computed fields.
    expect(form.accessAt('somewhere_else')).toMatchObject({ employeeId: 'editable', 'assets.overdue': 'readonly' });
  });

  it('rejects and discards a change to a read-only field, keeping the previous value', () => {
    const previous = stored();
    const result = form.validate({ ...previous, lastWorkingDay: '2025-04-30', managerSignature: SIGNATURE }, { node: 'manager_review', previous });
    expect(result.errors).toMatchObject([{ code: 'BATON_E_FORM_READONLY_CHANGED', path: '/lastWorkingDay' }]);
    expect(result.errors[0]?.message).toBe('Last working day is read-only at this step, so your change was discarded: leave it unchanged.');
    expect(result.data.lastWorkingDay).toBe('2025-03-31');
    expect(result.data.managerSignature).toEqual(SIGNATURE);
  });

  it('treats an omitted read-only or hidden field as unchanged', () => {
    const previous = { ...stored(), hrNotes: 'Confidential: garden leave' };
    const submitted: Record<string, unknown> = { managerSignature: SIGNATURE };
    const result = form.validate(submitted, { node: 'manager_review', previous });
    expect(result.errors).toEqual([]);
    expect(result.data.hrNotes).toBe('Confidential: garden leave');
    expect(result.data.employeeId).toBe('u-li-lei');
  });

  it('rejects a value sent for a hidden field, in Chinese too', () => {
    const result = form.validate({ ...validHandoverData(1), hrNotes: 'sneaky' }, { node: 'start', locale: 'zh-CN' });
    expect(result.errors).toMatchObject([{ code: 'BATON_E_FORM_HIDDEN_CHANGED', path: '/hrNotes' }]);
    expect(result.errors[0]?.message).toBe('人事备注在此环节不可见，提交的值已被丢弃：请勿提交该字段。');
    expect(result.data).not.toHaveProperty('hrNotes');
  });

  it('compares read-only columns row by row inside an editable sub-table', () => {
    const previous = stored();
    const customers = structuredClone(previous.customers) as Array<Record<string, unknown>>;
    customers[0] = { ...customers[0], successorId: 'u-new-owner' };
    customers[1] = { ...customers[1], customerId: 'c-swapped' };
    const result = form.validate({ ...previous, customers }, { node: 'manager_review', previous });
    expect(result.errors).toMatchObject([{ code: 'BATON_E_FORM_READONLY_CHANGED', path: '/customers/1/customerId' }]);
    expect(result.errors[0]?.messages['zh-CN']).toBe('客户第 2 行的客户在此环节为只读，您的修改已被丢弃：请勿修改该字段。');
    const rows = result.data.customers as Array<Record<string, unknown>>;
    expect(rows[0]?.successorId).toBe('u-new-owner');
    expect(rows[1]?.customerId).toBe('c-1');
  });

  it('does not require a field the node cannot edit', () => {
    const previous = stored();
    delete previous.lastWorkingDay; // somehow missing, but the manager cannot fill it in
    expect(form.validate({ managerSignature: SIGNATURE }, { node: 'manager_review', previous }).errors).toEqual([]);
  });

  it('projects away what a reader at the node may not see', () => {
    const data: Record<string, unknown> = { ...stored(), hrNotes: 'Confidential' };
    const atStart = form.project(data, 'start');
    expect(atStart).not.toHaveProperty('hrNotes');
    const atHr = form.project(data, 'hr_review');
    expect(atHr.hrNotes).toBe('Confidential');
    expect((atHr.accounts as Array<Record<string, unknown>>)[0]).not.toHaveProperty('password');
    expect((data.accounts as Array<Record<string, unknown>>)[0]).toHaveProperty('password');
  });
});
