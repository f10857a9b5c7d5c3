import type { HostResolver } from './connector-type.js';
import { ConnectorTypeRegistry } from './connector-type-registry.js';
import { systemResolver } from './http/ssrf-guard.js';
import { BUILTIN_CONNECTOR_TYPES } from './types/builtin-connector-types.js';

/**
 * The process's connector machinery, at `app.baton.connectors`: the type registry (plugins add types here)
 * and the host resolver every outbound request goes through (tests swap in one that maps test names to
 * loopback, so "a DNS name resolving to a private address" can be tested without DNS).
 */
export class ConnectorRuntime {
  readonly types = new ConnectorTypeRegistry();
  resolveHost: HostResolver = systemResolver;
  /** Per request, when a connector's config sets no timeoutMs. */
  defaultTimeoutMs = 8_000;
}

export function createConnectorRuntime(): ConnectorRuntime {
  const runtime = new ConnectorRuntime();
  for (const type of BUILTIN_CONNECTOR_TYPES) runtime.types.register(type);
  return runtime;
}
