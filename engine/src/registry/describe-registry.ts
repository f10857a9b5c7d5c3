import type { JsonSchema, TypeDescription } from '../forms/field-type.js';
import type { NodePort, NodeTypeDescription } from '../flows/node-type.js';
import { localize, type Locale, type LocalizedText } from '../i18n/localized-text.js';
import { ENGINE_VERSION } from '../version.js';
import type { ExtensionKind, Registry } from './registry.js';

/** Text in one locale when the caller asked for one, both locales otherwise (the designer switches itself). */
export type CatalogueText = string | LocalizedText;

export interface CataloguePort {
  id: string;
  label?: CatalogueText;
}

/** One registered type as the designer's palette and property panel need it. JSON only. */
export interface CatalogueEntry {
  type: string;
  version: string;
  label: CatalogueText;
  description?: CatalogueText;
  icon?: string;
  category?: string;
  /** Field, node and trigger types. */
  configSchema?: JsonSchema;
  /** Rule action types. */
  paramsSchema?: JsonSchema;
  /** Node types: where edges attach. */
  ports?: { inputs: CataloguePort[]; outputs: CataloguePort[] };
  /** Field types: flags such as secret, file, relation, container, computed. */
  traits?: Record<string, boolean>;
}

export interface RegistryCatalogue {
  engine: string;
  locale?: Locale;
  plugins: string[];
  fields: CatalogueEntry[];
  nodes: CatalogueEntry[];
  triggers: CatalogueEntry[];
  actions: CatalogueEntry[];
}

interface Describable {
  type: string;
  version: string;
  configSchema?: JsonSchema;
  paramsSchema?: JsonSchema;
  traits?: Record<string, boolean | undefined>;
  describe(): TypeDescription | NodeTypeDescription;
}

function text(value: LocalizedText | undefined, locale: Locale | undefined): CatalogueText | undefined {
  if (value === undefined) return undefined;
  return locale ? localize(value, locale) : value;
}

function port(p: NodePort, locale: Locale | undefined): CataloguePort {
  const label = text(p.label, locale);
  return { id: p.id, ...(label !== undefined ? { label } : {}) };
}

/** A deep copy through JSON, so the catalogue never shares objects with (or leaks functions of) the types. */
function json<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function entry(t: Describable, locale: Locale | undefined): CatalogueEntry {
  const d = t.describe();
  const out: CatalogueEntry = { type: t.type, version: t.version, label: text(d.label, locale) ?? t.type };
  const description = text(d.description, locale);
  if (description !== undefined) out.description = description;
  if (d.icon !== undefined) out.icon = d.icon;
  if (d.category !== undefined) out.category = d.category;
  if (t.configSchema !== undefined) out.configSchema = json(t.configSchema);
  if (t.paramsSchema !== undefined) out.paramsSchema = json(t.paramsSchema);
  const ports = (d as NodeTypeDescription).ports;
  if (ports) out.ports = { inputs: ports.inputs.map((p) => port(p, locale)), outputs: ports.outputs.map((p) => port(p, locale)) };
  if (t.traits) {
    const traits = Object.fromEntries(Object.entries(t.traits).filter((kv): kv is [string, boolean] => kv[1] !== undefined));
    if (Object.keys(traits).length > 0) out.traits = traits;
  }
  return out;
}

const TABLES: Record<ExtensionKind, 'fields' | 'nodes' | 'triggers' | 'actions'> = {
  field: 'fields',
  node: 'nodes',
  trigger: 'triggers',
  action: 'actions',
};

/**
 * The JSON catalogue of a registry for the designer: every field, node, trigger and action type with its
 * labels, icon, category, config (or params) schema and, for nodes, ports. Sorted by type name.
 */
export function describeRegistry(registry: Registry, locale?: Locale): RegistryCatalogue {
  const catalogue: RegistryCatalogue = {
    engine: ENGINE_VERSION,
    ...(locale ? { locale } : {}),
    plugins: registry.pluginNames(),
    fields: [],
    nodes: [],
    triggers: [],
    actions: [],
  };
  for (const table of Object.values(TABLES)) {
    const types = registry[table].list() as unknown as Describable[];
    catalogue[table] = types.map((t) => entry(t, locale)).sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
  }
  return catalogue;
}
