import { ARRAY_KEYWORDS, arrayCheck } from './array-keywords.js';
import { OBJECT_KEYWORDS, objectCheck } from './object-keywords.js';
import { constCheck, enumCheck, NUMBER_KEYWORDS, numberCheck, STRING_KEYWORDS, stringCheck, typeCheck, typeNames } from './scalar-keywords.js';
import { rememberQuick } from './quick-checks.js';
import { combinatorChecks, COMBINATOR_KEYWORDS } from './combinator-keywords.js';
import { esc, isPlainObject, SchemaCompileError, type SchemaCheck } from './schema-error.js';

type Schema = Record<string, unknown>;

/** Keywords that only annotate (or are read by another keyword): accepted, never checked. */
const ANNOTATIONS = new Set([
  '$schema', '$id', '$comment', '$defs', 'definitions', 'title', 'description', 'default', 'examples', 'readOnly', 'writeOnly',
  'deprecated', 'contentMediaType', 'contentEncoding', 'tsType', 'then', 'else', 'discriminator',
]);

const SUPPORTED = new Set<string>([
  '$ref', 'type', 'const', 'enum', ...STRING_KEYWORDS, ...NUMBER_KEYWORDS, ...OBJECT_KEYWORDS, ...ARRAY_KEYWORDS, ...COMBINATOR_KEYWORDS,
]);

/** The keywords a schema may use (besides annotations, `x-…` and `ui:…` keys): for docs and error texts. */
export const SUPPORTED_KEYWORDS: readonly string[] = [...SUPPORTED];

export const PASS: SchemaCheck = () => true;

interface Scope {
  /** `$id` of the document the schema sits in (resolves relative `$ref`s). */
  base: string;
  root: Schema;
  draft07: boolean;
}

function stripFragment(uri: string): string {
  const hash = uri.indexOf('#');
  return hash < 0 ? uri : uri.slice(0, hash);
}

/** RFC 3986 reference resolution, reduced to what schema `$id`s use: absolute, or relative to the base's folder. */
function resolveUri(ref: string, base: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref) || base === '') return ref;
  if (ref.startsWith('/')) {
    const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(base);
    return (origin ? origin[0] : '') + ref;
  }
  return base.slice(0, base.lastIndexOf('/') + 1) + ref;
}

function unescapePointer(segment: string): string {
  return decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~');
}

export function all(checks: readonly SchemaCheck[]): SchemaCheck {
  if (checks.length === 0) return PASS;
  if (checks.length === 1) return checks[0] as SchemaCheck;
  if (checks.length === 2) {
    const [a, b] = checks as [SchemaCheck, SchemaCheck];
    return (v, p, e, s) => {
      if (a(v, p, e, s)) return b(v, p, e, s);
      if (e) b(v, p, e, s);
      return false;
    };
  }
  return (v, p, e, s) => {
    let ok = true;
    for (let i = 0; i < checks.length; i++) {
      if (!(checks[i] as SchemaCheck)(v, p, e, s)) {
        if (!e) return false;
        ok = false;
      }
    }
    return ok;
  };
}

/**
 * Compiles JSON Schema (2020-12; draft-07 tuples and `definitions` too) into closures over the validated
 * schema tree: no code generation (`eval` / `new Function`), so it runs under a strict Content-Security-
 * Policy. A keyword outside the supported subset is a SchemaCompileError with its schema pointer, never
 * silently ignored. Compiled checks are cached per schema object; `$ref`s resolve inside the document or
 * against the schemas registered by `$id`.
 */
export class JsonSchemaCompiler {
  private readonly byId = new Map<string, Schema>();
  private readonly cache = new WeakMap<object, SchemaCheck>();

  constructor(schemas: ReadonlyArray<Record<string, unknown>> = []) {
    for (const schema of schemas) this.register(schema);
  }

  /** Makes a schema resolvable by its `$id` (for `$ref`s from other schemas). */
  register(schema: Record<string, unknown>): void {
    if (typeof schema.$id === 'string') this.byId.set(stripFragment(schema.$id), schema);
  }

  /** The check of a root schema. Throws SchemaCompileError when the schema cannot be compiled. */
  compile(schema: unknown): SchemaCheck {
    if (typeof schema === 'boolean') return this.sub(schema, { base: '', root: {}, draft07: false }, '#');
    if (!isPlainObject(schema)) throw new SchemaCompileError('a schema must be an object or a boolean', '#', undefined);
    const base = typeof schema.$id === 'string' ? stripFragment(schema.$id) : '';
    const draft07 = typeof schema.$schema === 'string' && /draft-0[4-7]/.test(schema.$schema);
    return this.sub(schema, { base, root: schema, draft07 }, '#');
  }

  private sub(schema: unknown, scope: Scope, at: string): SchemaCheck {
    if (schema === true) return PASS;
    if (schema === false) {
      return (_v, p, e, s) => {
        if (e) e.push({ keyword: 'false schema', instancePath: p, schemaPath: s, params: {} });
        return false;
      };
    }
    if (!isPlainObject(schema)) throw new SchemaCompileError('a schema must be an object or a boolean', at, undefined);
    const cached = this.cache.get(schema);
    if (cached) return cached;
    // A placeholder first, so a schema that refers to itself (a tree) compiles once.
    let real: SchemaCheck | undefined;
    this.cache.set(schema, (v, p, e, s) => (real as SchemaCheck)(v, p, e, s));
    try {
      real = this.build(schema, scope, at);
    } catch (error) {
      this.cache.delete(schema);
      throw error;
    }
    this.cache.set(schema, real);
    rememberQuick(real, schema);
    return real;
  }

  private build(schema: Schema, outer: Scope, at: string): SchemaCheck {
    const scope = typeof schema.$id === 'string' && schema !== outer.root ? { ...outer, base: resolveUri(stripFragment(schema.$id), outer.base), root: schema } : outer;
    for (const key of Object.keys(schema)) {
      if (SUPPORTED.has(key) || ANNOTATIONS.has(key) || key.startsWith('x-') || key.startsWith('ui:')) continue;
      throw new SchemaCompileError(`unsupported keyword "${key}"`, `${at}/${esc(key)}`, key);
    }
    const sub = (child: unknown, childAt: string): SchemaCheck => this.sub(child, scope, childAt);
    const checks: SchemaCheck[] = [];
    const types = typeNames(schema, at);
    const single = types?.length === 1 ? types[0] : undefined;
    let typeDone = false;
    const has = (keys: readonly string[]): boolean => keys.some((k) => schema[k] !== undefined);
    if (has(STRING_KEYWORDS)) {
      checks.push(stringCheck(schema, at, single === 'string'));
      typeDone ||= single === 'string';
    }
    if (has(NUMBER_KEYWORDS)) {
      const typed = single === 'number' || single === 'integer' ? single : undefined;
      checks.push(numberCheck(schema, at, typed));
      typeDone ||= typed !== undefined;
    }
    if (has(OBJECT_KEYWORDS)) {
      checks.push(objectCheck(schema, at, sub, single === 'object'));
      typeDone ||= single === 'object';
    }
    if (has(ARRAY_KEYWORDS)) {
      checks.push(arrayCheck(schema, at, sub, single === 'array', scope.draft07));
      typeDone ||= single === 'array';
    }
    const head: SchemaCheck[] = [];
    if (types && !typeDone) head.push(typeCheck(types));
    if (schema.const !== undefined) head.push(constCheck(schema.const));
    if (schema.enum !== undefined) head.push(enumCheck(schema.enum, at));
    checks.unshift(...head);
    checks.push(...combinatorChecks(schema, at, sub, (branch, branchAt) => this.deref(branch, scope, branchAt)));
    if (schema.$ref !== undefined) checks.push(this.ref(schema.$ref, scope, at));
    return all(checks);
  }

  private ref(ref: unknown, scope: Scope, at: string): SchemaCheck {
    if (typeof ref !== 'string') throw new SchemaCompileError('"$ref" must be a string', at + '/$ref', '$ref');
    const resolved = this.resolve(ref, scope, at);
    const target = this.sub(resolved.schema, resolved.scope, at + '/$ref');
    return (v, p, e, s) => target(v, p, e, e ? s + '/$ref' : '');
  }

  /** The schema a `$ref` points at (and the document it sits in); used for discriminator branches too. */
  resolve(ref: string, scope: Scope, at: string): { schema: unknown; scope: Scope } {
    const hash = ref.indexOf('#');
    const uri = hash < 0 ? ref : ref.slice(0, hash);
    const fragment = hash < 0 ? '' : ref.slice(hash + 1);
    let target: Scope = scope;
    if (uri !== '') {
      const id = resolveUri(uri, scope.base);
      const doc = this.byId.get(id);
      if (!doc) throw new SchemaCompileError(`"$ref" names an unknown schema "${id}"`, at + '/$ref', '$ref');
      target = { base: id, root: doc, draft07: scope.draft07 };
    }
    if (fragment !== '' && !fragment.startsWith('/')) throw new SchemaCompileError(`"$ref" anchors are not supported ("${ref}")`, at + '/$ref', '$ref');
    let node: unknown = target.root;
    for (const segment of fragment.split('/').slice(1)) {
      node = isPlainObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[unescapePointer(segment)] : undefined;
      if (node === undefined) throw new SchemaCompileError(`"$ref" points at nothing ("${ref}")`, at + '/$ref', '$ref');
    }
    return { schema: node, scope: target };
  }

  /** Follows `$ref`s from a schema to the object it finally means (discriminator branches). */
  deref(schema: unknown, scope: Scope, at: string): unknown {
    let node = schema;
    let current = scope;
    for (let hops = 0; hops < 20 && isPlainObject(node) && typeof node.$ref === 'string'; hops++) {
      const next = this.resolve(node.$ref, current, at);
      node = next.schema;
      current = next.scope;
    }
    return node;
  }
}
