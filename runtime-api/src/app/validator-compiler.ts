import { Ajv, type ValidateFunction } from 'ajv';
import formatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import type { LazySchemas } from './lazy-schemas.js';

type FormatsPlugin = (ajv: Ajv) => unknown;
const addFormats = (typeof formatsModule === 'function' ? formatsModule : (formatsModule as { default: FormatsPlugin }).default) as FormatsPlugin;

function makeAjv(coerceTypes: boolean | 'array'): Ajv {
  const ajv = new Ajv({
    // Unknown properties are an error, never silently dropped (Fastify's default removes them).
    removeAdditional: false,
    useDefaults: true,
    coerceTypes,
    // Every problem at once: a client fixes a request in one round trip. Bodies are size-limited and
    // arrays carry maxItems, which bounds the work.
    allErrors: true,
    strict: false,
  });
  addFormats(ajv);
  return ajv;
}

/**
 * Bodies are JSON and must carry the right types ("1" is not 1); the query string, path params and headers
 * are text, so they are coerced ("?version=2" → 2). Fastify's single default instance coerces everything.
 * With `lazy`, each schema compiles on its route's first request (see lazy-schemas.ts).
 */
export function buildValidatorCompiler(lazy?: LazySchemas): FastifySchemaCompiler<unknown> {
  let strict: Ajv | undefined;
  let coercing: Ajv | undefined;
  const compile = (schema: unknown, httpPart: string | undefined): ValidateFunction =>
    httpPart === 'body' ? (strict ??= makeAjv(false)).compile(schema as object) : (coercing ??= makeAjv('array')).compile(schema as object);
  return ({ schema, httpPart }) => {
    if (!lazy) return compile(schema, httpPart) as never;
    const compiled = lazy.defer(() => compile(schema, httpPart));
    const validate = (data: unknown, dataCxt?: unknown) => {
      const fn = compiled();
      const valid = fn(data, dataCxt as never);
      validate.errors = fn.errors;
      return valid;
    };
    validate.errors = null as ValidateFunction['errors'];
    // Fastify hands Ajv the parent object (so a root value can be coerced) when the validator has a schemaEnv;
    // it reads it right before validating, which is when the schema compiles.
    Object.defineProperty(validate, 'schemaEnv', { get: () => compiled().schemaEnv });
    return validate as never;
  };
}
