import { defineErrors } from '@baton/engine';

/** Codes of the command pipeline and the instance, task and record routes. */
export const EXECUTION_ERRORS = defineErrors({
  BATON_E_FLOW_NOT_PUBLISHED: {
    status: 404,
    en: 'There is no published flow "{flowKey}": publish it first, or check the key.',
    'zh-CN': '不存在已发布的流程“{flowKey}”：请先发布，或核对标识。',
  },
  BATON_E_FORM_NOT_PUBLISHED: {
    status: 404,
    en: 'There is no published form "{formKey}": publish it first, or check the key.',
    'zh-CN': '不存在已发布的表单“{formKey}”：请先发布，或核对标识。',
  },
  BATON_E_INSTANCE_NOT_FOUND: {
    status: 404,
    en: 'There is no instance {instanceId} that you may see: check the id.',
    'zh-CN': '不存在您可查看的流程实例 {instanceId}：请核对编号。',
  },
  BATON_E_TASK_NOT_FOUND: {
    status: 404,
    en: 'There is no task {taskId} that you may see: check the id.',
    'zh-CN': '不存在您可查看的任务 {taskId}：请核对编号。',
  },
  BATON_E_RECORD_NOT_FOUND: {
    status: 404,
    en: 'There is no record {recordId} of form "{formKey}": check the id.',
    'zh-CN': '表单“{formKey}”中不存在记录 {recordId}：请核对编号。',
  },
  BATON_E_DATA_INVALID: {
    status: 422,
    en: 'Some entries need fixing: see the message at each field.',
    'zh-CN': '部分内容需要修改：请查看各字段旁的提示。',
  },
  BATON_E_FIELD_NOT_EDITABLE: {
    status: 422,
    en: 'Leave field "{field}" unchanged: it is {access} at this step.',
    'zh-CN': '请勿修改字段“{field}”：它在此环节为{access}。',
  },
  BATON_E_BUSINESS_KEY_TAKEN: {
    status: 409,
    en: 'Flow "{flowKey}" already has instance {instanceId} for business key "{businessKey}": open that one instead.',
    'zh-CN': '流程“{flowKey}”的业务键“{businessKey}”已有实例 {instanceId}：请打开该实例。',
  },
  BATON_E_INITIATOR_NOT_ALLOWED: {
    status: 403,
    en: 'Only HR or an admin may start a flow on behalf of someone else: leave out "initiator".',
    'zh-CN': '只有 HR 或管理员可以代他人发起流程：请去掉“initiator”。',
  },
  BATON_E_INITIATOR_UNKNOWN: {
    status: 422,
    en: 'User "{userId}" is not in the directory: import them first, or check the id.',
    'zh-CN': '通讯录中没有用户“{userId}”：请先导入，或核对编号。',
  },
  BATON_E_RECORD_VERSION_CONFLICT: {
    status: 409,
    en: 'Record {recordId} was changed by someone else (now version {current}, you sent {expected}): reload it and apply your change again.',
    'zh-CN': '记录 {recordId} 已被他人修改（当前版本 {current}，您提交的是 {expected}）：请重新加载后再修改。',
  },
  BATON_E_FORM_NOT_COLLECTION: {
    status: 422,
    en: 'Form "{formKey}" is not a collection: records are kept only for collection forms (set "collection": true).',
    'zh-CN': '表单“{formKey}”不是数据集合：只有集合表单（"collection": true）才保存记录。',
  },
  BATON_E_CANCEL_NOT_ALLOWED: {
    status: 403,
    en: 'Only the initiator, HR or an admin may cancel instance {instanceId}.',
    'zh-CN': '只有发起人、HR 或管理员可以取消流程实例 {instanceId}。',
  },
});
