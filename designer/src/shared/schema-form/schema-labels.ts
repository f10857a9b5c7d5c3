import { defineMessages } from '../../app/i18n/messages.js';

/**
 * Labels for the property names registry schemas use (they carry names, not titles), so generated panels
 * read in the user's language. Names not listed here show as they are.
 */
export const schemaLabelMessages = defineMessages({
  en: {
    maxFiles: 'Most files', maxSize: 'Largest file (bytes)', accept: 'Accepted types', switch: 'Show as a switch', resultType: 'Result type',
    min: 'Smallest', max: 'Largest', root: 'Top department', minLength: 'Shortest (characters)', maxLength: 'Longest (characters)', rows: 'Rows',
    currency: 'Currency', scale: 'Decimals', allowNegative: 'Negative allowed', options: 'Options', value: 'Value', label: 'Label',
    minSelected: 'Choose at least', maxSelected: 'Choose at most', minimum: 'Minimum', maximum: 'Maximum', integer: 'Whole numbers only',
    unit: 'Unit', form: 'Form', multiple: 'Several allowed', displayField: 'Field shown', radio: 'Show as radio buttons', minRows: 'Fewest rows',
    maxRows: 'Most rows', pattern: 'Pattern (regular expression)', format: 'Format', departments: 'Departments', roles: 'Roles', effects: 'Effects',
    type: 'Type', to: 'To', role: 'Role', path: 'Field', user: 'User', level: 'Level', department: 'Department', title: 'Title', body: 'Message',
    channels: 'Channels', connector: 'Connector', action: 'Action', params: 'Parameters', set: 'Set', document: 'Document', data: 'Data',
    mode: 'Approval mode', quorum: 'Quorum', count: 'Count', percent: 'Percent', onReject: 'On rejection', whenEmpty: 'When nobody is found',
    actions: 'Actions offered', status: 'Status', terminate: 'End the whole flow', flow: 'Flow', input: 'Input', output: 'Output', wait: 'Wait for it',
    gate: 'Can be completed only when', duration: 'Duration', amount: 'Amount', date: 'Date', offset: 'Offset', time: 'Time', field: 'Field',
    param: 'Pack parameter', negate: 'Negate', default: 'Default', at: 'At', timeZone: 'Time zone', late: 'If already past', nodeId: 'Node',
    fields: 'Fields', cron: 'Schedule (cron)', workdaysOnly: 'Working days only', description: 'Description', due: 'Due', after: 'After',
    values: 'Values', target: 'Target record', recordId: 'Record id', businessKey: 'Business key',
    allowPeopleWhoLeft: 'People who have left may be chosen',
  },
  'zh-CN': {
    maxFiles: '最多文件数', maxSize: '单个文件上限（字节）', accept: '允许的类型', switch: '显示为开关', resultType: '结果类型',
    min: '最小', max: '最大', root: '顶级部门', minLength: '最少字符', maxLength: '最多字符', rows: '行数',
    currency: '币种', scale: '小数位', allowNegative: '允许负数', options: '选项', value: '值', label: '名称',
    minSelected: '至少选择', maxSelected: '最多选择', minimum: '最小值', maximum: '最大值', integer: '仅整数',
    unit: '单位', form: '表单', multiple: '允许多个', displayField: '显示字段', radio: '显示为单选按钮', minRows: '最少行数',
    maxRows: '最多行数', pattern: '格式（正则表达式）', format: '格式', departments: '部门', roles: '角色', effects: '效果',
    type: '类型', to: '接收人', role: '角色', path: '字段', user: '用户', level: '层级', department: '部门', title: '标题', body: '内容',
    channels: '渠道', connector: '连接器', action: '操作', params: '参数', set: '设置', document: '文档', data: '数据',
    mode: '审批方式', quorum: '通过人数', count: '人数', percent: '百分比', onReject: '驳回时', whenEmpty: '找不到处理人时',
    actions: '可用操作', status: '状态', terminate: '结束整个流程', flow: '流程', input: '输入', output: '输出', wait: '等待其完成',
    gate: '满足以下条件才能完成', duration: '时长', amount: '数量', date: '日期', offset: '偏移', time: '时间', field: '字段',
    param: '模板包参数', negate: '取反', default: '默认值', at: '时间点', timeZone: '时区', late: '如已过时', nodeId: '节点',
    fields: '字段', cron: '计划（cron）', workdaysOnly: '仅工作日', description: '说明', due: '期限', after: '之后',
    values: '值', target: '目标记录', recordId: '记录 ID', businessKey: '业务编号',
    allowPeopleWhoLeft: '允许选择已离职人员',
  },
});
