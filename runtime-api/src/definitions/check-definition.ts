import { validateDefinition, type DefinitionKind, type Locale, type Registry, type ValidationResult } from '@baton/engine';

export type DefinitionResolver = (kind: DefinitionKind, key: string) => unknown;

/**
 * The engine's schema and semantic checks, in the caller's locale, resolving references via `resolve`;
 * `registry`: the app's (with its plugins' types), else the built-ins only.
 */
export function checkDefinition(definition: unknown, locale: Locale, resolve: DefinitionResolver, registry?: Registry): ValidationResult {
  return validateDefinition(definition, { locale, resolve, ...(registry ? { registry } : {}) });
}
