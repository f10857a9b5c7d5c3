import common from '../../schemas/common.schema.json' with { type: 'json' };
import form from '../../schemas/form.schema.json' with { type: 'json' };
import flow from '../../schemas/flow.schema.json' with { type: 'json' };
import rule from '../../schemas/rule.schema.json' with { type: 'json' };
import report from '../../schemas/report.schema.json' with { type: 'json' };
import document from '../../schemas/document.schema.json' with { type: 'json' };
import connector from '../../schemas/connector.schema.json' with { type: 'json' };
import pack from '../../schemas/pack.schema.json' with { type: 'json' };
import type { DefinitionKind } from './semantic-check-context.js';

/** The JSON Schema of each definition kind (engine/schemas/<kind>.schema.json). */
export const DEFINITION_SCHEMAS: Readonly<Record<DefinitionKind, Record<string, unknown>>> = {
  form,
  flow,
  rule,
  report,
  document,
  connector,
  pack,
};

/**
 * Every schema in engine/schemas, so the shared Ajv instance resolves `$ref: "common.schema.json#/$defs/key"`
 * (and any cross-kind reference) by `$id`. Imported JSON, not read from disk: the engine does no IO.
 */
export const ENGINE_SCHEMAS: ReadonlyArray<Record<string, unknown>> = [common, ...Object.values(DEFINITION_SCHEMAS)];
