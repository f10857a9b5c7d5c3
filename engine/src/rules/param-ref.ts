/**
 * A reference to a pack parameter inside a trigger config: `{"param": "settlementReminderDays"}`.
 * `negate` turns "3 days" into "3 days before" (-3); `default` applies when the parameter is not set.
 * Action params do not need this: their JsonLogic reads parameters as {"var": "$params.name"}.
 */
export interface ParamRef {
  param: string;
  negate?: boolean;
  default?: unknown;
}

export const paramRefSchema = {
  type: 'object',
  properties: {
    param: { type: 'string', minLength: 1 },
    negate: { type: 'boolean' },
    default: {},
  },
  required: ['param'],
  additionalProperties: false,
} as const;

export function isParamRef(value: unknown): value is ParamRef {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return typeof (value as ParamRef).param === 'string' && keys.every((k) => k === 'param' || k === 'negate' || k === 'default');
}

/** Replaces every ParamRef in a config by its value; `missing` is called for parameters not set and without default. */
export function resolveParamRefs<T>(value: T, parameters: Record<string, unknown> | undefined, missing: (param: string) => never): T {
  const walk = (v: unknown): unknown => {
    if (isParamRef(v)) {
      const has = parameters !== undefined && Object.prototype.hasOwnProperty.call(parameters, v.param);
      const resolved = has ? (parameters as Record<string, unknown>)[v.param] : v.default;
      if (resolved === undefined) missing(v.param);
      if (v.negate && typeof resolved === 'number') return -resolved;
      if (v.negate && typeof resolved === 'string' && resolved.trim() !== '' && !Number.isNaN(Number(resolved))) return -Number(resolved);
      return resolved;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}
