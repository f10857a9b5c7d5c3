import type { FieldType, JsonSchema, TypeDescription } from '../forms/field-type.js';
import type { NodeType } from '../flows/node-type.js';
import type { RuleActionType, TriggerType } from '../rules/trigger-type.js';
import { BatonError } from '../errors/error-catalogue.js';
import { REGISTRY_ERRORS } from './registry-errors.js';
import type { Locale } from '../i18n/localized-text.js';
import { describeRegistry, type RegistryCatalogue } from './describe-registry.js';

export type ExtensionKind = 'field' | 'node' | 'trigger' | 'action';

interface Registered { type: string; version: string; configSchema?: JsonSchema; paramsSchema?: JsonSchema; describe(): TypeDescription }

/** One table per extension point; a type is found by name, and `type@version` must match when pinned. */
class TypeTable<T extends Registered> {
  private readonly byType = new Map<string, T>();
  constructor(private readonly kind: ExtensionKind) {}

  add(entry: T): void {
    if (!/^[a-z][a-z0-9-]*(\/[a-z0-9-]+)?$/.test(entry.type)) {
      throw new BatonError(REGISTRY_ERRORS.BATON_E_REGISTRY_BAD_NAME, { kind: this.kind, type: entry.type });
    }
    if (this.byType.has(entry.type)) {
      throw new BatonError(REGISTRY_ERRORS.BATON_E_REGISTRY_DUPLICATE, { kind: this.kind, type: entry.type });
    }
    this.byType.set(entry.type, entry);
  }

  /** Looks up `type` or `type@version`; a pinned version must match the registered major version. */
  get(ref: string): T | undefined {
    const [type, version] = splitTypeRef(ref);
    const entry = this.byType.get(type);
    if (!entry || version === undefined) return entry;
    return majorOf(entry.version) === majorOf(version) ? entry : undefined;
  }

  has(ref: string): boolean {
    return this.get(ref) !== undefined;
  }

  list(): T[] {
    return [...this.byType.values()];
  }
}

export function splitTypeRef(ref: string): [string, string | undefined] {
  const at = ref.lastIndexOf('@');
  return at > 0 ? [ref.slice(0, at), ref.slice(at + 1)] : [ref, undefined];
}

function majorOf(version: string): string {
  return version.split('.')[0] ?? version;
}

/**
 * The engine's extension registry. Built-in types are registered through the same `use(plugin)` call a
 * third party uses, so there is no privileged path.
 */
export class Registry {
  readonly fields = new TypeTable<FieldType>('field');
  readonly nodes = new TypeTable<NodeType>('node');
  readonly triggers = new TypeTable<TriggerType>('trigger');
  readonly actions = new TypeTable<RuleActionType>('action');
  private readonly plugins = new Map<string, EnginePlugin>();

  registerFieldType(type: FieldType<any>): this {
    this.fields.add(type as FieldType);
    return this;
  }
  registerNodeType(type: NodeType<any>): this {
    this.nodes.add(type as NodeType);
    return this;
  }
  registerTriggerType(type: TriggerType<any>): this {
    this.triggers.add(type as TriggerType);
    return this;
  }
  registerActionType(type: RuleActionType<any>): this {
    this.actions.add(type as RuleActionType);
    return this;
  }

  /** Installs a plugin once; refuses one built for an engine version this is not. */
  use(plugin: EnginePlugin, engineVersion: string): this {
    if (this.plugins.has(plugin.name)) return this;
    if (!satisfiesCaret(engineVersion, plugin.engine)) {
      throw new BatonError(REGISTRY_ERRORS.BATON_E_PLUGIN_ENGINE_MISMATCH, {
        plugin: plugin.name,
        wanted: plugin.engine,
        engine: engineVersion,
      });
    }
    plugin.register(this);
    this.plugins.set(plugin.name, plugin);
    return this;
  }

  pluginNames(): string[] {
    return [...this.plugins.keys()];
  }

  /** The JSON catalogue the designer renders its palettes and property panels from; labels in `locale`, or both. */
  describe(locale?: Locale): RegistryCatalogue {
    return describeRegistry(this, locale);
  }
}

/**
 * A plugin adds field, node, trigger and action types. `engine` is a semver range of the form
 * `^x.y.z`, `>=x.y.z` or `x.y.z`, checked against the running engine.
 */
export interface EnginePlugin {
  name: string;
  engine: string;
  register(registry: Registry): void;
}

function parse(v: string): number[] {
  return v.replace(/^[^\d]*/, '').split('.').map((p) => Number.parseInt(p, 10) || 0);
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Enough semver for plugin ranges; a full range grammar would be a dependency for three operators. */
export function satisfiesCaret(version: string, range: string): boolean {
  const v = parse(version);
  const r = parse(range);
  if (range.startsWith('>=')) return compare(v, r) >= 0;
  if (range.startsWith('^')) {
    if (compare(v, r) < 0) return false;
    const lockIndex = r[0] !== 0 ? 0 : r[1] !== 0 ? 1 : 2;
    return v[lockIndex] === r[lockIndex] && (lockIndex === 0 || v[0] === r[0]) && (lockIndex < 2 || v[1] === r[1]);
  }
  return compare(v, r) === 0;
}
