import { simulate, simulateAll } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { flow, forms, scenarios } from './pack-files.js';

const options = { forms };

describe('offboarding flow scenarios (the pack\'s own, run through simulate)', () => {
  it('ship a scenario for every path users take', () => {
    expect(scenarios.map((s) => s.key).sort()).toEqual([
      'asset-gate', 'confidential-leaver', 'hr-rejection', 'manager-rejection', 'plain-leaver', 'return-and-resubmit', 'sales-leaver',
    ]);
  });

  for (const { key, scenario } of scenarios) {
    it(`${key}: every expectation holds`, () => {
      const result = simulate(flow, scenario, options);
      expect(result.failures).toEqual([]);
      expect(result.ok).toBe(true);
    });
  }

  it('together cover every node, edge and branch of the flow', () => {
    const all = simulateAll(flow, scenarios.map((s) => s.scenario), options);
    expect(all.ok).toBe(true);
    expect(all.uncovered).toEqual({ nodes: [], edges: [], branches: [] });
  });

  it('route by the directory: customer handover only for sales, the undertaking only for confidential roles', () => {
    const reached = (key: string) => new Set(simulate(flow, scenarios.find((s) => s.key === key)!.scenario, options).path.map((p) => p.node));
    expect(reached('sales-leaver').has('customerHandover')).toBe(true);
    expect(reached('sales-leaver').has('ndaSigning')).toBe(false);
    expect(reached('confidential-leaver').has('ndaSigning')).toBe(true);
    expect(reached('confidential-leaver').has('customerHandover')).toBe(false);
    expect(reached('plain-leaver').has('customerHandover') || reached('plain-leaver').has('ndaSigning')).toBe(false);
  });

  it('fails when a scenario expects what the flow does not do (the check is real)', () => {
    const plain = structuredClone(scenarios.find((s) => s.key === 'plain-leaver')!.scenario);
    plain.steps.unshift({ expect: { at: ['hrInterview'] } });
    const result = simulate(flow, plain, options);
    expect(result.ok).toBe(false);
    expect(result.failures[0]?.code).toBe('BATON_E_SIM_EXPECT_AT');
  });
});
