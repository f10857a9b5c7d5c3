import { describe, expect, it } from 'vitest';
import { departmentsUnder, padAmount } from './money-department-widgets.js';

describe('padAmount', () => {
  it('pads to the scale by string, never through a float', () => {
    expect(padAmount('12.5', 2)).toBe('12.50');
    expect(padAmount('0012', 2)).toBe('12.00');
    expect(padAmount('0.1', 2)).toBe('0.10');
    expect(padAmount('99999999999999.9', 2)).toBe('99999999999999.90');
    expect(padAmount('-3', 0)).toBe('-3');
  });
  it('leaves what it cannot pad as typed, for the server to explain', () => {
    expect(padAmount('1.234', 2)).toBe('1.234');
    expect(padAmount('12,5', 2)).toBe('12,5');
  });
});

describe('departmentsUnder', () => {
  const all = [
    { id: 'b', name: 'B', parentId: 'a' },
    { id: 'a', name: 'A', parentId: 'root' },
    { id: 'root', name: 'Root', parentId: null },
    { id: 'x', name: 'X', parentId: null },
  ];
  it('keeps the root and everything below it, whatever the order', () => {
    expect(departmentsUnder(all, 'root').map((d) => d.id)).toEqual(['b', 'a', 'root']);
    expect(departmentsUnder(all, undefined)).toHaveLength(4);
  });
});
