import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isBatonPlugin, PluginInstallError, type BatonPlugin } from './baton-plugin.js';

/** `BATON_PLUGINS`: module specifiers separated by commas (or new lines); blanks are ignored. */
export function pluginSpecifiers(value: string | undefined): string[] {
  return (value ?? '').split(/[,\n]/).map((s) => s.trim()).filter((s) => s.length > 0);
}

/**
 * Imports each ES module and takes its default export as a plugin. A path (starting with `.` or `/`) is
 * relative to `cwd`; anything else is a package name resolved from the server. A module that fails to load
 * or exports no plugin stops the start with the specifier in the message.
 */
export async function loadPlugins(specifiers: readonly string[], cwd: string): Promise<BatonPlugin[]> {
  const plugins: BatonPlugin[] = [];
  for (const specifier of specifiers) {
    const isPath = specifier.startsWith('.') || path.isAbsolute(specifier);
    const target = isPath ? pathToFileURL(path.resolve(cwd, specifier)).href : specifier;
    let loaded: { default?: unknown };
    try {
      loaded = (await import(target)) as { default?: unknown };
    } catch (err) {
      throw new PluginInstallError(specifier, 'BATON_E_PLUGIN_LOAD', `the module could not be imported (${(err as Error).message})`);
    }
    if (!isBatonPlugin(loaded.default)) {
      throw new PluginInstallError(specifier, 'BATON_E_PLUGIN_SHAPE', 'its default export is not a plugin { name, engine, register?, connectorTypes? }');
    }
    plugins.push(loaded.default);
  }
  return plugins;
}
