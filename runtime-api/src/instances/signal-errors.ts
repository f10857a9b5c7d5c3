import { defineErrors } from '@baton/engine';

/** Codes of POST /api/instances/:id/signals. */
export const SIGNAL_ERRORS = defineErrors({
  BATON_E_SIGNAL_INSTANCE_ENDED: {
    status: 409,
    en: 'Instance {instanceId} has ended ({status}): it waits for no signal any more.',
    'zh-CN': '流程实例 {instanceId} 已结束（{status}）：不再等待任何信号。',
  },
  BATON_E_SIGNAL_NOT_AWAITED: {
    status: 409,
    en: 'No step of instance {instanceId} is waiting for signal "{name}" now: check the name, or the step has moved on already.',
    'zh-CN': '流程实例 {instanceId} 当前没有步骤在等待信号“{name}”：请核对信号名称，或该步骤已经继续。',
  },
  BATON_E_SIGNAL_NOT_ALLOWED: {
    status: 403,
    en: 'You may not send signal "{name}" to instance {instanceId}: it takes an admin or one of the roles {roles}.',
    'zh-CN': '您不能向流程实例 {instanceId} 发送信号“{name}”：需要管理员或以下角色之一：{roles}。',
  },
  BATON_E_SIGNAL_DATA_INVALID: {
    status: 422,
    en: 'The data of signal "{name}" does not fit what the waiting step expects: see the errors listed.',
    'zh-CN': '信号“{name}”附带的数据不符合等待步骤的要求：请查看所列错误。',
  },
});
