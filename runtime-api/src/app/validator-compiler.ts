import { Ajv, type ValidateFunction } from 'ajv';
import formatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

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
 */
export function buildValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const strict = makeAjv(false);
  const coercing = makeAjv('array');
  return ({ schema, httpPart }) => {
    const validate: ValidateFunction = (httpPart === 'body' ? strict : coercing).compile(schema as object);
    return validate as never;
  };
}
