import { issue } from '../errors/error-catalogue.js';
import type { Issue, ValidationResult } from '../errors/issue.js';
import { checkFlowDefinition } from '../flows/check-flow-definition.js';
import { checkFormDefinition } from '../forms/check-form-definition.js';
import type { Locale } from '../i18n/localized-text.js';
import { createRegistry } from '../registry/create-registry.js';
import type { Registry } from '../registry/registry.js';
import { checkRuleDefinition } from '../rules/check-rule-definition.js';
import { checkConnectorDefinition } from './check-connector-definition.js';
import { checkDocumentDefinition } from './check-document-definition.js';
import { checkPackDefinition } from './check-pack-definition.js';
import { checkReaderFields } from './check-reader-fields.js';
import { checkReportDefinition } from './check-report-definition.js';
import { DEFINITION_ERRORS } from './definition-errors.js';
import { DEFINITION_SCHEMAS } from './engine-schemas.js';
import type { FormDefinition } from './definition-types.js';
import type { DefinitionKind, SemanticCheckContext } from './semantic-check-context.js';
import { semanticDespiteSchema } from './partial-semantic-checks.js';
import { wordSchemaIssue } from './schema-error-wording.js';
import { validateAgainstSchema } from './validate-against-schema.js';

export interface ValidateDefinitionOptions {
  /** Field, node, trigger and action types; the built-ins when omitted. */
  registry?: Registry;
  /** Language of each issue's `message` (`messages` always carries both); en by default. */
  locale?: Locale;
  /** Finds definitions this one refers to, so cross-definition checks can run; they are skipped without it. */
  resolve?: (kind: DefinitionKind, key: string) => unknown;
  /** Connector types plugins add to runtime-api, besides the built-in ones. */
  connectorTypes?: readonly string[];
}

export const DEFINITION_KINDS = Object.keys(DEFINITION_SCHEMAS) as DefinitionKind[];

type Checker = (def: never, ctx: SemanticCheckContext) => Issue[];
/**
 * The semantic checks of each kind. On a definition that fails its schema they still run, minus what they
 * say about the broken parts (partial-semantic-checks.ts), so an analyst sees every problem at once.
 */
const CHECKERS: Record<DefinitionKind, Checker> = {
  form: ((def: FormDefinition, ctx: SemanticCheckContext) => [...checkFormDefinition(def, ctx), ...checkReaderFields(def, ctx)]) as Checker,
  flow: checkFlowDefinition as Checker,
  rule: checkRuleDefinition as Checker,
  report: checkReportDefinition as Checker,
  document: checkDocumentDefinition as Checker,
  connector: checkConnectorDefinition as Checker,
  pack: checkPackDefinition as Checker,
};

let defaultRegistry: Registry | undefined;

function isKind(kind: unknown): kind is DefinitionKind {
  return typeof kind === 'string' && Object.hasOwn(DEFINITION_SCHEMAS, kind);
}

/** Orders JSON Pointers segment by segment, numbers numerically, so "/nodes/2" comes before "/nodes/10". */
export function comparePointers(a: string, b: string): number {
  const as = a.split('/');
  const bs = b.split('/');
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const x = as[i] ?? '';
    const y = bs[i] ?? '';
    if (x === y) continue;
    const nx = /^\d+$/.test(x) ? Number(x) : NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) return nx - ny;
    return x < y ? -1 : 1;
  }
  return as.length - bs.length;
}

function collect(def: unknown, basePath: string, ctx: SemanticCheckContext): Issue[] {
  const kinds = DEFINITION_KINDS.map((k) => `"${k}"`).join(', ');
  if (typeof def !== 'object' || def === null || Array.isArray(def)) {
    return [issue(DEFINITION_ERRORS.BATON_E_DEFINITION_NOT_OBJECT, basePath, {}, ctx.locale)];
  }
  const kind = (def as { kind?: unknown }).kind;
  if (kind === undefined) return [issue(DEFINITION_ERRORS.BATON_E_DEFINITION_KIND_MISSING, `${basePath}/kind`, { kinds }, ctx.locale)];
  if (!isKind(kind)) return [issue(DEFINITION_ERRORS.BATON_E_DEFINITION_KIND_UNKNOWN, `${basePath}/kind`, { kind: String(kind), kinds }, ctx.locale)];
  const schemaIssues = validateAgainstSchema(DEFINITION_SCHEMAS[kind], def, basePath, ctx.locale);
  const check = () => CHECKERS[kind](def as never, ctx);
  const semantic = schemaIssues.length === 0 ? check() : semanticDespiteSchema(schemaIssues, basePath, check);
  // Semantic checks build paths from the definition's root; nested definitions need them moved under basePath.
  const moved = basePath === '' ? semantic : semantic.map((i) => ({ ...i, path: basePath + i.path }));
  return [...schemaIssues, ...moved].map((i) => worded(i, def, kind, basePath, ctx.locale));
}

/** Issues already worded against their own definition (a pack's nested ones), so the pack does not reword them. */
const wordedIssues = new WeakSet<Issue>();

function worded(found: Issue, def: unknown, kind: DefinitionKind, basePath: string, locale: Locale): Issue {
  if (wordedIssues.has(found) || !found.path.startsWith(basePath)) return found;
  const out = wordSchemaIssue(found, def, kind, found.path.slice(basePath.length), locale);
  wordedIssues.add(out);
  return out;
}

/**
 * Validates any definition: its kind, its JSON Schema, then the kind's semantic checks (on the parts the
 * schema accepts, when it does not accept all). Schema issues are worded for analysts (schema-error-wording.ts).
 * Errors are sorted by path; `ok` is true iff there are none.
 */
export function validateDefinition(def: unknown, options: ValidateDefinitionOptions = {}): ValidationResult {
  const registry = options.registry ?? (defaultRegistry ??= createRegistry());
  const makeContext = (resolve: ValidateDefinitionOptions['resolve']): SemanticCheckContext => {
    const ctx: SemanticCheckContext = {
      registry,
      locale: options.locale ?? 'en',
      ...(resolve ? { resolve } : {}),
      ...(options.connectorTypes ? { connectorTypes: options.connectorTypes } : {}),
      validateNested: (nested, basePath, nestedResolve) => collect(nested, basePath, makeContext(nestedResolve ?? resolve)),
    };
    return ctx;
  };
  const errors = collect(def, '', makeContext(options.resolve));
  errors.sort((a, b) => comparePointers(a.path, b.path));
  return { ok: errors.length === 0, errors };
}
