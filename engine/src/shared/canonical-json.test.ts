import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('drops undefined properties like JSON.stringify and writes dates as ISO strings', () => {
    expect(canonicalJson({ a: undefined, b: new Date('2024-01-02T03:04:05.006Z'), c: [undefined] })).toBe('{"b":"2024-01-02T03:04:05.006Z","c":[null]}');
  });

  it('escapes strings and keys the way JSON does', () => {
    expect(canonicalJson({ 'k"ey': '离职\n' })).toBe('{"k\\"ey":"离职\\n"}');
  });
});
