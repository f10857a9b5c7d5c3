/**
 * Definition properties as an analyst calls them. `a` is the English noun with its article, for
 * "Step 6 needs a name". A property not listed reads as its quoted name (‘retryAfter’), which is still
 * what the JSON says; `item.prop` entries win over plain `prop` where the item changes the meaning.
 */
export interface Noun {
  en: string;
  a: string;
  zh: string;
}

const n = (en: string, a: string, zh: string): Noun => ({ en, a, zh });

const NOUNS: Record<string, Noun> = {
  name: n('name', 'a name', '名称'),
  title: n('title', 'a title', '标题'),
  label: n('label', 'a label', '标签'),
  description: n('description', 'a description', '说明'),
  placeholder: n('placeholder', 'a placeholder', '占位提示'),
  key: n('key', 'a key', '标识'),
  id: n('id', 'an id', 'ID'),
  type: n('type', 'a type', '类型'),
  kind: n('kind', 'a kind', '类别'),
  version: n('version number', 'a version number', '版本号'),
  config: n('settings', 'settings', '设置'),
  params: n('parameters', 'parameters', '参数'),
  form: n('form', 'a form', '表单'),
  flow: n('flow', 'a flow', '流程'),
  sla: n('deadline', 'a deadline', '时限'),
  duration: n('duration', 'a duration', '时长'),
  amount: n('amount', 'an amount', '数量'),
  unit: n('unit', 'a unit', '单位'),
  assignees: n('assignees', 'assignees', '处理人'),
  condition: n('condition', 'a condition', '条件'),
  when: n('condition', 'a condition', '条件'),
  assert: n('check', 'a check', '校验表达式'),
  message: n('message', 'a message', '提示信息'),
  path: n('target field', 'a target field', '目标字段'),
  default: n('default value', 'a default value', '默认值'),
  required: n('“required” setting', 'a “required” setting', '必填设置'),
  readOnly: n('“read-only” setting', 'a “read-only” setting', '只读设置'),
  visibleIf: n('visibility condition', 'a visibility condition', '显示条件'),
  requiredIf: n('required-when condition', 'a required-when condition', '必填条件'),
  computed: n('formula', 'a formula', '计算公式'),
  options: n('options', 'options', '选项'),
  fields: n('fields', 'fields', '字段'),
  'field.fields': n('columns', 'columns', '列'),
  'column.fields': n('columns', 'columns', '列'),
  'section.fields': n('fields', 'fields', '字段'),
  nodes: n('steps', 'steps', '步骤'),
  edges: n('connections', 'connections', '连线'),
  actions: n('actions', 'actions', '动作'),
  trigger: n('trigger', 'a trigger', '触发器'),
  sections: n('sections', 'sections', '分区'),
  validations: n('validation rules', 'validation rules', '校验规则'),
  from: n('start step', 'a start step', '起始步骤'),
  to: n('end step', 'an end step', '目标步骤'),
  port: n('outcome', 'an outcome', '出口'),
  position: n('position', 'a position', '位置'),
  readers: n('readers', 'readers', '可查看者'),
  writers: n('editors', 'editors', '可编辑者'),
  viewers: n('viewers', 'viewers', '可查看者'),
  subject: n('subject field', 'a subject field', '主体字段'),
  timeZone: n('time zone', 'a time zone', '时区'),
  tags: n('tags', 'tags', '标签'),
  enabled: n('“enabled” switch', 'an “enabled” switch', '启用开关'),
  scope: n('scope', 'a scope', '范围'),
  vars: n('variables', 'variables', '变量'),
  forEach: n('“for each” list', 'a “for each” list', '循环列表'),
  measures: n('measures', 'measures', '度量'),
  dimensions: n('dimensions', 'dimensions', '维度'),
  filters: n('filters', 'filters', '筛选条件'),
  parameters: n('parameters', 'parameters', '参数'),
  dataset: n('data set', 'a data set', '数据集'),
  limit: n('row limit', 'a row limit', '行数上限'),
  sort: n('sort order', 'a sort order', '排序'),
  access: n('access settings', 'access settings', '访问设置'),
  field: n('field', 'a field', '字段'),
  secrets: n('secrets', 'secrets', '密钥'),
  url: n('address', 'an address', '地址'),
  definitions: n('definitions', 'definitions', '定义'),
  roles: n('roles', 'roles', '角色'),
  locales: n('languages', 'languages', '语言'),
  fileName: n('file name', 'a file name', '文件名'),
  escalate: n('escalation', 'an escalation', '升级处理'),
  action: n('action', 'an action', '动作'),
  level: n('level', 'a level', '层级'),
  baseUrl: n('base address', 'a base address', '基础地址'),
  role: n('role', 'a role', '角色'),
  op: n('operation', 'an operation', '运算'),
  value: n('value', 'a value', '值'),
  due: n('due time', 'a due time', '到期时间'),
};

/** The noun of property `prop` of an item of kind `itemKind`, or a quoted fallback. */
export function nounOf(prop: string, itemKind: string): Noun {
  const known = NOUNS[`${itemKind}.${prop}`] ?? (Object.hasOwn(NOUNS, prop) ? NOUNS[prop] : undefined);
  return known ?? { en: `‘${prop}’`, a: `a value for ‘${prop}’`, zh: `“${prop}”` };
}

/** Properties holding a label (LocalizedText): for these, an empty `{}` means "no text in any language". */
export const LABEL_PROPS: ReadonlySet<string> = new Set(['name', 'title', 'label', 'description', 'placeholder', 'message', 'help']);
