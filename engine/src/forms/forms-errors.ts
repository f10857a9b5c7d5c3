import { defineErrors } from '../errors/error-catalogue.js';

/** Codes raised while compiling or checking a form definition, and while validating submitted data. */
export const FORMS_ERRORS = defineErrors({
  // --- definition problems (compileForm throws, checkFormDefinition reports) ---
  BATON_E_FORM_UNKNOWN_FIELD_TYPE: {
    status: 400,
    en: 'Field "{field}" has the unknown type "{type}": use a registered field type ({known}) or install the plugin that provides it.',
    'zh-CN': '字段 "{field}" 的类型 "{type}" 未注册：请改用已注册的字段类型（{known}），或安装提供该类型的插件。',
  },
  BATON_E_FORM_DUPLICATE_FIELD: {
    status: 400,
    en: 'The field key "{field}" is used twice{scope}: give each field its own key.',
    'zh-CN': '字段标识 "{field}" 重复使用{scopeZh}：请为每个字段设置唯一的标识。',
  },
  BATON_E_FORM_COLUMNS_NOT_ALLOWED: {
    status: 400,
    en: 'Field "{field}" has columns but is of type "{type}": remove "fields", or change its type to "sub-table".',
    'zh-CN': '字段 "{field}" 的类型是 "{type}"，却定义了列：请删除 "fields"，或将类型改为 "sub-table"。',
  },
  BATON_E_FORM_SUBTABLE_NEEDS_COLUMNS: {
    status: 400,
    en: 'Sub-table "{field}" has no columns: add its columns under "fields".',
    'zh-CN': '明细表 "{field}" 没有列：请在 "fields" 中添加列。',
  },
  BATON_E_FORM_NESTED_SUBTABLE: {
    status: 400,
    en: 'Column "{field}" is a sub-table inside a sub-table: sub-tables cannot nest; use a relation to a collection form instead.',
    'zh-CN': '列 "{field}" 是嵌套在明细表中的明细表：明细表不能嵌套，请改用关联到数据表的关联字段。',
  },
  BATON_E_FORM_COMPUTED_MISSING: {
    status: 400,
    en: 'Field "{field}" is of type "computed" but has no "computed" expression: add one.',
    'zh-CN': '字段 "{field}" 是计算字段，但没有 "computed" 表达式：请添加表达式。',
  },
  BATON_E_FORM_PATTERN_HINT_WITHOUT_PATTERN: {
    status: 400,
    en: 'Field "{field}" has a pattern hint but no pattern: add the pattern it describes, or remove the hint.',
    'zh-CN': '字段 "{field}" 设置了格式说明，却没有格式（正则表达式）：请添加它所说明的格式，或删除格式说明。',
  },
  BATON_E_FORM_VALUE_SCHEMA_UNSUPPORTED: {
    status: 400,
    en: 'Field "{field}" cannot be used: the value schema of its type "{type}" is not supported ({reason}). The field type plugin must keep to the JSON Schema keywords listed in engine/docs/forms.md.',
    'zh-CN': '字段 "{field}" 无法使用：其类型 "{type}" 的值 Schema 不受支持（{reason}）。字段类型插件只能使用 engine/docs/forms.md 中列出的 JSON Schema 关键字。',
  },
  BATON_E_FORM_BAD_EXPRESSION: {
    status: 400,
    en: 'The expression in "{where}" cannot be compiled ({reason}): fix the JsonLogic.',
    'zh-CN': '"{where}" 中的表达式无法编译（{reason}）：请修正该 JsonLogic 表达式。',
  },
  BATON_E_FORM_UNKNOWN_FIELD_REF: {
    status: 400,
    en: 'The expression in "{where}" reads "{variable}", which is not a field of this form{scope}: use one of {known}.',
    'zh-CN': '"{where}" 中的表达式读取了 "{variable}"，但该表单{scopeZh}没有这个字段：请改用 {known} 之一。',
  },
  BATON_E_FORM_COMPUTED_CYCLE: {
    status: 400,
    en: 'Computed fields depend on each other in a circle ({cycle}): remove one of these dependencies.',
    'zh-CN': '计算字段之间存在循环依赖（{cycle}）：请去掉其中一个依赖。',
  },
  BATON_E_FORM_SECTION_UNKNOWN_FIELD: {
    status: 400,
    en: 'Section "{section}" lists "{field}", which is not a top-level field of this form: remove it or add the field.',
    'zh-CN': '分组 "{section}" 中列出的 "{field}" 不是本表单的顶层字段：请删除它，或先添加该字段。',
  },
  BATON_E_FORM_SECTION_DUPLICATE_FIELD: {
    status: 400,
    en: 'Field "{field}" appears in more than one section: keep it in one.',
    'zh-CN': '字段 "{field}" 出现在多个分组中：请只保留在一个分组里。',
  },
  BATON_E_FORM_ACCESS_UNKNOWN_FIELD: {
    status: 400,
    en: 'The access of node "{node}" names "{field}", which is not a field of this form: remove it or fix the key ("table.column" for a sub-table column).',
    'zh-CN': '节点 "{node}" 的字段权限中的 "{field}" 不是本表单的字段：请删除或修正（明细表的列写作 "表.列"）。',
  },
  BATON_E_FORM_RELATION_UNKNOWN_FORM: {
    status: 400,
    en: 'Relation field "{field}" points at the form "{form}", which does not exist: pick an existing collection form.',
    'zh-CN': '关联字段 "{field}" 指向的表单 "{form}" 不存在：请选择一个已存在的数据表。',
  },
  BATON_E_FORM_RELATION_NOT_COLLECTION: {
    status: 400,
    en: 'Relation field "{field}" points at the form "{form}", which is not a collection: set "collection": true on that form or pick another.',
    'zh-CN': '关联字段 "{field}" 指向的表单 "{form}" 不是数据表：请在该表单上设置 "collection": true，或选择其他表单。',
  },
  BATON_E_FORM_RELATION_UNKNOWN_DISPLAY_FIELD: {
    status: 400,
    en: 'Relation field "{field}" shows "{displayField}", which is not a field of the form "{form}": use one of {known}.',
    'zh-CN': '关联字段 "{field}" 的显示字段 "{displayField}" 不是表单 "{form}" 的字段：请改用 {known} 之一。',
  },
  BATON_E_FORM_DEFAULT_NOT_OPTION: {
    status: 400,
    en: 'The default of "{field}" is "{value}", which is not one of its options ({allowed}): pick one of them or add it as an option.',
    'zh-CN': '字段 "{field}" 的默认值 "{value}" 不在选项中（{allowed}）：请改为其中之一，或把它加为选项。',
  },
  BATON_E_FORM_RULE_UNKNOWN_PATH: {
    status: 400,
    en: 'Validation "{rule}" shows its error on "{field}", which is not a field{scope}: point "path" at an existing field.',
    'zh-CN': '校验规则 "{rule}" 的错误显示在 "{field}" 上，但{scopeZh}没有该字段：请将 "path" 指向已存在的字段。',
  },
  BATON_E_FORM_RULE_UNKNOWN_TABLE: {
    status: 400,
    en: 'Validation "{rule}" runs on each row of "{table}", which is not a sub-table of this form: name a sub-table in "each".',
    'zh-CN': '校验规则 "{rule}" 针对 "{table}" 的每一行，但它不是本表单的明细表：请在 "each" 中填写明细表字段。',
  },
  BATON_E_FORM_DUPLICATE_RULE: {
    status: 400,
    en: 'The validation key "{rule}" is used twice: give each validation its own key.',
    'zh-CN': '校验规则标识 "{rule}" 重复使用：请为每条规则设置唯一的标识。',
  },
  BATON_E_FORM_TITLE_FIELD_UNKNOWN: {
    status: 400,
    en: 'titleField "{field}" is not a top-level field of this form: name one of {known}.',
    'zh-CN': 'titleField "{field}" 不是本表单的顶层字段：请改为 {known} 之一。',
  },
  // --- data problems (CompiledForm.validate) ---
  BATON_E_FORM_DATA_NOT_OBJECT: {
    status: 400,
    en: 'The form data must be an object of field values: send an object.',
    'zh-CN': '表单数据必须是由字段值组成的对象：请提交一个对象。',
  },
  BATON_E_FORM_SIGNATURE_REQUIRED: {
    status: 422,
    en: 'Please sign here ({label}).',
    'zh-CN': '请在此签名（{label}）。',
  },
  BATON_E_FORM_REQUIRED: {
    status: 422,
    en: '{label} is required: fill it in.',
    'zh-CN': '请填写{label}：这是必填项。',
  },
  BATON_E_FORM_VALUE_INVALID: {
    status: 422,
    en: '{label}: {detail}',
    'zh-CN': '{label}：{detail}',
  },
  BATON_E_FORM_READONLY_CHANGED: {
    status: 403,
    en: '{label} is read-only at this step, so your change was discarded: leave it unchanged.',
    'zh-CN': '{label}在此环节为只读，您的修改已被丢弃：请勿修改该字段。',
  },
  BATON_E_FORM_ROWS_FIXED: {
    status: 403,
    en: 'Rows of {label} cannot be added or removed at this step (it had {before} rows, {after} were sent): send every row as it was and change only {columns}.',
    'zh-CN': '{label}在此环节不能增加或删除行（原有 {before} 行，提交了 {after} 行）：请保留全部行，只修改{columns}。',
  },
  BATON_E_FORM_HIDDEN_CHANGED: {
    status: 403,
    en: '{label} is not available at this step, so the value sent for it was discarded: do not send it.',
    'zh-CN': '{label}在此环节不可见，提交的值已被丢弃：请勿提交该字段。',
  },
  BATON_E_FORM_RULE_FAILED: {
    status: 422,
    en: '{message}',
    'zh-CN': '{message}',
  },
});
