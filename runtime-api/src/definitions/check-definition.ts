import { validateDefinition, type DefinitionKind, type Locale, type ValidationResult } from '@baton/engine';

export type DefinitionResolver = (kind: DefinitionKind, key: string) => unknown;

/** The engine's schema and semantic checks, in the caller's locale, resolving references via `resolve`. */
export function checkDefinition(definition: unknown, locale: Locale, resolve: DefinitionResolver): ValidationResult {
  return validateDefinition(definition, { locale, resolve });
}
