import { defineErrors } from '../errors/error-catalogue.js';

export const REPORT_ERRORS = defineErrors({
  BATON_E_REPORT_DUPLICATE_KEY: {
    status: 400,
    en: 'The key "{key}" is used twice among the {what}: give each one its own key.',
    'zh-CN': '{whatZh}中键 "{key}" 重复：请为每一项使用不同的键。',
  },
  BATON_E_REPORT_UNKNOWN_MEASURE: {
    status: 400,
    en: 'There is no measure "{key}" in this report: use one of {known}, or add that measure.',
    'zh-CN': '此报表中没有度量 "{key}"：请使用 {known} 之一，或添加该度量。',
  },
  BATON_E_REPORT_UNKNOWN_DIMENSION: {
    status: 400,
    en: 'There is no dimension "{key}" in this report: use one of {known}, or add that dimension.',
    'zh-CN': '此报表中没有维度 "{key}"：请使用 {known} 之一，或添加该维度。',
  },
  BATON_E_REPORT_UNKNOWN_SORT_KEY: {
    status: 400,
    en: 'Cannot sort by "{key}": name a measure or a dimension of this report ({known}).',
    'zh-CN': '无法按 "{key}" 排序：请指定此报表的度量或维度（{known}）。',
  },
  BATON_E_REPORT_RATIO_CYCLE: {
    status: 400,
    en: 'The ratio "{key}" depends on itself: make its numerator and denominator plain measures.',
    'zh-CN': '比率 "{key}" 依赖于自身：请让分子和分母引用普通度量。',
  },
  BATON_E_REPORT_UNKNOWN_PARAMETER: {
    status: 400,
    en: 'There is no parameter "{key}": add it under "parameters" or use a literal value.',
    'zh-CN': '不存在参数 "{key}"：请在 "parameters" 中添加它，或改用固定值。',
  },
  BATON_E_REPORT_UNKNOWN_FIELD: {
    status: 400,
    en: 'The form "{form}" has no field "{field}": pick one of its fields or a system column ($id, $createdAt, $updatedAt, $createdBy).',
    'zh-CN': '表单 "{form}" 中没有字段 "{field}"：请选择它的字段或系统列（$id、$createdAt、$updatedAt、$createdBy）。',
  },
  BATON_E_REPORT_UNKNOWN_COLUMN: {
    status: 400,
    en: 'The sub-table "{field}" has no column "{column}": pick one of its columns.',
    'zh-CN': '子表 "{field}" 中没有列 "{column}"：请选择它的某一列。',
  },
  BATON_E_REPORT_UNKNOWN_DATASET_COLUMN: {
    status: 400,
    en: 'The {source} dataset has no column "{field}": use one of {known}.',
    'zh-CN': '{source} 数据集中没有列 "{field}"：请使用 {known} 之一。',
  },
  BATON_E_REPORT_ROWS_NOT_SUB_TABLE: {
    status: 400,
    en: '"{field}" is not a sub-table of the form "{form}": name a sub-table field, or remove "rows".',
    'zh-CN': '"{field}" 不是表单 "{form}" 的子表：请指定一个子表字段，或删除 "rows"。',
  },
  BATON_E_REPORT_HEADCOUNT_NEEDS_DATE: {
    status: 400,
    en: 'The headcount measure "{key}" needs a date dimension to know which periods to count: add a dimension of kind "date".',
    'zh-CN': '在职人数度量 "{key}" 需要日期维度来确定统计区间：请添加一个 kind 为 "date" 的维度。',
  },
  BATON_E_REPORT_TENURE_BANDS: {
    status: 400,
    en: 'Tenure bands must have increasing "below" bounds and only the last one may omit it: fix band {index}.',
    'zh-CN': '司龄区间的 "below" 上限必须递增，且只有最后一个区间可以省略：请修改第 {index} 个区间。',
  },
  BATON_E_REPORT_FILTER_VALUE: {
    status: 400,
    en: 'The operator "{op}" needs {needed}: change the value.',
    'zh-CN': '运算符 "{op}" 需要{neededZh}：请修改取值。',
  },
});
