import { isPlainObject, SchemaCompileError, type SchemaCheck, type SchemaError } from './schema-error.js';

type Schema = Record<string, unknown>;
type Sub = (schema: unknown, at: string) => SchemaCheck;
type Deref = (schema: unknown, at: string) => unknown;

export const COMBINATOR_KEYWORDS = ['allOf', 'anyOf', 'oneOf', 'not', 'if'] as const;

function branches(schema: Schema, key: string, at: string, sub: Sub): SchemaCheck[] {
  const list = schema[key];
  if (!Array.isArray(list) || list.length === 0) throw new SchemaCompileError(`"${key}" must be a non-empty array`, `${at}/${key}`, key);
  return list.map((x, i) => sub(x, `${at}/${key}/${i}`));
}

function push(e: SchemaError[] | null, error: SchemaError): false {
  if (e) e.push(error);
  return false;
}

function allOf(checks: SchemaCheck[]): SchemaCheck {
  return (v, p, e, s) => {
    let ok = true;
    for (let i = 0; i < checks.length; i++) {
      if (!(checks[i] as SchemaCheck)(v, p, e, e ? `${s}/allOf/${i}` : '')) {
        if (!e) return false;
        ok = false;
      }
    }
    return ok;
  };
}

/** As Ajv reports it: the branches' errors, then the anyOf error; all dropped when one branch holds. */
function anyOf(checks: SchemaCheck[]): SchemaCheck {
  return (v, p, e, s) => {
    for (let i = 0; i < checks.length; i++) if ((checks[i] as SchemaCheck)(v, p, null, '')) return true;
    if (e) {
      for (let i = 0; i < checks.length; i++) (checks[i] as SchemaCheck)(v, p, e, `${s}/anyOf/${i}`);
      e.push({ keyword: 'anyOf', instancePath: p, schemaPath: s + '/anyOf', params: {} });
    }
    return false;
  };
}

function oneOf(checks: SchemaCheck[]): SchemaCheck {
  return (v, p, e, s) => {
    const passing: number[] = [];
    for (let i = 0; i < checks.length; i++) {
      if ((checks[i] as SchemaCheck)(v, p, null, '')) {
        passing.push(i);
        if (passing.length > 1 && !e) return false;
      }
    }
    if (passing.length === 1) return true;
    if (e) {
      for (let i = 0; i < checks.length; i++) if (!passing.includes(i)) (checks[i] as SchemaCheck)(v, p, e, `${s}/oneOf/${i}`);
      e.push({ keyword: 'oneOf', instancePath: p, schemaPath: s + '/oneOf', params: { passingSchemas: passing.length > 1 ? passing : null } });
    }
    return false;
  };
}

/**
 * OpenAPI's `discriminator` (as Ajv's option of that name): the tag property picks the oneOf branch, and
 * only that branch's errors are reported; an unknown tag is one error listing the allowed ones.
 */
function discriminated(schema: Schema, at: string, sub: Sub, deref: Deref): SchemaCheck {
  const tag = (schema.discriminator as { propertyName?: unknown } | undefined)?.propertyName;
  if (typeof tag !== 'string') throw new SchemaCompileError('"discriminator" needs "propertyName"', at + '/discriminator', 'discriminator');
  const list = schema.oneOf;
  if (!Array.isArray(list)) throw new SchemaCompileError('"discriminator" needs "oneOf"', at + '/discriminator', 'discriminator');
  const byTag = new Map<unknown, number>();
  const resolved = list.map((branch, i) => {
    const target = deref(branch, `${at}/oneOf/${i}`);
    const prop = isPlainObject(target) && isPlainObject(target.properties) ? target.properties[tag] : undefined;
    const values = isPlainObject(prop) ? (prop.const !== undefined ? [prop.const] : Array.isArray(prop.enum) ? prop.enum : []) : [];
    if (values.length === 0) throw new SchemaCompileError(`discriminator branch ${i} has no "const" or "enum" for "${tag}"`, `${at}/oneOf/${i}`, 'discriminator');
    for (const value of values) byTag.set(value, i);
    return target;
  });
  const checks = list.map((branch, i) => sub(branch, `${at}/oneOf/${i}`));
  const parentSchema = { ...schema, oneOf: resolved };
  return (v, p, e, s) => {
    if (!isPlainObject(v)) return true;
    const value = v[tag];
    const i = typeof value === 'string' ? byTag.get(value) : undefined;
    if (i === undefined) {
      return push(e, {
        keyword: 'discriminator',
        instancePath: p,
        schemaPath: s + '/discriminator',
        params: { error: typeof value === 'string' ? 'mapping' : 'tag', tag, tagValue: value },
        parentSchema,
      });
    }
    return (checks[i] as SchemaCheck)(v, p, e, e ? `${s}/oneOf/${i}` : '');
  };
}

function not(check: SchemaCheck): SchemaCheck {
  return (v, p, e, s) => !check(v, p, null, '') || push(e, { keyword: 'not', instancePath: p, schemaPath: s + '/not', params: {} });
}

function ifThenElse(cond: SchemaCheck, then: SchemaCheck | undefined, otherwise: SchemaCheck | undefined): SchemaCheck {
  return (v, p, e, s) => {
    const holds = cond(v, p, null, '');
    const branch = holds ? then : otherwise;
    if (branch === undefined || branch(v, p, e, e ? s + (holds ? '/then' : '/else') : '')) return true;
    return push(e, { keyword: 'if', instancePath: p, schemaPath: s + '/if', params: { failingKeyword: holds ? 'then' : 'else' } });
  };
}

export function combinatorChecks(schema: Schema, at: string, sub: Sub, deref: Deref): SchemaCheck[] {
  const checks: SchemaCheck[] = [];
  if (schema.allOf !== undefined) checks.push(allOf(branches(schema, 'allOf', at, sub)));
  if (schema.anyOf !== undefined) checks.push(anyOf(branches(schema, 'anyOf', at, sub)));
  if (schema.discriminator !== undefined) checks.push(discriminated(schema, at, sub, deref));
  else if (schema.oneOf !== undefined) checks.push(oneOf(branches(schema, 'oneOf', at, sub)));
  if (schema.not !== undefined) checks.push(not(sub(schema.not, at + '/not')));
  if (schema.if !== undefined) {
    const then = schema.then === undefined ? undefined : sub(schema.then, at + '/then');
    const otherwise = schema.else === undefined ? undefined : sub(schema.else, at + '/else');
    if (then || otherwise) checks.push(ifThenElse(sub(schema.if, at + '/if'), then, otherwise));
  }
  return checks;
}
