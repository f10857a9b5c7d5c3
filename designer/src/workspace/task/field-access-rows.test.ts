import { describe, expect, it } from 'vitest';
import { applyFieldAccess, fieldAccessAt } from './field-access.js';

// QA D2, D3, D5: which rows a step may add or remove, and what a start form shows of its tables.
const accounts = [{ key: 'accounts', fields: [{ key: 'system' }, { key: 'account' }, { key: 'disabled' }] }];
const row = { type: 'object', properties: { system: { type: 'string' }, account: { type: 'string' }, disabled: { type: 'boolean' } }, required: ['system', 'account'] };
const schema = { type: 'object', properties: { accounts: { type: 'array', items: row } } };
const options = (ui: Record<string, unknown>) => (ui.accounts as { 'ui:options'?: Record<string, unknown> } | undefined)?.['ui:options'];

describe('sub-table rows at a node', () => {
  it('a step that only ticks a column (IT: "Disabled") gets no add, remove or move buttons', () => {
    const access = fieldAccessAt(accounts, { '*': 'readonly', accounts: 'editable', 'accounts.*': 'readonly', 'accounts.disabled': 'editable' }, undefined);
    const out = applyFieldAccess(schema, {}, access);
    expect(options(out.uiSchema)).toEqual({ addable: false, removable: false, orderable: false, copyable: false });
  });

  it('a read-only optional column alone keeps rows addable (the start form adds rows)', () => {
    const access = fieldAccessAt(accounts, { 'accounts.disabled': 'readonly' }, undefined);
    expect(options(applyFieldAccess(schema, {}, access).uiSchema)).toBeUndefined();
  });

  it('a fresh start form leaves out the columns nobody may fill there, and keeps computed ones', () => {
    const fields = [{ key: 'accounts', fields: [{ key: 'system' }, { key: 'disabled' }, { key: 'label', computed: { var: 'system' } }] }];
    expect(fieldAccessAt(fields, { 'accounts.disabled': 'readonly' }, undefined, true)).toEqual({ accounts: 'editable', 'accounts.system': 'editable', 'accounts.disabled': 'hidden', 'accounts.label': 'readonly' });
    expect(fieldAccessAt(fields, { 'accounts.disabled': 'readonly' }, undefined)['accounts.disabled']).toBe('readonly');
    const access = fieldAccessAt(accounts, { 'accounts.disabled': 'readonly' }, undefined, true);
    const out = applyFieldAccess(schema, {}, access);
    const items = (out.schema.properties as Record<string, { items: { properties: object } }>).accounts!.items;
    expect(Object.keys(items.properties)).toEqual(['system', 'account']);
  });
});
