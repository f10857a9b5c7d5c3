import { describe, expect, it } from 'vitest';
import type { ValidateTaskData } from './flow-command.js';
import { batonErrorOf, edges, flowDef, FlowHarness, node } from './flow-test-kit.js';

// An HR step whose form requires an interview date: the runtime's validateTaskData stands in for the form.
const def = flowDef(
  [
    node('start', 'start'),
    node('manager', 'approval', { assignees: [{ kind: 'manager-of' }] }),
    node('hr', 'approval', { assignees: [{ kind: 'user', id: 'hr1' }], actions: ['approve', 'reject', 'return', 'delegate'] }),
    node('end', 'end'),
  ],
  edges(['start', 'manager'], ['manager', 'hr'], ['hr', 'end']),
);

function harness(): { h: FlowHarness; seen: Array<{ nodeId: string; patch: Record<string, unknown> }> } {
  const h = new FlowHarness(def);
  const seen: Array<{ nodeId: string; patch: Record<string, unknown> }> = [];
  const validate: ValidateTaskData = ({ nodeId, data, patch }) => {
    seen.push({ nodeId, patch: { ...patch } });
    if (nodeId !== 'hr' || data.interviewDate !== undefined) return [];
    return [{ code: 'BATON_E_FORM_REQUIRED', path: '/interviewDate', message: 'Interview date is required', messages: { en: 'Interview date is required', 'zh-CN': '面谈日期为必填项' } }];
  };
  h.ctxExtra = { validateTaskData: validate };
  h.start();
  return { h, seen };
}

describe('an empty submission is judged by the step\'s form when it moves work forward', () => {
  it('refuses an empty approve with the missing field, with or without a data object', () => {
    const { h } = harness();
    h.act('manager', 'mgr');
    for (const extra of [{}, { data: {} }]) {
      const error = batonErrorOf(() => h.act('hr', 'hr1', 'approve', extra));
      expect(error?.code).toBe('BATON_E_FLOW_TASK_DATA_INVALID');
      expect(error?.issues.map((i) => i.path)).toEqual(['/interviewDate']);
    }
    expect(h.positions()).toEqual(['hr']);
    h.act('hr', 'hr1', 'approve', { data: { interviewDate: '2030-06-03' } });
    expect(h.state.status).toBe('completed');
  });

  it('lets return, reject and delegate through with nothing filled in', () => {
    for (const [action, extra] of [['reject', {}], ['return', { to: 'manager' }], ['delegate', { to: 'hr2' }]] as const) {
      const { h, seen } = harness();
      h.act('manager', 'mgr');
      seen.length = 0;
      expect(batonErrorOf(() => h.act('hr', 'hr1', action, extra))).toBeUndefined();
      expect(seen.filter((s) => s.nodeId === 'hr')).toEqual([]);
    }
  });
});
