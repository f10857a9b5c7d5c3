import i18next from 'i18next';
import type { Effect } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { localizeText } from '../app/i18n/localized.js';
import { rulesMessages } from './rules-messages.js';
import { effectText, formatInstant, wordOutcome, type TestWords } from './rule-test-wording.js';

function words(lng: 'en' | 'zh-CN'): TestWords {
  const i18n = i18next.createInstance();
  void i18n.init({ lng, initAsync: false, resources: { en: { rules: rulesMessages.en }, 'zh-CN': { rules: rulesMessages['zh-CN'] } }, defaultNS: 'rules', interpolation: { escapeValue: false } });
  const labels: Record<string, string> = { holderId: lng === 'en' ? 'Holder' : '保管人', status: lng === 'en' ? 'Status' : '状态' };
  return {
    t: (key, vars) => i18n.t(key, vars ?? {}),
    text: (value) => localizeText(value, lng),
    field: (key) => labels[key] ?? key,
    definition: (kind, key) => (kind === 'form' && key === 'asset' ? (lng === 'en' ? 'Asset' : '资产') : key),
    person: (id) => (id === 'finance-person' ? 'Fiona' : id),
    timeZone: 'Asia/Shanghai',
  };
}

const task: Effect = {
  type: 'createTask', key: 'k',
  task: { taskId: 'k', kind: 'task', title: { en: 'Final settlement', 'zh-CN': '最终结算' }, assignees: ['finance-person'], candidates: ['role:finance'], actions: ['complete'], dueAt: '2026-12-12T01:00:00.000Z' },
};

describe('what a tested rule would do, in words', () => {
  it('words a task with its role and due date in both languages', () => {
    expect(effectText(task, words('en'))).toBe('Creates a task ‘Final settlement’ for role finance, due 2026-12-12 09:00');
    expect(effectText(task, words('zh-CN'))).toBe('为角色 finance创建待办“最终结算”，截止 2026-12-12 09:00');
  });

  it('words clearing a field of another form’s record, a notification and a reminder', () => {
    const clear: Effect = { type: 'setData', key: 'k', formKey: 'asset', recordId: 'a1', patch: { holderId: null, status: 'returned' } };
    expect(effectText(clear, words('en'))).toBe('Sets ‘Holder’ to empty, ‘Status’ to ‘returned’ on Asset record a1');
    expect(effectText({ type: 'setData', key: 'k', patch: { status: 'left' } }, words('en'))).toBe('Sets ‘Status’ to ‘left’ on this record');
    expect(effectText({ type: 'notify', key: 'k', to: ['finance-person', 'initiator'], title: { en: 'Hi' } }, words('en'))).toBe('Sends a notification ‘Hi’ to Fiona, initiator');
    const reminder: Effect = { type: 'scheduleTimer', key: 'k', timerId: 'k', dueAt: '2026-12-10T16:00:00.000Z', purpose: 'reminder', payload: { notify: { to: ['finance-person'], title: { en: 'Pay out' } } } };
    expect(effectText(reminder, words('en'))).toBe('Sends a reminder ‘Pay out’ to Fiona on 2026-12-11');
  });

  it('says whether the trigger fired and the condition held, with the run date of a date trigger', () => {
    const en = words('en');
    expect(wordOutcome({ triggered: true, runAt: '2026-12-12T01:00:00.000Z', effects: [{ action: 0, effect: task }] }, true, en)).toEqual({
      verdict: 'The trigger fires (the rule has no condition).', ok: true, runAt: '2026-12-12 09:00',
      effects: [{ action: 0, text: 'Creates a task ‘Final settlement’ for role finance, due 2026-12-12 09:00' }],
    });
    expect(wordOutcome({ triggered: true, conditionHeld: false, effects: [] }, false, en)).toMatchObject({ ok: false, verdict: 'The trigger fires, but the condition (AND) does not hold: nothing happens.' });
    expect(wordOutcome({ triggered: false, effects: [] }, true, en).verdict).toBe('The trigger has no time to run: is the date field filled in?');
    expect(wordOutcome({ triggered: false, effects: [] }, false, words('zh-CN')).verdict).toBe('此事件不会触发规则：什么也不会发生。');
    expect(wordOutcome({ triggered: true, effects: [{ action: 1, item: 2, effect: task }] }, false, en).effects[0]).toMatchObject({ action: 1, item: 2 });
  });

  it('shows midnight as the date alone', () => {
    expect(formatInstant('2026-12-11T16:00:00.000Z', 'Asia/Shanghai')).toBe('2026-12-12');
    expect(formatInstant('2026-12-12T09:30:00.000Z', 'UTC')).toBe('2026-12-12 09:30');
  });
});
