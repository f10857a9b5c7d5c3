import type {
  FlowDefinition,
  FormDefinition,
  FormValidationResult,
  Issue,
  Locale,
  RegistryCatalogue,
  SimulationResult,
  ValidationResult,
} from '@baton/engine';
import type { LookupRecord, RecordsRead } from '../../flows/sim-record-lookup.js';
import type { RuleTestOutcome, RuleTestRequest } from '../../rules/rule-test-run.js';

/** A definition this one refers to (the flow's form, a rule's scoped form), as published on the server. */
export interface ResolvedDefinition {
  kind: string;
  key: string;
  body: unknown;
}

/** Every request the engine worker answers, with its reply type. JSON in, JSON out. */
export interface EngineRequests {
  /** Installs stand-ins for plugin types the browser has no code for (from GET /api/registry). */
  catalogue: { args: { catalogue: RegistryCatalogue }; result: { stubbed: string[] } };
  validateDefinition: { args: { definition: unknown; resolved: ResolvedDefinition[]; locale: Locale }; result: ValidationResult };
  formSchemas: {
    args: { form: FormDefinition; locale: Locale };
    result: { jsonSchema: Record<string, unknown>; uiSchema: Record<string, unknown>; defaults: Record<string, unknown> };
  };
  /**
   * With `formRef`, the worker keeps the compiled form under that name, so a caller validating the same form
   * again and again (the preview, on every keystroke) sends it once and then only the data.
   */
  formValidate: {
    args: { form?: FormDefinition; formRef?: string; data: unknown; node?: string; locale: Locale };
    result: FormValidationResult & { visibility: Record<string, boolean> };
  };
  /**
   * `records`: what relation fields may point at (sample and workspace records), read by the texts of the run
   * through the same lookup the runtime passes the engine; `recordsRead` says which of them the run used.
   */
  simulate: {
    args: { flow: FlowDefinition; scenario: unknown; forms: FormDefinition[]; locale: Locale; records?: LookupRecord[] };
    result: SimulationResult & { recordsRead?: RecordsRead };
  };
  validateExpression: { args: { logic: unknown; basePath: string; locale: Locale }; result: Issue[] };
  /** The rule designer's "Test this rule": one rule over sample data (rules/rule-test-run.ts). */
  testRule: { args: RuleTestRequest; result: RuleTestOutcome };
}

export type EngineMethod = keyof EngineRequests;

export interface EngineCall<M extends EngineMethod = EngineMethod> {
  id: number;
  method: M;
  args: EngineRequests[M]['args'];
}

/** An engine failure carried across the worker boundary (BatonError or an unexpected Error). */
export interface EngineFailure {
  code: string;
  message: string;
  path: string;
  issues: Issue[];
}

export type EngineReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: EngineFailure };
