import type { SeededRandom } from './seeded-random.js';

/** Strings a careless or hostile client sends: NUL, lone surrogates, RTL, emoji, control characters, SQL-ish. */
export const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  '\uffff',
  '\u202e离职\u202c',
  '👩🏽‍💻🧑‍🤝‍🧑',
  'e\u0301\u0301\u0301',
  '\r\n\t\b\f',
  "'; drop table audit_log; --",
  '{{employeeId.name}}',
  '${process.env}',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00%2F%2e%2e',
  '1e309',
  '-0',
  'NaN',
  '9223372036854775808',
  'true',
  'null',
  '__proto__',
];

const KEYS = ['__proto__', 'constructor', 'prototype', 'extra', '', ' ', '$ref', 'toString', 'a'.repeat(300), '离职', '\u0000'];

function nasty(random: SeededRandom): unknown {
  switch (random.int(9)) {
    case 0: return random.pick(NASTY_STRINGS);
    case 1: return 'x'.repeat(random.pick([256, 4096, 70_000]));
    case 2: return random.pick([0, -1, 1.5, 2 ** 53 + 1, -(2 ** 63), 1e308, Number.MIN_VALUE]);
    case 3: return random.pick([true, false, null]);
    case 4: return [];
    case 5: return {};
    case 6: return deep(random.pick([50, 300, 2000]), random.chance(0.5));
    case 7: return Array.from({ length: random.pick([100, 5000]) }, (_, i) => i);
    default: return { [random.pick(KEYS)]: random.pick(NASTY_STRINGS) };
  }
}

function deep(levels: number, arrays: boolean): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < levels; i += 1) v = arrays ? [v] : { a: v };
  return v;
}

/** Every (container, key) inside a value, so a mutation can hit any depth. */
function slots(value: unknown, out: Array<{ parent: Record<string, unknown> | unknown[]; key: string | number }> = [], depth = 0): typeof out {
  if (depth > 12 || value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push({ parent: value, key: i });
      slots(v, out, depth + 1);
    });
  } else {
    for (const [k, v] of Object.entries(value)) {
      out.push({ parent: value as Record<string, unknown>, key: k });
      slots(v, out, depth + 1);
    }
  }
  return out;
}

const wrongTypeOf = (v: unknown, random: SeededRandom): unknown => {
  if (typeof v === 'string') return random.pick([1, true, null, [v], { v }]);
  if (typeof v === 'number') return random.pick([String(v), true, null, [v]]);
  if (typeof v === 'boolean') return random.pick(['true', 1, null]);
  if (Array.isArray(v)) return random.pick([{}, 'list', v.length]);
  if (v && typeof v === 'object') return random.pick([[], 'object', 0]);
  return random.pick(['null', 0, {}]);
};

/** One to three mutations of a deep copy: remove, add, retype or replace a value somewhere inside. */
export function mutateValue(value: unknown, random: SeededRandom): unknown {
  const copy = value === undefined ? {} : JSON.parse(JSON.stringify(value));
  const rounds = 1 + random.int(3);
  let root: unknown = copy;
  for (let r = 0; r < rounds; r += 1) {
    const all = slots(root);
    if (all.length === 0 || random.chance(0.05)) {
      root = random.chance(0.5) ? nasty(random) : wrongTypeOf(root, random);
      continue;
    }
    const { parent, key } = random.pick(all);
    const op = random.int(5);
    if (op === 0) {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
    } else if (op === 1) {
      if (Array.isArray(parent)) parent.push(nasty(random));
      else parent[random.pick(KEYS)] = nasty(random);
    } else if (op === 2) {
      (parent as Record<string, unknown>)[key as string] = wrongTypeOf((parent as Record<string, unknown>)[key as string], random);
    } else {
      (parent as Record<string, unknown>)[key as string] = nasty(random);
    }
  }
  return root;
}

/** Serialised bodies that are not (valid) JSON at all. */
export function breakJson(text: string, random: SeededRandom): string {
  switch (random.int(7)) {
    case 0: return text.slice(0, Math.max(0, random.int(text.length)));
    case 1: return text + random.pick([',', '}', ']', 'x', '\u0000']);
    case 2: return text.replace(/}$/, ',}');
    case 3: return '\ufeff' + text;
    case 4: return text.replace(/"/, "'");
    case 5: return random.pick(['NaN', 'undefined', '{"a":01}', '{"a":1e999999}', '[' .repeat(100_000), '{"a":"\\ud800"}', '{"a":"\\u0000"}']);
    default: return text.replace(/:/g, random.pick([' :: ', '=']));
  }
}
