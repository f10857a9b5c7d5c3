import {
  ENGINE_VERSION,
  type CatalogueEntry,
  type CatalogueText,
  type EnginePlugin,
  type JsonSchema,
  type LocalizedText,
  type Registry,
  type RegistryCatalogue,
} from '@baton/engine';

function text(value: CatalogueText | undefined, fallback: string): LocalizedText {
  if (value === undefined) return fallback;
  return typeof value === 'string' ? value : { en: value.en ?? fallback, ...(value['zh-CN'] ? { 'zh-CN': value['zh-CN'] } : {}) };
}

function description(entry: CatalogueEntry) {
  return {
    label: text(entry.label, entry.type),
    ...(entry.category ? { category: entry.category } : {}),
    ...(entry.icon ? { icon: entry.icon } : {}),
  };
}

const schema = (s: unknown): JsonSchema => (s === undefined ? { type: 'object' } : (s as JsonSchema));

/**
 * Plugin types the server knows (its GET /api/registry) but the browser has no code for. They are
 * registered as stand-ins so definitions using them validate here as they will on the server, as far as
 * their config schemas go: a field accepts any value, a node waits until a signal moves it on, a trigger
 * never fires and an action emits nothing. Only the built-in types preview and simulate exactly.
 */
export function catalogueStubsPlugin(catalogue: RegistryCatalogue, local: Registry): { plugin: EnginePlugin; stubbed: string[] } {
  const stubbed: string[] = [];
  const plugin: EnginePlugin = {
    name: 'designer/catalogue-stubs',
    engine: `>=${ENGINE_VERSION}`,
    register(registry) {
      for (const entry of catalogue.fields) {
        if (local.fields.has(entry.type)) continue;
        stubbed.push(`field:${entry.type}`);
        registry.registerFieldType({
          type: entry.type,
          version: entry.version,
          configSchema: schema(entry.configSchema),
          describe: () => description(entry),
          valueSchema: () => true,
          ...(entry.traits ? { traits: entry.traits } : {}),
        });
      }
      for (const entry of catalogue.nodes) {
        if (local.nodes.has(entry.type)) continue;
        stubbed.push(`node:${entry.type}`);
        const ports = entry.ports
          ? {
              inputs: entry.ports.inputs.map((p) => ({ id: p.id, ...(p.label ? { label: text(p.label, p.id) } : {}) })),
              outputs: entry.ports.outputs.map((p) => ({ id: p.id, ...(p.label ? { label: text(p.label, p.id) } : {}) })),
            }
          : undefined;
        registry.registerNodeType({
          type: entry.type,
          version: entry.version,
          configSchema: schema(entry.configSchema),
          describe: () => ({ ...description(entry), ...(ports ? { ports } : {}) }),
          waitState: true,
          enter: () => ({}),
          on: (command) => (command.kind === 'signal' ? { leave: {} } : undefined),
        });
      }
      for (const entry of catalogue.triggers) {
        if (local.triggers.has(entry.type)) continue;
        stubbed.push(`trigger:${entry.type}`);
        registry.registerTriggerType({
          type: entry.type,
          version: entry.version,
          configSchema: schema(entry.configSchema),
          describe: () => ({ ...description(entry), mode: 'event' as const }),
          events: [],
          match: () => false,
        });
      }
      for (const entry of catalogue.actions) {
        if (local.actions.has(entry.type)) continue;
        stubbed.push(`action:${entry.type}`);
        registry.registerActionType({
          type: entry.type,
          version: entry.version,
          paramsSchema: schema(entry.paramsSchema),
          describe: () => description(entry),
          toEffects: () => [],
        });
      }
    },
  };
  return { plugin, stubbed };
}
