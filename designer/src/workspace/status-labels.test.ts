import { describe, expect, it } from 'vitest';
import { instanceStatusLabel, taskStatusLabel } from './status-labels.js';

describe('status labels', () => {
  it('a decided task reads as its decision in either language, never as the raw action key', () => {
    expect(taskStatusLabel({ status: 'approved', outcome: 'approve' }, 'en')).toBe('approved');
    expect(taskStatusLabel({ status: 'approved', outcome: 'approve' }, 'zh-CN')).toBe('同意');
    expect(taskStatusLabel({ status: 'completed', outcome: 'complete' }, 'zh-CN')).toBe('完成');
  });

  it('an open task and a completed task without an outcome use the inbox words', () => {
    expect(taskStatusLabel({ status: 'open', outcome: null }, 'en')).toBe('To do');
    expect(taskStatusLabel({ status: 'open' }, 'zh-CN')).toBe('待处理');
    expect(taskStatusLabel({ status: 'completed', outcome: null }, 'en')).toBe('Done');
  });

  it('a request status is translated, and an unknown one is shown as sent', () => {
    expect(instanceStatusLabel('running', 'en')).toBe('Running');
    expect(instanceStatusLabel('running', 'zh-CN')).toBe('进行中');
    expect(instanceStatusLabel('completed', 'zh-CN')).toBe('已完成');
    expect(instanceStatusLabel('suspended', 'zh-CN')).toBe('suspended');
  });
});
