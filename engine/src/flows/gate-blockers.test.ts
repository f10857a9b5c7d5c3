import { describe, expect, it } from 'vitest';
import { evaluateLogic } from './evaluate-logic.js';
import { describeBlockers, gateBlockers } from './gate-blockers.js';

const evaluate = (logic: unknown, data?: unknown) => evaluateLogic(logic as never, data, {} as never);

describe('gateBlockers', () => {
  it('names the rows of a sub-table that fail a "none" gate, with their column', () => {
    const gate = { none: [{ var: 'assets' }, { '!': { var: 'returned' } }] };
    const data = { assets: [{ assetId: 'LT-0101', returned: true }, { assetId: 'PH-0102' }, { assetId: 'BD-0110', returned: false }] };
    const blockers = gateBlockers(gate, data, evaluate);
    expect(blockers.map((b) => b.path)).toEqual(['/data/assets/1/returned', '/data/assets/2/returned']);
    expect(describeBlockers(blockers, (n) => `#${n}`)).toBe('assets #2 (PH-0102): returned; assets #3 (BD-0110): returned');
  });

  it('walks "and" parts and single-field tests, and finds nothing when the gate holds', () => {
    const gate = { and: [{ '==': [{ var: 'ndaAcknowledged' }, true] }, { '!!': { var: 'ndaSignature' } }] };
    expect(gateBlockers(gate, { ndaAcknowledged: true }, evaluate).map((b) => b.path)).toEqual(['/data/ndaSignature']);
    expect(gateBlockers(gate, { ndaAcknowledged: true, ndaSignature: { fileId: 'f' } }, evaluate)).toEqual([]);
  });

  it('"all" over a table blocks on the rows whose predicate is false', () => {
    const gate = { all: [{ var: 'accounts' }, { var: 'disabled' }] };
    const blockers = gateBlockers(gate, { accounts: [{ system: 'Wiki', disabled: true }, { system: 'Mail' }] }, evaluate);
    expect(blockers).toEqual([{ path: '/data/accounts/1/disabled', field: 'accounts', row: 1, column: 'disabled', label: 'Mail' }]);
  });
});
