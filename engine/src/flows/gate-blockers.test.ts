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
    // Without labels the ids name the fields; with them, people read the form's labels in their language.
    expect(describeBlockers(blockers, 'en')).toBe('assets row 2 (PH-0102): returned; assets row 3 (BD-0110): returned');
    const labels: Record<string, Record<string, string>> = {
      en: { assets: 'Assets to return', 'assets.returned': 'Returned' },
      'zh-CN': { assets: '待归还资产', 'assets.returned': '已归还' },
    };
    expect(describeBlockers(blockers, 'en', (f) => labels.en![f])).toBe('Assets to return row 2 (PH-0102): Returned; Assets to return row 3 (BD-0110): Returned');
    expect(describeBlockers(blockers, 'zh-CN', (f) => labels['zh-CN']![f])).toBe('待归还资产第 2 行（PH-0102）：已归还；待归还资产第 3 行（BD-0110）：已归还');
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
