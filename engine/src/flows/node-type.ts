// OWNED BY THE FLOWS WORK: refine freely. The registry only relies on type/version/configSchema/describe.
import type { JsonSchema, TypeDescription } from '../forms/field-type.js';

export interface NodePort { id: string; label?: import('../i18n/localized-text.js').LocalizedText }

export interface NodeTypeDescription extends TypeDescription {
  /** Connection points the designer draws. */
  ports?: { inputs: NodePort[]; outputs: NodePort[] };
}

/** A flow node type: pure functions of (token, command, ctx) to an outcome. */
export interface NodeType<Config = Record<string, unknown>> {
  type: string;
  version: string;
  configSchema: JsonSchema;
  describe(): NodeTypeDescription;
  // enter/on are declared by the flows work in this file.
  [key: string]: unknown;
  __config?: Config;
}
