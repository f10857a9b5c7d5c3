import { describe, expect, it } from 'vitest';
import { FALLBACK_WIDGET, JSON_VIEW_FIELD, WIDGET_FIELD, planWidget, resolveUiSchema } from './widget-resolution.js';

const registered = new Set(['user-picker', 'money', 'signature-pad', 'file-upload', 'department-picker', FALLBACK_WIDGET]);

describe('planWidget', () => {
  it('keeps rjsf widgets of the right type and registered ones', () => {
    expect(planWidget('date', { type: 'string' }, registered)).toEqual({ kind: 'keep' });
    expect(planWidget('updown', { type: 'number' }, registered)).toEqual({ kind: 'keep' });
    expect(planWidget('department-picker', { type: 'string' }, registered)).toEqual({ kind: 'keep' });
    expect(planWidget('file-upload', { type: 'array', items: { type: 'object' } }, registered)).toEqual({ kind: 'keep' });
  });
  it('falls back for a name unknown for the type (a plugin widget, or rjsf name on the wrong type)', () => {
    expect(planWidget('colour-wheel', { type: 'string' }, registered)).toEqual({ kind: 'fallback' });
    expect(planWidget('updown', { type: 'string' }, registered)).toEqual({ kind: 'fallback' });
    expect(planWidget('plugin-list', { type: 'array' }, registered)).toEqual({ kind: 'fallback' });
  });
  it('routes objects through a field: our widget when registered, a JSON view otherwise', () => {
    expect(planWidget('money', { type: 'object', properties: {} }, registered)).toEqual({ kind: 'field', field: WIDGET_FIELD });
    expect(planWidget('geo-point', { type: 'object' }, registered)).toEqual({ kind: 'field', field: JSON_VIEW_FIELD });
  });
  it('drops sub-table', () => {
    expect(planWidget('sub-table', { type: 'array' }, registered)).toEqual({ kind: 'drop' });
  });
});

describe('resolveUiSchema', () => {
  it('walks properties and items beside the schema', () => {
    const schema = {
      type: 'object',
      properties: {
        fee: { type: 'object', properties: { amount: { type: 'string' } } },
        rows: { type: 'array', items: { type: 'object', properties: { plugin: { type: 'string' }, who: { type: 'string' } } } },
      },
    };
    const ui = {
      fee: { 'ui:widget': 'money', 'ui:options': { currency: 'CNY' } },
      rows: { 'ui:widget': 'sub-table', items: { plugin: { 'ui:widget': 'x-plugin', 'ui:options': { a: 1 } }, who: { 'ui:widget': 'user-picker' } } },
    };
    expect(resolveUiSchema(ui, schema, registered)).toEqual({
      fee: { 'ui:widget': 'money', 'ui:field': WIDGET_FIELD, 'ui:options': { currency: 'CNY' } },
      rows: {
        items: {
          plugin: { 'ui:widget': FALLBACK_WIDGET, 'ui:options': { a: 1, unknownWidget: 'x-plugin' } },
          who: { 'ui:widget': 'user-picker' },
        },
      },
    });
  });
});
