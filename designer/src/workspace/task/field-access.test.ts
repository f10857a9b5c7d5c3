import { describe, expect, it } from 'vitest';
import { applyFieldAccess, editableData, fieldAccessAt } from './field-access.js';

const fields = [{ key: 'employee' }, { key: 'reason' }, { key: 'salary' }, { key: 'approved' }, { key: 'total', computed: { '+': [1, 1] } }, { key: 'ref', readOnly: true }];

describe('field access at a task node', () => {
  it('combines the form’s access, its "*" default and the flow node’s binding; the stricter wins', () => {
    const access = fieldAccessAt(fields, { '*': 'readonly', salary: 'hidden', approved: 'editable' }, { approved: 'editable', reason: 'hidden' });
    expect(access).toEqual({ employee: 'readonly', reason: 'hidden', salary: 'hidden', approved: 'editable', total: 'readonly', ref: 'readonly' });
    expect(fieldAccessAt(fields, undefined, undefined)).toMatchObject({ employee: 'editable', total: 'readonly', ref: 'readonly' });
    expect(fieldAccessAt([{ key: 'x' }], { x: 'bogus' }, undefined)).toEqual({ x: 'editable' });
  });

  it('maps access onto the rjsf schema: hidden fields absent, read-only ones disabled, required only for editable', () => {
    const schema = { type: 'object', properties: { employee: { type: 'string' }, salary: { type: 'number' }, approved: { type: 'boolean' } }, required: ['employee', 'salary', 'approved'] };
    const ui = { 'ui:order': ['salary', 'employee', 'approved', '*'], employee: { 'ui:widget': 'text' }, salary: { 'ui:widget': 'updown' } };
    const out = applyFieldAccess(schema, ui, { employee: 'readonly', salary: 'hidden', approved: 'editable' });
    expect(Object.keys(out.schema.properties as object)).toEqual(['employee', 'approved']);
    expect(out.schema.required).toEqual(['approved']);
    expect(out.uiSchema).toEqual({ 'ui:order': ['employee', 'approved', '*'], employee: { 'ui:widget': 'text', 'ui:disabled': true } });
    const closed = applyFieldAccess(schema, {}, { employee: 'editable', salary: 'editable', approved: 'editable' }, true);
    expect(closed.uiSchema).toEqual({ employee: { 'ui:disabled': true }, salary: { 'ui:disabled': true }, approved: { 'ui:disabled': true } });
  });

  it('resolves sub-table columns as the server does, and disables or drops them in every row', () => {
    const table = [{ key: 'items', fields: [{ key: 'title' }, { key: 'successorId' }, { key: 'secret' }] }, { key: 'assets', fields: [{ key: 'assetId' }] }];
    const access = fieldAccessAt(table, { '*': 'readonly', items: 'editable', 'items.*': 'readonly', 'items.successorId': 'editable' }, { 'items.secret': 'hidden' });
    expect(access).toEqual({ items: 'editable', 'items.title': 'readonly', 'items.successorId': 'editable', 'items.secret': 'hidden', assets: 'readonly', 'assets.assetId': 'readonly' });
    const row = { type: 'object', properties: { title: { type: 'string' }, successorId: { type: 'string' }, secret: { type: 'string' } }, required: ['title', 'successorId'] };
    const schema = { type: 'object', properties: { items: { type: 'array', items: row }, assets: { type: 'array', items: { type: 'object', properties: { assetId: { type: 'string' } } } } } };
    const out = applyFieldAccess(schema, { items: { 'ui:widget': 'sub-table', items: { 'ui:order': ['title', 'successorId', 'secret'] } } }, access);
    const items = (out.schema.properties as Record<string, { items: { properties: object; required: string[] } }>).items!.items;
    expect(Object.keys(items.properties)).toEqual(['title', 'successorId']);
    expect(items.required).toEqual(['successorId']);
    // The required title is read-only here: rows can be neither added nor removed (QA D3).
    const fixed = { addable: false, removable: false, orderable: false, copyable: false };
    expect(out.uiSchema.items).toEqual({ 'ui:widget': 'sub-table', 'ui:options': fixed, items: { 'ui:order': ['title', 'successorId'], title: { 'ui:disabled': true } } });
    // A read-only table: disabled down to its rows, without its add / remove / move buttons.
    expect(out.uiSchema.assets).toMatchObject({ 'ui:disabled': true, 'ui:options': { addable: false, removable: false }, items: { 'ui:disabled': true } });
  });

  it('sends back only editable fields', () => {
    expect(editableData({ employee: 'a', approved: true, salary: 1 }, { employee: 'readonly', approved: 'editable', salary: 'hidden' })).toEqual({ approved: true });
  });
});
