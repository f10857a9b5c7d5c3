import { validateDefinition } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { addFallback, removeFallback, takesFallback, withFallback } from './fallback-assignees.js';
import { newRule } from './new-rule.js';
import { createRegistry } from '@baton/engine';

const catalogue = createRegistry().describe();

describe('a rule to-do\'s fallback assignees', () => {
  it('is offered for actions that declare it (create-task), not for others', () => {
    expect(takesFallback(catalogue.actions.find((a) => a.type === 'create-task')?.paramsSchema)).toBe(true);
    expect(takesFallback(catalogue.actions.find((a) => a.type === 'notify')?.paramsSchema)).toBe(false);
  });

  it('adds people and roles once and drops the list when the last one is removed', () => {
    let list = addFallback(undefined, { kind: 'user', id: 'u-hr-lead' });
    list = addFallback(list, { kind: 'role', role: 'it-lead' });
    expect(addFallback(list, { kind: 'role', role: 'it-lead' })).toEqual(list);
    expect(addFallback(list, { kind: 'user', id: '' })).toEqual(list);
    expect(list).toEqual([{ kind: 'user', id: 'u-hr-lead' }, { kind: 'role', role: 'it-lead' }]);
    expect(removeFallback(list, 0)).toEqual([{ kind: 'role', role: 'it-lead' }]);
    expect(removeFallback([{ kind: 'role', role: 'x' }], 0)).toBeUndefined();
  });

  it('writes params the engine accepts, keeping the other params, and none at all when empty', () => {
    const params = { title: { en: 'Collect the laptop', 'zh-CN': '收回电脑' }, assignees: [{ kind: 'role', role: 'it' }] };
    const withList = withFallback(params, addFallback(undefined, { kind: 'user', id: 'u-admin' }));
    expect(withList).toEqual({ ...params, fallbackAssignees: [{ kind: 'user', id: 'u-admin' }] });
    const rule = { ...newRule('laptop'), actions: [{ type: 'create-task', params: withList }] };
    expect(validateDefinition(rule).errors).toEqual([]);
    expect(withFallback(withList, undefined)).toEqual(params);
    expect(withFallback({ fallbackAssignees: [{ kind: 'role', role: 'x' }] }, undefined)).toBeUndefined();
  });
});
