import { describe, expect, it } from 'vitest';
import { compileForm } from './compile-form.js';
import { handoverForm, validHandoverData } from './fixtures/handover-form.js';
import { testRegistry } from './fixtures/test-registry.js';
import { rowConfirmation } from '../documents/row-confirmation.js';

// QA D2, D3: a node where a required column of an editable table is not writable cannot add or remove rows.
const form = compileForm(handoverForm, testRegistry());
const stored = () => form.validate(validHandoverData(2), { node: 'start' }).data;

describe('rows a node may not add or remove', () => {
  it('refuses a removed or added row where the required customer column is read-only, and puts the rows back', () => {
    const previous = stored();
    const rows = previous.customers as Array<Record<string, unknown>>;
    const removed = form.validate({ ...previous, customers: rows.slice(1) }, { node: 'manager_review', previous });
    expect(removed.errors.filter((e) => e.code === 'BATON_E_FORM_ROWS_FIXED')).toMatchObject([{ path: '/customers', params: { before: 2, after: 1 } }]);
    expect(removed.data.customers).toEqual(rows);
    const added = form.validate({ ...previous, customers: [...rows, { successorId: 'u-9' }] }, { node: 'manager_review', previous });
    expect(added.errors.map((e) => e.code)).toContain('BATON_E_FORM_ROWS_FIXED');
    expect(added.errors.find((e) => e.code === 'BATON_E_FORM_ROWS_FIXED')?.messages?.['zh-CN']).toContain('不能增加或删除行');
  });

  it('lets the same rows through with an editable column changed, and lets the start add rows', () => {
    const previous = stored();
    const rows = (previous.customers as Array<Record<string, unknown>>).map((r) => ({ ...r, successorId: 'u-other' }));
    expect(form.validate({ ...previous, customers: rows }, { node: 'manager_review', previous }).errors.map((e) => e.code)).not.toContain('BATON_E_FORM_ROWS_FIXED');
    expect(form.validate(validHandoverData(3), { node: 'start' }).errors).toEqual([]);
  });
});

describe('who confirmed a row', () => {
  const task = (over: Record<string, unknown>) => ({ id: 't', nodeId: 'n', status: 'completed', assignees: ['a'], createdAt: '2030-01-01T00:00:00Z', completedAt: '2030-01-02T00:00:00Z', ...over });
  it('takes the task made for the row\'s successor, and names who really completed it (acting for them)', () => {
    const tasks = [task({ id: 't1', slot: 'liu', assignees: ['liu'], completedBy: 'liu' }), task({ id: 't2', slot: 'chen', assignees: ['hr'], completedBy: 'hr' })];
    expect(rowConfirmation(tasks, 'n', 'liu', 'en')).toMatchObject({ state: 'confirmed', by: 'liu' });
    expect(rowConfirmation(tasks, 'n', 'liu', 'en').for).toBeUndefined();
    expect(rowConfirmation(tasks, 'n', 'chen', 'en')).toMatchObject({ state: 'confirmed', by: 'hr', for: 'chen' });
    // Someone who completed another person's task does not confirm their own rows with it.
    expect(rowConfirmation([task({ slot: 'chen', assignees: ['liu'], completedBy: 'liu' })], 'n', 'liu', 'en').state).toBe('none');
  });
});
