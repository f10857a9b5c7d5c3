import { compileFlow, compileForm, createRegistry, type FlowDefinition, type FormDefinition } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { visibleChanges } from './visible-changes.js';

const registry = createRegistry();
// IT sees neither the reason nor what a device cost.
const form = compileForm({
  kind: 'form', key: 'leave', version: 1, title: 'Leave',
  fields: [
    { key: 'employeeId', type: 'user', label: 'Employee' },
    { key: 'reason', type: 'text', label: 'Reason' },
    { key: 'lastDay', type: 'date', label: 'Last day' },
    { key: 'devices', type: 'sub-table', label: 'Devices', fields: [{ key: 'tag', type: 'text', label: 'Tag' }, { key: 'cost', type: 'number', label: 'Cost' }] },
  ],
  access: { it: { reason: 'hidden', 'devices.cost': 'hidden' } },
} as unknown as FormDefinition, registry);
const flow = compileFlow({
  kind: 'flow', key: 'leave', version: 1, title: 'Leave', form: 'leave',
  nodes: [{ id: 'start', type: 'start', name: 'Start' }, { id: 'it', type: 'task', name: 'IT', config: { assignees: [{ kind: 'user', id: 'it-1' }] } }, { id: 'end', type: 'end', name: 'End' }],
  edges: [{ id: 'e1', from: 'start', to: 'it' }, { id: 'e2', from: 'it', to: 'end' }],
} as unknown as FlowDefinition, registry);

const it1 = { visible: true, full: false, nodes: ['it'] };
const hr = { visible: true, full: true, nodes: [] };
const previous = { employeeId: 'e1', reason: 'family', lastDay: '2030-06-28', devices: [{ tag: 'LT-1', cost: 900 }] };
const event = (patch: Record<string, unknown>) => ({ type: 'data.changed', payload: { patch }, previous, data: { ...previous, ...patch } });

describe('the fields a data change changed, as one caller may see them', () => {
  it('gives old and new values of visible fields, in the form’s order, whatever order the patch had', () => {
    const patch = { devices: [{ tag: 'LT-1', cost: 900 }, { tag: 'PH-2', cost: 300 }], lastDay: '2030-07-15' };
    expect(visibleChanges(event(patch), it1, flow, form)).toEqual([
      { field: 'lastDay', from: '2030-06-28', to: '2030-07-15' },
      // The cost column is hidden from IT: its rows come without it.
      { field: 'devices', from: [{ tag: 'LT-1' }], to: [{ tag: 'LT-1' }, { tag: 'PH-2' }] },
    ]);
  });

  it('leaves out a hidden field, and a table whose only change was in a hidden column', () => {
    expect(visibleChanges(event({ reason: 'health', devices: [{ tag: 'LT-1', cost: 950 }] }), it1, flow, form)).toEqual([]);
    expect(visibleChanges(event({ reason: 'health', devices: [{ tag: 'LT-1', cost: 950 }] }), hr, flow, form)).toEqual([
      { field: 'reason', from: 'family', to: 'health' },
      { field: 'devices', from: [{ tag: 'LT-1', cost: 900 }], to: [{ tag: 'LT-1', cost: 950 }] },
    ]);
  });

  it('says a field was cleared or first filled without inventing a value, and guesses nothing without snapshots', () => {
    expect(visibleChanges(event({ lastDay: null }), hr, flow, form)).toEqual([{ field: 'lastDay', from: '2030-06-28' }]);
    expect(visibleChanges({ type: 'data.changed', payload: { patch: { lastDay: '2030-07-01' } } }, hr, flow, form)).toBeUndefined();
  });
});
