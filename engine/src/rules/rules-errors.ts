import { defineErrors } from '../errors/error-catalogue.js';

export const RULES_ERRORS = defineErrors({
  BATON_E_RULE_UNKNOWN_TRIGGER: {
    status: 400,
    en: 'Trigger type "{type}" is not registered: pick one of {known}, or install the plugin that provides it.',
    'zh-CN': '触发器类型 "{type}" 未注册：请从 {known} 中选择，或安装提供该类型的插件。',
  },
  BATON_E_RULE_UNKNOWN_ACTION: {
    status: 400,
    en: 'Action type "{type}" is not registered: pick one of {known}, or install the plugin that provides it.',
    'zh-CN': '动作类型 "{type}" 未注册：请从 {known} 中选择，或安装提供该类型的插件。',
  },
  BATON_E_RULE_UNKNOWN_FIELD: {
    status: 400,
    en: 'Field "{field}" does not exist in form "{form}": use one of its fields ({known}) or add the field to the form.',
    'zh-CN': '表单 "{form}" 中没有字段 "{field}"：请改用已有字段（{known}），或先在表单中添加该字段。',
  },
  BATON_E_RULE_FIELD_NOT_DATE: {
    status: 400,
    en: 'Field "{field}" is of type "{type}", but a date-offset trigger needs a date or date-time field: pick a date field.',
    'zh-CN': '字段 "{field}" 的类型是 "{type}"，而日期偏移触发器需要日期或日期时间字段：请选择一个日期字段。',
  },
  BATON_E_RULE_FIELD_WRONG_TYPE: {
    status: 400,
    en: 'Field "{field}" is of type "{type}" but {expected} is needed here: pick a field of that type.',
    'zh-CN': '字段 "{field}" 的类型是 "{type}"，此处需要 {expected} 类型：请选择该类型的字段。',
  },
  BATON_E_RULE_UNKNOWN_PLACEHOLDER: {
    status: 400,
    en: 'Placeholder "{placeholder}" names no field of form "{form}": use a field key (e.g. {example}), a rule variable, or $event / $params / $item.',
    'zh-CN': '占位符 "{placeholder}" 不对应表单 "{form}" 的任何字段：请使用字段键（如 {example}）、规则变量，或 $event / $params / $item。',
  },
  BATON_E_RULE_BAD_EXPRESSION: {
    status: 400,
    en: 'This expression cannot be compiled ({error}): fix the JsonLogic.',
    'zh-CN': '该表达式无法编译（{error}）：请修正 JsonLogic。',
  },
  BATON_E_RULE_BAD_CRON: {
    status: 400,
    en: 'Cron expression "{cron}" is not valid ({error}): write five fields "minute hour day month weekday", e.g. "0 9 * * 1-5".',
    'zh-CN': 'Cron 表达式 "{cron}" 无效（{error}）：请写成五段“分 时 日 月 周”，例如 "0 9 * * 1-5"。',
  },
  BATON_E_RULE_BAD_TIME_ZONE: {
    status: 400,
    en: 'Time zone "{timeZone}" is not known: use an IANA name such as "Asia/Shanghai".',
    'zh-CN': '未知时区 "{timeZone}"：请使用 IANA 时区名，例如 "Asia/Shanghai"。',
  },
  BATON_E_RULE_DUPLICATE_KEY: {
    status: 409,
    en: 'Two rules have the key "{key}": give each rule its own key, or pass only one version of it.',
    'zh-CN': '有两条规则的键都是 "{key}"：请为每条规则使用不同的键，或只传入其中一个版本。',
  },
  BATON_E_RULE_INVALID: {
    status: 400,
    en: 'Rule "{key}" is not valid: fix the listed problems before compiling it.',
    'zh-CN': '规则 "{key}" 无效：请先修正列出的问题再编译。',
  },
  BATON_E_RULE_MISSING_PARAMETER: {
    status: 400,
    en: 'Rule "{rule}" reads pack parameter "{param}", which is not set: set it in the pack parameters or give the reference a default.',
    'zh-CN': '规则 "{rule}" 读取的包参数 "{param}" 未设置：请在包参数中设置它，或为该引用提供默认值。',
  },
  BATON_E_RULE_TASK_NOBODY: {
    status: 422,
    en: 'Rule "{rule}" creates task "{title}", but nobody can take it: its assignees, its fallbackAssignees, the hr role and the admin role have nobody present. Give a present person the hr role in the directory.',
    'zh-CN': '规则 "{rule}" 创建的待办 "{title}" 无人可接：其办理人、备用办理人（fallbackAssignees）、hr 角色和 admin 角色中都没有在职人员。请在通讯录中为一位在职人员设置 hr 角色。',
  },
  BATON_E_RULE_CLEARS_REQUIRED: {
    status: 400,
    en: 'Field "{field}" of form "{form}" is required, so this action cannot clear it (a null value empties a field): set a value instead, or make the field optional in the form.',
    'zh-CN': '表单 "{form}" 的字段 "{field}" 是必填项，此动作不能清空它（值为 null 表示清空字段）：请改为设置一个值，或在表单中把该字段改为选填。',
  },
  BATON_E_RULE_CLEARS_FLOW_DATA: {
    status: 400,
    en: 'Field "{field}" belongs to the data of a running flow, which an action cannot clear (a null value empties a field of a record only): set a value instead, or write to a record (a "target" with "form" and "recordId").',
    'zh-CN': '字段 "{field}" 属于运行中流程的数据，动作不能清空它（值为 null 只清空表单记录的字段）：请改为设置一个值，或写入某条记录（"target" 中给出 "form" 与 "recordId"）。',
  },
});
