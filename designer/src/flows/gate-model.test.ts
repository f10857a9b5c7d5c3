import { compileExpression } from '@baton/engine';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fieldOptions } from '../shared/condition/field-options.js';
import { checklistErrors, checklistFromGate, gateFromChecklist, gateMode, jsonGateError, modesFor, type ChecklistItem } from './gate-model.js';

const FLOWS = new URL('../../../templates/offboarding/flows/', import.meta.url);

/** Every task gate of the offboarding pack's flows. */
function packGates(): Array<[string, unknown]> {
  return readdirSync(FLOWS)
    .filter((f) => f.endsWith('.json'))
    .flatMap((file) => {
      const flow = JSON.parse(readFileSync(new URL(file, FLOWS), 'utf8')) as { nodes: Array<{ id: string; config?: { gate?: unknown } }> };
      return flow.nodes.filter((n) => n.config?.gate !== undefined).map((n): [string, unknown] => [`${file}#${n.id}`, n.config!.gate]);
    });
}

const form = [
  { key: 'settlementConfirmed', type: 'boolean', label: 'Settled' },
  { key: 'accounts', type: 'table', label: 'Accounts', fields: [{ key: 'system', type: 'text', label: 'System' }, { key: 'disabled', type: 'boolean', label: 'Disabled' }] },
];
const fields = fieldOptions(form);

describe('task gates as checklist rows', () => {
  const gates = packGates();

  it('finds the pack\'s gates', () => {
    expect(gates.length).toBeGreaterThanOrEqual(3);
  });

  it.each(gates)('%s: opens as checklist rows and saves back exactly as written', (_at, gate) => {
    const items = checklistFromGate(gate);
    expect(items).not.toBeNull();
    expect(gateMode(gate)).toBe('checklist');
    expect(JSON.stringify(gateFromChecklist(items!))).toBe(JSON.stringify(gate));
  });

  it('writes rows the engine evaluates: it holds only when every row is ticked and the field too', () => {
    const items: ChecklistItem[] = [
      { kind: 'table', table: 'accounts', column: 'disabled' },
      { kind: 'field', field: 'settlementConfirmed', check: 'ticked' },
    ];
    const gate = gateFromChecklist(items) as Record<string, unknown>;
    expect(gate).toEqual({ and: [{ none: [{ var: 'accounts' }, { '!': { var: 'disabled' } }] }, { '==': [{ var: 'settlementConfirmed' }, true] }] });
    const holds = compileExpression(gate as never);
    const open = { settlementConfirmed: false, accounts: [{ system: 'Mail', disabled: true }, { system: 'VPN', disabled: false }] };
    expect(holds({ settlementConfirmed: true, accounts: [{ system: 'Mail', disabled: true }] })).toBe(true);
    expect(holds(open)).toBe(false);
    expect(holds({ ...open, accounts: [] })).toBe(false);
    expect(holds({ settlementConfirmed: true, accounts: [{ system: 'VPN', disabled: false }] })).toBe(false);
  });

  it('leaves half-filled rows out of the gate until they are complete, and no rows means no gate', () => {
    expect(gateFromChecklist([{ kind: 'table', table: 'accounts', column: '' }])).toBeUndefined();
    expect(gateFromChecklist([{ kind: 'field', field: 'settlementConfirmed', check: 'set' }, { kind: 'field', field: '', check: 'filled' }])).toEqual({ var: 'settlementConfirmed' });
    expect(gateFromChecklist([{ kind: 'field', field: 'signature', check: 'filled' }])).toEqual({ '!!': { var: 'signature' } });
    expect(gateFromChecklist([])).toBeUndefined();
    expect(checklistFromGate(undefined)).toEqual([]);
  });

  it('says at which part of which row a checklist is wrong', () => {
    const errors = checklistErrors(
      [
        { kind: 'table', table: '', column: '' },
        { kind: 'table', table: 'accounts', column: 'returned' },
        { kind: 'field', field: 'nope', check: 'ticked' },
        { kind: 'table', table: 'assets', column: 'x' },
        { kind: 'field', field: 'settlementConfirmed', check: 'ticked' },
      ],
      fields,
    );
    expect(errors).toEqual([
      { index: 0, part: 'table', key: 'chooseTable' },
      { index: 0, part: 'column', key: 'chooseColumn' },
      { index: 1, part: 'column', key: 'unknownColumn', name: 'returned' },
      { index: 2, part: 'field', key: 'unknownField', name: 'nope' },
      { index: 3, part: 'table', key: 'unknownTable', name: 'assets' },
    ]);
    // Without a bound form only missing choices are reported.
    expect(checklistErrors([{ kind: 'field', field: 'anything', check: 'set' }], [])).toEqual([]);
  });

  it('opens other gates in the condition builder or, when it cannot show them, as JSON', () => {
    const comparison = { '>=': [{ var: 'amount' }, 100] };
    expect(checklistFromGate(comparison)).toBeNull();
    expect(gateMode(comparison)).toBe('condition');
    expect(modesFor(comparison)).toEqual({ checklist: false, condition: true, json: true });
    const exotic = { reduce: [{ var: 'accounts' }, { '+': [{ var: 'accumulator' }, 1] }, 0] };
    expect(gateMode(exotic)).toBe('json');
    expect(modesFor(exotic)).toEqual({ checklist: false, condition: false, json: true });
    expect(modesFor(undefined)).toEqual({ checklist: true, condition: true, json: true });
  });

  it('refuses a JSON gate that is not an expression object', () => {
    expect(jsonGateError('yes')).toBe('notObject');
    expect(jsonGateError(3)).toBe('notObject');
    expect(jsonGateError({ var: 'x' })).toBeNull();
    expect(jsonGateError(undefined)).toBeNull();
  });
});
