// Bundled by no-code-generation.test.ts and run inside a node:vm context that forbids code generation
// from strings: every engine entry point below must work there, as it must in the designer under a CSP
// without 'unsafe-eval'. It returns plain data for the test to assert on.
import {
  compileExpression,
  compileFlow,
  compileForm,
  createRegistry,
  DEFINITION_SCHEMAS,
  validateAgainstSchema,
  validateDefinition,
} from '../../src/index.js';
import * as examples from '../../src/definitions/fixtures/offboarding-examples.js';
import { handoverForm, validHandoverData } from '../../src/forms/fixtures/handover-form.js';
import { testRegistry } from '../../src/forms/fixtures/test-registry.js';
import { FlowHarness, offboardingFlow } from '../../src/flows/flow-test-kit.js';
import salesScenario from '../../src/simulation/fixtures/offboarding-sales.scenario.json' with { type: 'json' };
import type { Scenario } from '../../src/simulation/scenario.js';
import { simulate } from '../../src/simulation/simulate.js';

export function probeCodeGeneration(): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the point: this must throw here.
    new Function('return 1');
    return 'allowed';
  } catch (error) {
    return (error as Error).name;
  }
}

export function runEngine(): Record<string, unknown> {
  const registry = testRegistry();
  const form = compileForm(handoverForm, registry);
  const valid = form.validate(validHandoverData(3));
  const invalid = form.validate({ ...validHandoverData(3), lastWorkingDay: '2025-02-30', extraField: 1 }, { locale: 'zh-CN' });

  const expression = compileExpression({ if: [{ '>': [{ var: 'n' }, 2] }, 'many', 'few'] });

  const definitions = Object.entries(examples)
    .filter(([, value]) => typeof value === 'object' && value !== null && 'kind' in value)
    .map(([name, def]) => ({ name, ok: validateDefinition(def, { registry: createRegistry() }).ok }));
  const broken = validateDefinition({ ...examples.requestForm, fields: [{ key: 'x' }] });
  const schemaKinds = Object.keys(DEFINITION_SCHEMAS);
  const configIssues = validateAgainstSchema({ type: 'object', properties: { n: { type: 'integer', minimum: 1 } } }, { n: 0 }, '/config', 'en');

  const flow = compileFlow(offboardingFlow(), createRegistry());
  const harness = new FlowHarness(flow);
  harness.start({ employee: 'emp' });
  harness.act('managerApproval', 'mgr', 'approve');
  const positions = harness.positions();
  const simulation = simulate(offboardingFlow(), salesScenario as Scenario);

  return {
    formValid: valid.ok,
    formErrors: invalid.errors.map((e) => [e.code, e.path]),
    formMessage: invalid.errors[0]?.message,
    expression: [expression({ n: 3 }), expression({ n: 1 })],
    definitions,
    brokenCodes: broken.errors.map((e) => e.code),
    schemaKinds,
    configIssues: configIssues.map((e) => [e.code, e.path]),
    flowNodes: typeof flow.apply === 'function' && typeof flow.start === 'function',
    flowPositions: positions,
    flowStatus: harness.state.status,
    simulation: { ok: simulation.ok, status: simulation.finalState.status, steps: simulation.path.length },
  };
}
