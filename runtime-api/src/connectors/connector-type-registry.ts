import {
  checkConnectorDefinition,
  createRegistry,
  issue,
  validateAgainstSchema,
  type Issue,
  type Locale,
  type Registry,
} from '@baton/engine';
import { ConnectorFailure } from './connector-failure.js';
import type { ConnectorType } from './connector-type.js';
import { parseTargetUrl } from './http/ssrf-guard.js';
import './connector-errors.js';

/**
 * Connector types by name. The built-in ones are registered exactly the way a plugin's are; a type is
 * looked up when a connector is saved and when one of its actions runs, so a type registered after the app
 * was built is usable at once.
 */
export class ConnectorTypeRegistry {
  readonly #types = new Map<string, ConnectorType>();
  /** The engine registry connector definitions are checked with: buildApp sets the one with its plugins. */
  engineRegistry: Registry | undefined;

  register<C>(type: ConnectorType<C>): void {
    if (!/^[a-z][a-z0-9-]*$/.test(type.type)) throw new Error(`connector type "${type.type}" must be kebab-case`);
    if (this.#types.has(type.type)) throw new Error(`connector type "${type.type}" is already registered`);
    this.#types.set(type.type, type as unknown as ConnectorType);
  }

  get(type: string): ConnectorType | undefined {
    return this.#types.get(type);
  }

  list(): ConnectorType[] {
    return [...this.#types.values()];
  }

  names(): string[] {
    return [...this.#types.keys()];
  }
}

/**
 * Everything wrong with a connector's config, with paths from the request body (`/config/...`): the type's
 * JSON Schema, credentials pasted into the config instead of secrets, `{{secrets.x}}` naming no secret, and
 * the type's own checks.
 */
export function checkConnectorConfig(
  type: ConnectorType,
  key: string,
  config: Record<string, unknown>,
  secretNames: readonly string[],
  locale: Locale,
  registry: ConnectorTypeRegistry,
): Issue[] {
  const issues = validateAgainstSchema(type.configSchema, config, '/config', locale);
  if (issues.length > 0) return issues;
  const engineRegistry = (registry.engineRegistry ??= createRegistry());
  const declared = new Set([...type.secrets.map((s) => s.name), ...secretNames]);
  const definition = {
    kind: 'connector' as const,
    key,
    version: 1,
    title: key,
    type: type.type,
    config,
    secrets: Object.fromEntries([...declared].map((name) => [name, { secretRef: `${key}.${name.toLowerCase()}` }])),
  };
  const semantic = checkConnectorDefinition(definition, { registry: engineRegistry, locale, connectorTypes: registry.names() })
    // The type check is ours (the registry); secrets are checked against the type by the route.
    .filter((i) => i.path.startsWith('/config'));
  // The guard's static checks at save time: a URL it would refuse is a config error, said now.
  if (typeof config.baseUrl === 'string') {
    try {
      parseTargetUrl(config.baseUrl);
    } catch (err) {
      if (!(err instanceof ConnectorFailure)) throw err;
      issues.push(issue(err.code, '/config/baseUrl', err.params, locale));
    }
  }
  for (const rule of type.checkConfig?.(config) ?? []) {
    issues.push(issue('BATON_E_CONNECTOR_CONFIG_RULE', rule.path, { en: rule.en, zh: rule['zh-CN'] }, locale));
  }
  return [...semantic, ...issues];
}
