import type { Issue } from '../errors/issue.js';
import type { Locale } from '../i18n/localized-text.js';
import type { Registry } from '../registry/registry.js';

export type DefinitionKind = 'form' | 'flow' | 'rule' | 'report' | 'document' | 'connector' | 'pack';

/** What a semantic check may consult besides the definition itself. */
export interface SemanticCheckContext {
  registry: Registry;
  locale: Locale;
  /**
   * Finds another definition the checked one refers to (a flow's form, a rule's form or flow).
   * Returns undefined when it is not known; checks that need it are then skipped, not failed.
   */
  resolve?: (kind: DefinitionKind, key: string) => unknown;
  /** Connector types provided by plugins of the runtime, besides the built-in ones. */
  connectorTypes?: readonly string[];
  /**
   * Validates a definition nested in the checked one (a pack's inline definitions) with the same options;
   * issue paths start at `basePath`. Set by validateDefinition.
   */
  validateNested?: (def: unknown, basePath: string, resolve?: (kind: DefinitionKind, key: string) => unknown) => Issue[];
}
