import { describe, expect, it } from 'vitest';
import { describeEvent } from './describe-event.js';

describe('timeline phrases', () => {
  it('names the action taken, else the event, in the reader’s language; unknown ones stay as they are', () => {
    expect(describeEvent({ type: 'task.completed', action: 'approve' }, 'en')).toBe('approved');
    expect(describeEvent({ type: 'task.completed', action: 'approve' }, 'zh-CN')).toBe('同意');
    expect(describeEvent({ type: 'flow.started', action: null }, 'zh-CN')).toBe('发起了申请');
    expect(describeEvent({ type: 'assignee.fallback', action: null }, 'zh-CN')).toBe('规则指定的处理人均不可用，待办已转给备用处理人（HR 或管理员）');
    expect(describeEvent({ type: 'plugin.thing', action: null }, 'en')).toBe('plugin.thing');
  });

  it('says why an approval had nobody: refused or passed by itself, or handed to its fallback approvers', () => {
    expect(describeEvent({ type: 'assignee.none', action: null, resolution: 'rejected' }, 'en')).toBe('nobody was found to approve: the request was rejected automatically');
    expect(describeEvent({ type: 'assignee.none', action: null, resolution: 'approved' }, 'zh-CN')).toBe('未找到审批人：此步骤已自动通过');
    expect(describeEvent({ type: 'assignee.none', action: null }, 'en')).toBe('nobody was found to approve this step');
    // A flow step's fallback (a manager approval handed to HR) is not a rule's.
    expect(describeEvent({ type: 'assignee.fallback', action: null, nodeId: 'managerApproval' }, 'en')).toContain('fallback approvers, such as HR');
    expect(describeEvent({ type: 'assignee.fallback', action: null, nodeId: 'managerApproval' }, 'zh-CN')).toBe('未找到审批人（例如没有直属上级）：此步骤已转给备用审批人（如 HR）');
    expect(describeEvent({ type: 'assignee.fallback', action: null, nodeId: 'rule:return-assets@1' }, 'en')).toContain('nobody the rule named');
    expect(describeEvent({ type: 'x', action: 'custom-step' }, 'en')).toBe('custom-step');
  });
});
