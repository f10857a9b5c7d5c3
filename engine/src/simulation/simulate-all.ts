import type { FlowDefinition } from '../flows/flow-definition.js';
import type { Scenario } from './scenario.js';
import { simulate, type SimulateOptions } from './simulate.js';
import type { Coverage, SimulationResult } from './simulation-result.js';
import { uncoveredOf } from './summarize-run.js';

export interface SimulateAllResult {
  ok: boolean;
  results: SimulationResult[];
  /** Reached by at least one scenario. */
  covered: Coverage;
  /** Reached by none: `branches` lists the decisions no scenario takes. */
  uncovered: Coverage;
}

/** Runs several scenarios against one flow and merges their coverage. */
export function simulateAll(flowDef: FlowDefinition, scenarios: ReadonlyArray<Scenario | unknown>, options: SimulateOptions = {}): SimulateAllResult {
  const results = scenarios.map((scenario) => simulate(flowDef, scenario, options));
  const merge = (pick: (c: Coverage) => string[]) => [...new Set(results.flatMap((r) => pick(r.covered)))];
  const covered: Coverage = { nodes: merge((c) => c.nodes), edges: merge((c) => c.edges), branches: merge((c) => c.branches) };
  return { ok: results.every((r) => r.ok), results, covered, uncovered: uncoveredOf(flowDef, covered) };
}
