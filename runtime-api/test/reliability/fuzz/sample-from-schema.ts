import type { SeededRandom } from './seeded-random.js';

type Schema = Record<string, any>;

/**
 * A value that a JSON Schema (as the OpenAPI document carries it) accepts, most of the time: required
 * properties, some optional ones, enum/const values, formats. Good enough as a starting point for mutation;
 * it does not have to be perfect (a rejected sample is still a request that must not give a 5xx).
 */
export function sampleFromSchema(schema: Schema | undefined, random: SeededRandom, resolve: (ref: string) => Schema | undefined, depth = 0): unknown {
  if (!schema || depth > 8) return null;
  if (typeof schema.$ref === 'string') return sampleFromSchema(resolve(schema.$ref), random, resolve, depth + 1);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return random.pick(schema.enum);
  const alternatives = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (Array.isArray(alternatives) && alternatives.length > 0) {
    const nonNull = alternatives.filter((a) => a.type !== 'null');
    return sampleFromSchema(random.pick(nonNull.length > 0 ? nonNull : alternatives), random, resolve, depth + 1);
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) {
    return Object.assign({}, ...schema.allOf.map((s: Schema) => sampleFromSchema(s, random, resolve, depth + 1)).filter((v: unknown) => v && typeof v === 'object'));
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
  switch (type ?? (schema.properties ? 'object' : undefined)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set<string>(schema.required ?? []);
      for (const [key, sub] of Object.entries<Schema>(schema.properties ?? {})) {
        if (required.has(key) || random.chance(0.4)) out[key] = sampleFromSchema(sub, random, resolve, depth + 1);
      }
      return out;
    }
    case 'array': {
      const n = Math.max(schema.minItems ?? 0, random.int(3));
      return Array.from({ length: n }, () => sampleFromSchema(schema.items, random, resolve, depth + 1));
    }
    case 'string':
      switch (schema.format) {
        case 'date': return '2025-06-30';
        case 'date-time': return '2025-06-30T08:00:00.000Z';
        case 'email': return 'li.lei@example.com';
        case 'uri': case 'url': return 'http://127.0.0.1:9/never'; // loopback discard port: nothing leaves the machine
        case 'uuid': return '00000000-0000-4000-8000-000000000000';
        default: return 'a'.repeat(Math.max(1, schema.minLength ?? 1));
      }
    case 'integer':
      return Math.max(schema.minimum ?? 1, Math.min(schema.maximum ?? 1, 1));
    case 'number':
      return schema.minimum ?? 1.5;
    case 'boolean':
      return random.chance(0.5);
    case 'null':
      return null;
    default:
      return random.chance(0.5) ? {} : 'x';
  }
}
