import { defineErrors } from '@baton/engine';

/** Codes of the dead-letter and delivery-log routes. */
export const WORKERS_ERRORS = defineErrors({
  BATON_E_OUTBOX_NOT_FOUND: {
    status: 404,
    en: 'There is no outbox entry {outboxId}: check the id.',
    'zh-CN': '不存在外发队列条目 {outboxId}：请核对编号。',
  },
  BATON_E_OUTBOX_NOT_DEAD: {
    status: 409,
    en: 'Outbox entry {outboxId} is {status}, not dead: only dead letters can be replayed.',
    'zh-CN': '外发队列条目 {outboxId} 的状态为 {status}，不是死信：只有死信可以重新投递。',
  },
  BATON_E_TIMER_NOT_FOUND: {
    status: 404,
    en: 'There is no timer {timerId}: check the id.',
    'zh-CN': '不存在定时器 {timerId}：请核对编号。',
  },
  BATON_E_TIMER_NOT_DEAD: {
    status: 409,
    en: 'Timer {timerId} is {status}, not dead: only dead timers can be replayed.',
    'zh-CN': '定时器 {timerId} 的状态为 {status}，不是死信：只有死信定时器可以重新触发。',
  },
  BATON_E_SET_DATA_INVALID: {
    status: 422,
    en: 'The setData effect {effectKey} was not applied: {target} refuses the data: {path} {detail} ({code}). Fix the rule or flow action that sets it, then replay the dead letter.',
    'zh-CN': 'setData 效果 {effectKey} 未执行：{target} 拒绝该数据：{path} {detail}（{code}）。请修正设置该值的规则或流程动作，再重新投递死信。',
  },
  BATON_E_SET_DATA_UNKNOWN_FIELD: {
    status: 422,
    en: 'no form of this flow declares the field "{field}": remove it from the patch or add it to a form',
    'zh-CN': '该流程的表单均未声明字段“{field}”：请从补丁中移除，或在表单中添加该字段',
  },
});
