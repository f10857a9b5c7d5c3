// OWNED BY THE RULES WORK: refine freely. The registry only relies on type/version/configSchema/describe.
import type { JsonSchema, TypeDescription } from '../forms/field-type.js';

export interface TriggerType<Config = Record<string, unknown>> {
  type: string;
  version: string;
  configSchema: JsonSchema;
  describe(): TypeDescription;
  [key: string]: unknown;
  __config?: Config;
}

/** An action a rule may take: pure, turns its params into effects. IO happens in runtime-api. */
export interface RuleActionType<Params = Record<string, unknown>> {
  type: string;
  version: string;
  paramsSchema: JsonSchema;
  describe(): TypeDescription;
  [key: string]: unknown;
  __params?: Params;
}
