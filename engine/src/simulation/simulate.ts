import { BatonError } from '../errors/error-catalogue.js';
import type { FlowDefinition } from '../flows/flow-definition.js';
import type { ValidateTaskData } from '../flows/flow-command.js';
import { compileFlow } from '../flows/compile-flow.js';
import { flowFieldLabels, flowRowLabels } from '../flows/flow-field-labels.js';
import type { CompiledFlow } from '../flows/compiled-flow.js';
import { compileForm, type CompiledForm } from '../forms/compile-form.js';
import { commandRelationInput, judgeRelationFilters, type RelationFilterInput } from '../forms/relation-filter.js';
import { validateNodeData } from '../forms/validate-node-data.js';
import type { FormDefinition } from '../definitions/definition-types.js';
import type { Locale } from '../i18n/localized-text.js';
import { createRegistry } from '../registry/create-registry.js';
import type { Registry } from '../registry/registry.js';
import type { RecordLookup } from '../rules/read-path.js';
import { checkExpectations } from './check-expectations.js';
import type { Scenario } from './scenario.js';
import { ScenarioRun, StopRun, type ScenarioHooks } from './scenario-run.js';
import { summarizeRun } from './summarize-run.js';
import type { SimulationResult } from './simulation-result.js';
import { SIMULATION_ERRORS } from './simulation-errors.js';
import { validateScenario } from './validate-scenario.js';

export interface SimulateOptions {
  /** Node types (and form field types); default `createRegistry()`. */
  registry?: Registry;
  /** Forms the flow binds: task data is then validated, and refusals name fields by label, as the runtime does. */
  forms?: FormDefinition[];
  /** Language of failure messages; default en. */
  locale?: Locale;
  /**
   * Records of collection forms by id, for the texts that read through relation fields ("{assets.assetId.tag}"),
   * as the runtime passes them to the reducer (runtime-api related-records.ts); with `forms`, relation fields'
   * filters are judged over them too, and refused rows are named by their records (an asset row by its tag).
   * Without it such a text finds no record. The caller holds the records in memory: the engine does no IO.
   */
  records?: RecordLookup;
}

/**
 * The runtime's relation filter checks (relation-filter-check.ts) over the simulation's records: a start or a
 * step naming a record its field's filter excludes (another employee's asset) is refused with the same 422
 * BATON_E_RELATION_NOT_ALLOWED and the same issue at the field. Only with records: without them the run
 * cannot tell a record from a typo, and judges nothing.
 */
function relationChecks(formOf: (key: string | undefined) => CompiledForm | undefined, records: RecordLookup, locale: Locale): ScenarioHooks {
  const refuse = (input: RelationFilterInput | undefined) => {
    const issues = input ? judgeRelationFilters(input, records, locale) : [];
    const first = issues[0];
    if (first) throw new BatonError(first.code, first.params ?? {}, issues, first.path);
  };
  return {
    checkStart: (data) => refuse({ forms: [formOf(undefined)], data, formData: data }),
    checkCommand: (command, before, after) => refuse(commandRelationInput(command, before, after, formOf)),
  };
}

/** The hooks the runtime gives the reducer (execution-services.ts flowContext), made from the given forms. */
function formHooks(forms: FormDefinition[] | undefined, registry: Registry, startFormKey: string | undefined, records: RecordLookup | undefined, locale: Locale): ScenarioHooks {
  if (!forms || forms.length === 0) return {};
  const compiled = new Map(forms.map((f) => [f.key, compileForm(f, registry)]));
  const formOf = (key: string | undefined) => compiled.get(key ?? startFormKey ?? '');
  const startForm = formOf(undefined);
  // As the runtime does: the node's form judges its fields, the start form the request fields touched.
  const validateTaskData: ValidateTaskData = ({ formKey, nodeId, data, patch, previous, locale }) => {
    const nodeForm = formKey === undefined ? undefined : compiled.get(formKey);
    if (!nodeForm && !startForm) return [];
    return validateNodeData({ startForm, nodeForm: nodeForm ?? startForm, nodeId, data, patch, previous, locale });
  };
  const hooks: ScenarioHooks = { validateTaskData, fieldLabel: flowFieldLabels(formOf), rowLabel: flowRowLabels(formOf) };
  return records ? { ...hooks, ...relationChecks(formOf, records, locale) } : hooks;
}

/**
 * Plays a scenario against a flow: starts an instance with the scenario's input, runs its steps (decisions,
 * clock moves, signals, expectations) and reports the path, tasks, timers, effects and events, the final
 * state, what was never reached and every failed expectation. Ids and time come from a counter and the
 * scenario clock, so a scenario always gives the same result. Throws BatonError
 * (BATON_E_SIM_INVALID_SCENARIO, one issue per problem with its JSON path) for a malformed scenario.
 */
export function simulate(flowDef: FlowDefinition, scenario: Scenario | unknown, options: SimulateOptions = {}): SimulationResult {
  const locale = options.locale ?? 'en';
  const check = validateScenario(scenario, flowDef, locale);
  if (!check.ok) {
    const first = check.errors[0]!;
    throw new BatonError(SIMULATION_ERRORS.BATON_E_SIM_INVALID_SCENARIO, { count: check.errors.length, path: first.path, first: first.messages.en }, check.errors, first.path);
  }
  const registry = options.registry ?? createRegistry();
  const flow: CompiledFlow = compileFlow(flowDef, registry);
  const valid = scenario as Scenario;
  const hooks = formHooks(options.forms, registry, flowDef.form, options.records, locale);
  if (options.records) hooks.records = options.records;
  const run = new ScenarioRun(flow, valid, locale, hooks);
  try {
    run.start();
    valid.steps.forEach((step, i) => {
      if ('complete' in step) run.complete(i, step);
      else if ('advance' in step) run.advance(i, step);
      else if ('signal' in step) run.signal(i, step);
      else if ('cancel' in step) run.cancel(i, step);
      else checkExpectations(run, i, step);
    });
  } catch (error) {
    if (!(error instanceof StopRun)) throw error;
  }
  return summarizeRun(flowDef, run);
}
