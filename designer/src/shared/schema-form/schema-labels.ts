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
    param: 'Pack parameter', negate: 'Negate', default: 'Default', at: 'At', timeZone: 'Time zone', late: 'If already past',
    fields: 'Fields', cron: 'Schedule (cron)', workdaysOnly: 'Working days only', description: 'Description', due: 'Due', after: 'After',
    values: 'Values', target: 'Target record', recordId: 'Record id', businessKey: 'Business key',
    allowPeopleWhoLeft: 'People who have left may be chosen',
    assignees: 'Assignees', closeWhenInstanceCompletes: 'Close it when the process ends', nodeId: 'Step',
    choose: '— choose —', chooseSeveral: 'Hold Ctrl (⌘ on a Mac) to choose several.', commaSeparated: 'one value, or several separated by commas',
    enumValue: {
      minutes: 'minutes', hours: 'hours', days: 'days', 'business-hours': 'working hours', 'business-days': 'working days',
      weeks: 'weeks', months: 'months', quarters: 'quarters', years: 'years', day: 'day', week: 'week', month: 'month', quarter: 'quarter', year: 'year',
      single: 'One person decides', all: 'Everyone must approve', any: 'Anyone may decide', sequential: 'One after another', quorum: 'A quorum',
      notify: 'Notify', reassign: 'Hand over', 'auto-approve': 'Approve automatically', 'auto-reject': 'Reject automatically',
      fire: 'Run it now', skip: 'Skip it', approve: 'Approve', reject: 'Reject', completed: 'Completed', rejected: 'Rejected',
      editable: 'Editable', readonly: 'Read only', hidden: 'Hidden', markdown: 'Markdown', text: 'Plain text', actionCard: 'Action card',
      type_integer: 'A number', type_number: 'A number', type_string: 'A value', type_boolean: 'Yes or no', type_object: 'Settings',
      asc: 'Ascending', desc: 'Descending', portrait: 'Portrait', landscape: 'Landscape', deactivate: 'Deactivate', delete: 'Delete',
    },
    rjsf: {
      AddButton: 'Add', AddItemButton: 'Add', CopyButton: 'Copy', MoveDownButton: 'Move down', MoveUpButton: 'Move up', RemoveButton: 'Remove',
      ClearButton: 'Clear', OptionPrefix: 'Choice %1', TitleOptionPrefix: '%1: choice %2', KeyLabel: '%1 key', Type: 'Type', Value: 'Value',
    },
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
    param: '模板包参数', negate: '取反', default: '默认值', at: '时间点', timeZone: '时区', late: '如已过时',
    fields: '字段', cron: '计划（cron）', workdaysOnly: '仅工作日', description: '说明', due: '期限', after: '之后',
    values: '值', target: '目标记录', recordId: '记录 ID', businessKey: '业务编号',
    allowPeopleWhoLeft: '允许选择已离职人员',
    assignees: '处理人', closeWhenInstanceCompletes: '流程结束时关闭此待办', nodeId: '环节',
    choose: '— 请选择 —', chooseSeveral: '按住 Ctrl（Mac 上为 ⌘）可多选。', commaSeparated: '一个值，或以逗号分隔的多个值',
    enumValue: {
      minutes: '分钟', hours: '小时', days: '天', 'business-hours': '工作小时', 'business-days': '工作日',
      weeks: '周', months: '月', quarters: '季度', years: '年', day: '日', week: '周', month: '月', quarter: '季度', year: '年',
      single: '一人审批', all: '全部同意', any: '任一人审批', sequential: '依次审批', quorum: '达到通过人数',
      notify: '通知', reassign: '转交', 'auto-approve': '自动通过', 'auto-reject': '自动驳回',
      fire: '立即执行', skip: '跳过', approve: '同意', reject: '驳回', completed: '已完成', rejected: '已驳回',
      editable: '可编辑', readonly: '只读', hidden: '隐藏', markdown: 'Markdown', text: '纯文本', actionCard: '操作卡片',
      type_integer: '数字', type_number: '数字', type_string: '固定值', type_boolean: '是或否', type_object: '设置',
      asc: '升序', desc: '降序', portrait: '纵向', landscape: '横向', deactivate: '停用', delete: '删除',
    },
    rjsf: {
      AddButton: '添加', AddItemButton: '添加', CopyButton: '复制', MoveDownButton: '下移', MoveUpButton: '上移', RemoveButton: '删除',
      ClearButton: '清除', OptionPrefix: '选项 %1', TitleOptionPrefix: '%1：选项 %2', KeyLabel: '%1 键', Type: '类型', Value: '值',
    },
  },
});
