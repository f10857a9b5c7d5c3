import scenarioSchema from '../../schemas/scenario.schema.json' with { type: 'json' };
import { validateAgainstSchema } from '../definitions/validate-against-schema.js';
import { issue } from '../errors/error-catalogue.js';
import { pointer, type Issue, type ValidationResult } from '../errors/issue.js';
import type { FlowDefinition } from '../flows/flow-definition.js';
import type { Locale } from '../i18n/localized-text.js';
import type { Scenario } from './scenario.js';
import { SIMULATION_ERRORS } from './simulation-errors.js';

export { scenarioSchema };

/**
 * Checks a scenario against engine/schemas/scenario.schema.json and, given the flow, that it is written for
 * that flow and names only its nodes. Every issue carries the JSON Pointer of the offending value.
 */
export function validateScenario(scenario: unknown, flow?: FlowDefinition, locale: Locale = 'en'): ValidationResult {
  const errors = validateAgainstSchema(scenarioSchema, scenario, '', locale);
  if (errors.length === 0 && flow) errors.push(...checkAgainstFlow(scenario as Scenario, flow, locale));
  return { ok: errors.length === 0, errors };
}

function checkAgainstFlow(scenario: Scenario, flow: FlowDefinition, locale: Locale): Issue[] {
  const errors: Issue[] = [];
  if (scenario.flow !== undefined && scenario.flow !== flow.key) {
    errors.push(issue(SIMULATION_ERRORS.BATON_E_SIM_FLOW_MISMATCH, '/flow', { scenarioFlow: scenario.flow, flowKey: flow.key }, locale));
  }
  const nodes = new Set(flow.nodes.map((n) => n.id));
  const known = (nodeId: string, path: string) => {
    if (!nodes.has(nodeId)) errors.push(issue(SIMULATION_ERRORS.BATON_E_SIM_UNKNOWN_NODE, path, { nodeId, flowKey: flow.key, nodes: [...nodes].join(', ') }, locale));
  };
  scenario.steps.forEach((step, i) => {
    if ('complete' in step && step.complete.node !== undefined) known(step.complete.node, pointer('steps', i, 'complete', 'node'));
    if ('signal' in step && step.signal.node !== undefined) known(step.signal.node, pointer('steps', i, 'signal', 'node'));
    if ('expect' in step) {
      step.expect.at?.forEach((nodeId, j) => known(nodeId, pointer('steps', i, 'expect', 'at', j)));
      step.expect.openTasks?.forEach((t, j) => known(t.node, pointer('steps', i, 'expect', 'openTasks', j, 'node')));
    }
  });
  return errors;
}
