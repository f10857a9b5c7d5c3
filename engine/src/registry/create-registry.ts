import { builtinNodeTypesPlugin } from '../flows/builtin-node-types-plugin.js';
import { builtinFieldTypesPlugin } from '../forms/builtin-field-types-plugin.js';
import { builtinRulesPlugin } from '../rules/builtin-rules-plugin.js';
import { ENGINE_VERSION } from '../version.js';
import { Registry, type EnginePlugin } from './registry.js';

export interface CreateRegistryOptions {
  /** Third-party plugins, installed after the built-ins (so they cannot take a built-in name). */
  plugins?: EnginePlugin[];
}

/** The plugins every registry starts with: the built-in field, node, trigger and action types. */
export const BUILTIN_PLUGINS: readonly EnginePlugin[] = [builtinFieldTypesPlugin, builtinNodeTypesPlugin, builtinRulesPlugin];

/**
 * A registry with the built-in types, installed through `use(plugin, ENGINE_VERSION)` exactly as a third
 * party's plugin is, then the given plugins.
 */
export function createRegistry(options: CreateRegistryOptions = {}): Registry {
  const registry = new Registry();
  for (const plugin of [...BUILTIN_PLUGINS, ...(options.plugins ?? [])]) registry.use(plugin, ENGINE_VERSION);
  return registry;
}
