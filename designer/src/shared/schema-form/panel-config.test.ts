import { describe, expect, it } from 'vitest';
import { mergePanelConfig, sameJson } from './panel-config.js';

describe('sameJson', () => {
  it('compares JSON deeply, an undefined property being an absent one', () => {
    expect(sameJson({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toBe(true);
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: [] }, {})).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson({ a: null }, { a: {} })).toBe(false);
    expect(sameJson([], {})).toBe(false);
  });
});

describe('mergePanelConfig', () => {
  it('hands back the stored object when the panel only echoes it', () => {
    const stored = { mode: 'single', assignees: [{ kind: 'role', role: 'hr' }] };
    expect(mergePanelConfig(stored, { mode: 'single', quorum: undefined }, ['assignees', 'gate'])).toBe(stored);
    expect(mergePanelConfig(undefined, {}, ['assignees'])).toBeUndefined();
    expect(mergePanelConfig(undefined, { duration: undefined }, [])).toBeUndefined();
  });

  it('keeps the properties edited elsewhere as stored, whatever the panel says of them', () => {
    const gate = { '==': [1, 1] };
    const next = mergePanelConfig({ assignees: [{ kind: 'user', id: 'a' }], gate }, { assignees: [], gate: null, mode: 'all' }, ['assignees', 'gate']);
    expect(next).toEqual({ mode: 'all', assignees: [{ kind: 'user', id: 'a' }], gate });
  });

  it('writes a real change, and removes the config once nothing is left', () => {
    expect(mergePanelConfig(undefined, { effects: [] }, [])).toEqual({ effects: [] });
    expect(mergePanelConfig({ time: '09:00' }, { time: undefined }, [])).toBeUndefined();
    expect(mergePanelConfig({ whenEmpty: 'approve' }, { mode: 'all' }, ['whenEmpty'])).toEqual({ mode: 'all', whenEmpty: 'approve' });
  });
});
