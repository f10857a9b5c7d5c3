import { errorSpec, issue, pointerSegment, type Issue, type Locale } from '@baton/engine';
import type { ErrorObject } from 'ajv';
import './http-errors.js';

const TYPE_ZH: Record<string, string> = {
  string: '字符串',
  number: '数字',
  integer: '整数',
  boolean: '布尔值',
  object: '对象',
  array: '数组',
  null: '空值',
};

/** The engine's code for an Ajv keyword: BATON_E_SCHEMA_ + upper snake case (minLength → MIN_LENGTH). */
function engineCode(keyword: string): string {
  return 'BATON_E_SCHEMA_' + keyword.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}

function paramsFor(error: ErrorObject): Record<string, unknown> {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { property: p.missingProperty };
    case 'additionalProperties':
      return { property: p.additionalProperty };
    case 'type': {
      const types = String(p.type).split(',');
      return { type: types.join(' or '), typeZh: types.map((t) => TYPE_ZH[t] ?? t).join('或') };
    }
    case 'enum':
      return { allowed: (p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ') };
    case 'const':
      return { allowed: JSON.stringify(p.allowedValue) };
    case 'uniqueItems':
      return { i: p.i, j: p.j };
    case 'pattern':
      return { pattern: p.pattern };
    case 'format':
      return { format: p.format };
    default:
      return { limit: p.limit };
  }
}

/** Where the error points: the offending property itself for required/additionalProperties. */
function pathFor(error: ErrorObject, prefix: string): string {
  const p = error.params as Record<string, unknown>;
  const child =
    error.keyword === 'required'
      ? p.missingProperty
      : error.keyword === 'additionalProperties'
        ? p.additionalProperty
        : undefined;
  return prefix + error.instancePath + (child === undefined ? '' : '/' + pointerSegment(String(child)));
}

/**
 * Turns Fastify's Ajv errors into Issues with JSON Pointer paths. Body paths point into the body; other
 * parts are prefixed with their name ("/querystring/version", "/params/kind").
 */
export function ajvIssues(errors: ErrorObject[], context: string, locale: Locale): Issue[] {
  const prefix = context === 'body' ? '' : '/' + context;
  return errors.map((error) => {
    const code = engineCode(error.keyword);
    const path = pathFor(error, prefix);
    if (errorSpec(code)) return issue(code, path, paramsFor(error), locale);
    return issue('BATON_E_REQUEST_FIELD_INVALID', path, { detail: error.message ?? error.keyword }, locale);
  });
}
