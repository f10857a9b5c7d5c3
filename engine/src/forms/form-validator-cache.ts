import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import common from '../../schemas/common.schema.json' with { type: 'json' };
import { isIsoDate, isIsoDateTime } from './iso-date-formats.js';

type FormatsPlugin = (ajv: Ajv2020) => unknown;
/** ajv-formats is CommonJS: under ESM interop the plugin is the module or its `default`. */
const addFormats = (typeof formatsModule === 'function' ? formatsModule : (formatsModule as { default: unknown }).default) as FormatsPlugin;

/**
 * Two Ajv instances for form data. Valid data is the common case, so it is checked by a validator that
 * stops at the first error; only data that fails is run again with `allErrors` (and `verbose`, which the
 * error wording uses) to report every problem. Both are compiled lazily, per schema, once.
 */
function makeAjv(allErrors: boolean): Ajv2020 {
  // unicode: false measures maxLength in UTF-16 units (String#length) instead of code points: counting
  // code points was the single largest cost of validating a form; an emoji then counts as 2 characters.
  const ajv = new Ajv2020({ allErrors, verbose: allErrors, strict: false, logger: false, unicode: false });
  addFormats(ajv);
  ajv.addFormat('date', { type: 'string', validate: isIsoDate });
  ajv.addFormat('date-time', { type: 'string', validate: isIsoDateTime });
  // Value schemas may reuse common parts ("…/common.schema.json#/$defs/localizedText").
  ajv.addSchema(common, common.$id);
  return ajv;
}

let fastAjv: Ajv2020 | undefined;
let fullAjv: Ajv2020 | undefined;

/**
 * Compiled validators by the canonical text of their schema. Ajv compilation (code generation) is the
 * expensive part of compiling a form; form versions that share a data structure (a label changed, a rule
 * added) share one validator, and versions loaded at start-up compile only when first used.
 */
const fast = new Map<string, ValidateFunction>();
const full = new Map<string, ValidateFunction>();

function compile(cache: Map<string, ValidateFunction>, ajv: () => Ajv2020, schemaText: string): ValidateFunction {
  let validate = cache.get(schemaText);
  if (!validate) {
    validate = ajv().compile(JSON.parse(schemaText) as Record<string, unknown>);
    cache.set(schemaText, validate);
  }
  return validate;
}

/** Stops at the first error: for deciding valid / not valid. */
export function fastValidatorFor(schemaText: string): ValidateFunction {
  return compile(fast, () => (fastAjv ??= makeAjv(false)), schemaText);
}

/** Reports every error: for explaining why data is not valid. */
export function fullValidatorFor(schemaText: string): ValidateFunction {
  return compile(full, () => (fullAjv ??= makeAjv(true)), schemaText);
}

/** How many distinct schemas were compiled for the fast path (for tests and the benchmark). */
export function compiledValidatorCount(): number {
  return fast.size;
}
