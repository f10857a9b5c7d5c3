import type { JsonSchema } from '../connector-type.js';

/**
 * A built-in type's config schema is the engine's own (`engine/schemas/connector.schema.json`, `$defs/<type>Config`),
 * so a connector definition in a pack and a connector saved through the API are held to the same rules.
 */
export function engineConfigSchema(type: string): JsonSchema {
  return { $ref: `https://baton.dev/schemas/connector.schema.json#/$defs/${type}Config` };
}
