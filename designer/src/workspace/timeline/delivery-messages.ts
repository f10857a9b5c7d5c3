import { defineMessages } from '../../app/i18n/messages.js';

/** The delivery log of an instance: what the request did outside itself, in words per action. */
export const deliveryMessages = defineMessages({
  en: {
    none: 'Nothing has been sent or updated for this request yet.',
    colWhen: 'When',
    colAction: 'What',
    colStatus: 'Result',
    colAttempt: 'Attempt',
    details: 'Details',
    action: {
      notify: 'Notification',
      invoke: 'Call to an external system',
      setData: 'Record update',
      renderDocument: 'Document generated',
      startFlow: 'Follow-up request started',
      createTask: 'Task created',
      other: 'Background step',
    },
    status: {
      delivered: 'Done',
      skipped: 'Skipped: no {{connector}} connector is configured, nothing was sent',
      skippedAny: 'Skipped: nothing was sent',
      pending: 'Waiting',
      retry: 'Failed, will try again',
      dead: 'Failed',
      other: '{{status}}',
    },
    connector: { 'crm-rest': 'CRM', scim: 'account directory (SCIM)', webhook: 'webhook' },
  },
  'zh-CN': {
    none: '本申请尚未对外发送或更新任何内容。',
    colWhen: '时间',
    colAction: '内容',
    colStatus: '结果',
    colAttempt: '次数',
    details: '详细信息',
    action: {
      notify: '通知',
      invoke: '调用外部系统',
      setData: '更新记录',
      renderDocument: '已生成文档',
      startFlow: '已发起后续申请',
      createTask: '已创建任务',
      other: '后台步骤',
    },
    status: {
      delivered: '已完成',
      skipped: '已跳过：未配置{{connector}}连接器，未发送任何内容',
      skippedAny: '已跳过：未发送任何内容',
      pending: '等待中',
      retry: '失败，将自动重试',
      dead: '失败',
      other: '{{status}}',
    },
    connector: { 'crm-rest': 'CRM', scim: '账号目录（SCIM）', webhook: 'Webhook' },
  },
});
