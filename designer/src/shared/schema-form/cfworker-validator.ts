import { Validator, type Schema } from '@cfworker/json-schema';
import {
  createErrorHandler,
  toErrorSchema,
  unwrapErrorHandler,
  validationDataMerge,
  type CustomValidator,
  type ErrorTransformer,
  type RJSFSchema,
  type RJSFValidationError,
  type UiSchema,
  type ValidationData,
  type ValidatorType,
} from '@rjsf/utils';

// Wrapper keywords report "a child failed"; the child's own error says what is wrong.
const WRAPPERS = new Set(['properties', 'items', 'prefixItems', 'allOf', '$ref', 'then', 'else', 'dependentSchemas', 'additionalItems', 'unevaluatedItems', 'contains']);

function dotted(instanceLocation: string): string {
  const segments = instanceLocation.replace(/^#/, '').split('/').filter(Boolean);
  return segments.map((s) => `.${s.replace(/~1/g, '/').replace(/~0/g, '~')}`).join('');
}

/** A sub-schema's "#/$defs/…" references point into its root document: lend it the root's definitions. */
function withRootDefinitions(schema: RJSFSchema, rootSchema: RJSFSchema | undefined): RJSFSchema {
  if (!rootSchema || schema === rootSchema) return schema;
  const extra: Record<string, unknown> = {};
  if (rootSchema.$defs && !schema.$defs) extra.$defs = rootSchema.$defs;
  if (rootSchema.definitions && !schema.definitions) extra.definitions = rootSchema.definitions;
  return Object.keys(extra).length > 0 ? ({ ...schema, ...extra } as RJSFSchema) : schema;
}

/**
 * rjsf's validator interface over @cfworker/json-schema, an interpreting validator: it never generates
 * code, so property panels work under a Content-Security-Policy without 'unsafe-eval' (Ajv, which
 * @rjsf/validator-ajv8 uses, compiles with `new Function`). Definitions are still judged by the engine
 * (Ajv, in the engine worker) exactly as on the server; this one only drives rjsf's oneOf/anyOf choices
 * and its own field errors.
 */
export class CfworkerValidator implements ValidatorType {
  /** Validators by schema, then by the root that lent it definitions (rjsf asks about the same pairs often). */
  private readonly cache = new WeakMap<object, WeakMap<object, Validator>>();

  private validatorFor(schema: RJSFSchema, rootSchema?: RJSFSchema): Validator {
    const root = rootSchema ?? schema;
    let byRoot = this.cache.get(schema);
    if (!byRoot) this.cache.set(schema, (byRoot = new WeakMap()));
    let validator = byRoot.get(root);
    if (!validator) {
      validator = new Validator(withRootDefinitions(schema, root) as Schema, '2020-12', false);
      byRoot.set(root, validator);
    }
    return validator;
  }

  rawValidation<Result = RJSFValidationError>(schema: RJSFSchema, formData?: unknown): { errors?: Result[]; validationError?: Error } {
    try {
      const result = this.validatorFor(schema).validate(formData);
      const errors: RJSFValidationError[] = result.errors
        .filter((e) => !WRAPPERS.has(e.keyword))
        .map((e) => {
          const property = dotted(e.instanceLocation);
          return { name: e.keyword, message: e.error, property, schemaPath: e.keywordLocation, stack: `${property || '.'} ${e.error}`, params: {} };
        });
      return { errors: errors as Result[] };
    } catch (err) {
      return { errors: [], validationError: err instanceof Error ? err : new Error(String(err)) };
    }
  }

  validateFormData(
    formData: unknown,
    schema: RJSFSchema,
    customValidate?: CustomValidator,
    transformErrors?: ErrorTransformer,
    uiSchema?: UiSchema,
  ): ValidationData<unknown> {
    const raw = this.rawValidation<RJSFValidationError>(schema, formData);
    let errors = raw.errors ?? [];
    if (raw.validationError) errors = [...errors, { name: 'schema', message: raw.validationError.message, property: '', stack: raw.validationError.message }];
    if (transformErrors) errors = transformErrors(errors, uiSchema);
    const data: ValidationData<unknown> = { errors, errorSchema: toErrorSchema(errors) };
    if (!customValidate) return data;
    const handler = customValidate(formData, createErrorHandler(formData), uiSchema);
    return validationDataMerge(data, unwrapErrorHandler(handler));
  }

  isValid(schema: RJSFSchema, formData: unknown, rootSchema: RJSFSchema): boolean {
    try {
      return this.validatorFor(schema, rootSchema).validate(formData).valid;
    } catch {
      return false;
    }
  }
}

export const cfworkerValidator = new CfworkerValidator();
