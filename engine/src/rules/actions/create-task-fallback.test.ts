import { describe, expect, it } from 'vitest';
import { createMemoryDirectory } from '../../directory/directory.js';
import { BatonError } from '../../errors/error-catalogue.js';
import type { Effect } from '../../effects/effect.js';
import { checkRuleDefinition } from '../check-rule-definition.js';
import { compileRules } from '../compile-rules.js';
import type { RuleAction } from '../rule-definition.js';
import { ctx, event, rule, rulesRegistry } from '../rule-test-fixtures.js';

const registry = rulesRegistry();
const now = '2025-09-26T02:00:00.000Z';

const people = (extra: Array<{ id: string; roles: string[]; leaveDate?: string }>) =>
  createMemoryDirectory({
    users: [
      { id: 'u-emp', name: '张三', roles: [], attributes: {} },
      { id: 'u-it-gone', name: 'Gone IT', roles: ['it'], leaveDate: '2025-01-31', attributes: {} },
      ...extra.map((u) => ({ name: u.id, attributes: {}, ...u })),
    ],
  });

function run(params: Record<string, unknown>, directory = people([{ id: 'u-hr', roles: ['hr'] }, { id: 'u-root', roles: ['admin'] }])): Effect[] {
  const action = { type: 'create-task', params: { title: 'Disable accounts', ...params } } as RuleAction;
  const rules = compileRules([rule({ trigger: { type: 'flow-started' }, actions: [action] })], registry);
  return rules.onEvent(event('flow.started'), ctx(now, { directory })).effects;
}

const taskOf = (effects: Effect[]) => {
  const task = effects.find((e) => e.type === 'createTask');
  if (task?.type !== 'createTask') throw new Error('no createTask effect');
  return task.task;
};

describe('create-task when its assignees resolve to nobody', () => {
  it('keeps its own assignees when someone is present, with no fallback recorded', () => {
    const effects = run({ assignees: [{ kind: 'user', id: 'u-emp' }] });
    expect(taskOf(effects).assignees).toEqual(['u-emp']);
    expect(taskOf(effects).assigneeFallback).toBeUndefined();
  });

  it('gives the task to the rule fallbackAssignees first, recording why', () => {
    const effects = run({ assignees: [{ kind: 'role', role: 'it' }], fallbackAssignees: [{ kind: 'user', id: 'u-emp' }] });
    const task = taskOf(effects);
    expect(task.assignees).toEqual(['u-emp']);
    expect(task.candidates).toEqual(['role:it']);
    expect(task.assigneeFallback).toEqual({ reason: 'nobody-resolved', via: 'fallbackAssignees', to: ['u-emp'] });
    // Only the task: the runtime, which knows the stored task id to link to, tells the people why.
    expect(effects.map((e) => e.type)).toEqual(['createTask']);
  });

  it('falls back to the hr role when there is no fallbackAssignees or they resolve to nobody too', () => {
    const empty = run({ assignees: [{ kind: 'field', path: 'nobodyHere' }] });
    expect(taskOf(empty).assigneeFallback).toEqual({ reason: 'nobody-resolved', via: 'role:hr', to: ['u-hr'] });
    const emptyFallback = run({ assignees: [{ kind: 'role', role: 'it' }], fallbackAssignees: [{ kind: 'role', role: 'nobody' }] });
    expect(taskOf(emptyFallback).assignees).toEqual(['u-hr']);
  });

  it('falls back to admins when no hr holder is present, and refuses when there is nobody at all', () => {
    const noHr = people([{ id: 'u-hr-gone', roles: ['hr'], leaveDate: '2025-02-01' }, { id: 'u-root', roles: ['admin'] }]);
    expect(taskOf(run({ assignees: [{ kind: 'role', role: 'it' }] }, noHr)).assigneeFallback?.via).toBe('role:admin');
    const nobody = people([{ id: 'u-hr-gone', roles: ['hr'], leaveDate: '2025-02-01' }]);
    const refused = (() => {
      try {
        run({ assignees: [{ kind: 'role', role: 'it' }] }, nobody);
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(refused).toBeInstanceOf(BatonError);
    expect((refused as BatonError).code).toBe('BATON_E_RULE_TASK_NOBODY');
    expect((refused as BatonError).status).toBe(422);
  });

  it('validates fallbackAssignees with the rule definition', () => {
    const def = rule({
      trigger: { type: 'flow-started' },
      actions: [{ type: 'create-task', params: { title: 'T', assignees: [{ kind: 'role', role: 'it' }], fallbackAssignees: [{ kind: 'robot' }] } } as RuleAction],
    });
    const issues = checkRuleDefinition(def, { registry, locale: 'en' });
    expect(issues.some((i) => i.path.startsWith('/actions/0/params/fallbackAssignees'))).toBe(true);
    const ok = rule({
      trigger: { type: 'flow-started' },
      actions: [{ type: 'create-task', params: { title: 'T', assignees: [{ kind: 'role', role: 'it' }], fallbackAssignees: [{ kind: 'role', role: 'hr' }] } } as RuleAction],
    });
    expect(checkRuleDefinition(ok, { registry, locale: 'en' })).toEqual([]);
  });
});
