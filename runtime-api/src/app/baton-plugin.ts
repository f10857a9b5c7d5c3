import { createRegistry, ENGINE_VERSION, satisfiesCaret, type EnginePlugin, type Registry } from '@baton/engine';
import type { ConnectorType } from '../connectors/connector-type.js';

/**
 * A runtime plugin: an engine plugin (field, node, trigger and rule action types, registered in
 * `register`) plus the connector types the runtime runs. Hand it to `buildApp({ plugins })`, or name its
 * module in `BATON_PLUGINS` / `baton serve --plugin` (the module's default export).
 */
export interface BatonPlugin {
  /** Unique among the installed plugins, e.g. "acme/banking". */
  name: string;
  /** The engine versions it was built for: `^x.y.z`, `>=x.y.z` or `x.y.z`. */
  engine: string;
  /** Registers engine types: `registry.registerFieldType(…)`, `registerNodeType`, `registerTriggerType`, `registerActionType`. */
  register?(registry: Registry): void;
  /** Connector types, registered beside the built-in ones (`app.baton.connectors.types`). */
  connectorTypes?: ReadonlyArray<ConnectorType<any>>;
}

/** A plugin that cannot be installed: the server refuses to start, saying which plugin and why. */
export class PluginInstallError extends Error {
  constructor(
    readonly plugin: string,
    readonly code: string,
    detail: string,
  ) {
    super(`${code}: plugin "${plugin}" cannot be installed: ${detail}`);
    this.name = 'PluginInstallError';
  }
}

/** Whether a value has a plugin's shape (a module's default export is checked before it is installed). */
export function isBatonPlugin(value: unknown): value is BatonPlugin {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.name === 'string' && typeof v.engine === 'string' &&
    (v.register === undefined || typeof v.register === 'function') &&
    (v.connectorTypes === undefined || Array.isArray(v.connectorTypes));
}

/**
 * The engine registry with the built-ins and the plugins' engine types. A type name taken twice (by a
 * built-in or another plugin), a plugin name used twice or an engine version it was not built for is an
 * error here, at start-up, never a silent override.
 */
export function registryWithPlugins(plugins: readonly BatonPlugin[]): Registry {
  const seen = new Set<string>();
  for (const plugin of plugins) {
    if (!isBatonPlugin(plugin)) throw new PluginInstallError(String((plugin as { name?: unknown })?.name), 'BATON_E_PLUGIN_SHAPE', 'it needs a string name, a string engine range, and optionally register() and connectorTypes[]');
    if (seen.has(plugin.name)) throw new PluginInstallError(plugin.name, 'BATON_E_PLUGIN_DUPLICATE', 'another plugin has the same name');
    seen.add(plugin.name);
    if (!satisfiesCaret(ENGINE_VERSION, plugin.engine)) {
      throw new PluginInstallError(plugin.name, 'BATON_E_PLUGIN_ENGINE_MISMATCH', `it needs engine ${plugin.engine}, this engine is ${ENGINE_VERSION}`);
    }
  }
  const registry = createRegistry();
  for (const plugin of plugins) {
    const enginePlugin: EnginePlugin = { name: plugin.name, engine: plugin.engine, register: (r) => plugin.register?.(r) };
    try {
      registry.use(enginePlugin, ENGINE_VERSION);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      throw new PluginInstallError(plugin.name, typeof code === 'string' ? code : 'BATON_E_PLUGIN_REGISTER', (err as Error).message);
    }
  }
  return registry;
}

/** Every plugin's connector types, in order (the connector registry refuses a name already taken). */
export function pluginConnectorTypes(plugins: readonly BatonPlugin[]): Array<{ plugin: string; type: ConnectorType }> {
  return plugins.flatMap((p) => (p.connectorTypes ?? []).map((type) => ({ plugin: p.name, type: type as ConnectorType })));
}
