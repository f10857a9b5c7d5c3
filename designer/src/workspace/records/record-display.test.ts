import { describe, expect, it } from 'vitest';
import { displayValue, personIdsOf, type DisplayContext } from './record-display.js';

const tier = { key: 'tier', type: 'select', config: { options: [{ value: 'a', label: { en: 'A (key account)', 'zh-CN': 'A（重点客户）' } }, { value: 'b', label: 'B' }] } };
const owner = { key: 'ownerId', type: 'user' };
const ctx = (locale: 'en' | 'zh-CN'): DisplayContext => ({
  label: (text, fallback) => (typeof text === 'string' ? text : ((text as Record<string, string>)[locale] ?? fallback)),
  personName: (id) => ({ 'demo-sales-1': locale === 'en' ? 'Li Na' : '李娜' } as Record<string, string>)[id],
});

describe('records table display values', () => {
  it('shows the option label, not its value, in both languages', () => {
    expect(displayValue(tier, 'a', ctx('en'))).toBe('A (key account)');
    expect(displayValue(tier, 'a', ctx('zh-CN'))).toBe('A（重点客户）');
    expect(displayValue(tier, ['a', 'b'], ctx('en'))).toEqual(['A (key account)', 'B']);
  });
  it('keeps a value no option declares (a retired option) as stored', () => {
    expect(displayValue(tier, 'z', ctx('en'))).toBe('z');
  });
  it('shows the person name for a person field, the id while the name is unknown', () => {
    expect(displayValue(owner, 'demo-sales-1', ctx('zh-CN'))).toBe('李娜');
    expect(displayValue(owner, 'nobody', ctx('en'))).toBe('nobody');
  });
  it('collects the person ids of person fields only, once each', () => {
    expect(personIdsOf([tier, owner], [{ ownerId: 'p1', tier: 'a' }, { ownerId: 'p1' }, { ownerId: 'p2' }])).toEqual(['p1', 'p2']);
  });
});
