import { describe, expect, it } from 'vitest';
import { describeEvent } from './describe-event.js';

describe('timeline phrases', () => {
  it('names the action taken, else the event, in the reader’s language; unknown ones stay as they are', () => {
    expect(describeEvent({ type: 'task.completed', action: 'approve' }, 'en')).toBe('approved');
    expect(describeEvent({ type: 'task.completed', action: 'approve' }, 'zh-CN')).toBe('同意');
    expect(describeEvent({ type: 'flow.started', action: null }, 'zh-CN')).toBe('发起了申请');
    expect(describeEvent({ type: 'assignee.fallback', action: null }, 'zh-CN')).toBe('规则指定的处理人均不可用，待办已转给备用处理人（HR 或管理员）');
    expect(describeEvent({ type: 'plugin.thing', action: null }, 'en')).toBe('plugin.thing');
    expect(describeEvent({ type: 'x', action: 'custom-step' }, 'en')).toBe('custom-step');
  });
});
