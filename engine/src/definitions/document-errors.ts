import { defineErrors } from '../errors/error-catalogue.js';

export const DOCUMENT_ERRORS = defineErrors({
  BATON_E_DOCUMENT_BAD_PLACEHOLDER: {
    status: 400,
    en: 'The placeholder "{placeholder}" is malformed: write {{field}} or {{field | filter}}, and close every "{{" with "}}".',
    'zh-CN': '占位符 "{placeholder}" 格式错误：请写成 {{字段}} 或 {{字段 | 过滤器}}，并确保每个 "{{" 都有 "}}" 闭合。',
  },
  BATON_E_DOCUMENT_UNKNOWN_FIELD: {
    status: 400,
    en: 'The placeholder names "{field}", which the form "{form}" does not have: use one of its fields.',
    'zh-CN': '占位符引用了 "{field}"，但表单 "{form}" 中没有该字段：请使用该表单中的字段。',
  },
  BATON_E_DOCUMENT_UNKNOWN_COLUMN: {
    status: 400,
    en: 'The sub-table "{field}" has no column "{column}": use one of its columns, or "$parent.<field>" for a field of the whole form.',
    'zh-CN': '子表 "{field}" 中没有列 "{column}"：请使用它的列，或用 "$parent.<字段>" 引用整张表单的字段。',
  },
  BATON_E_DOCUMENT_UNKNOWN_VARIABLE: {
    status: 400,
    en: 'There is no variable "{name}": use one of {known}.',
    'zh-CN': '不存在变量 "{name}"：请使用 {known} 之一。',
  },
  BATON_E_DOCUMENT_UNKNOWN_FILTER: {
    status: 400,
    en: 'There is no placeholder filter "{filter}": use one of {known}.',
    'zh-CN': '不存在占位符过滤器 "{filter}"：请使用 {known} 之一。',
  },
  BATON_E_DOCUMENT_UNKNOWN_NODE: {
    status: 400,
    en: 'The flow "{flow}" has no node "{node}": a confirmation reads the tasks of one of its nodes.',
    'zh-CN': '流程 "{flow}" 中没有节点 "{node}"：确认信息取自该流程某个节点的任务。',
  },
  BATON_E_DOCUMENT_VALUE_SHADOWS_FIELD: {
    status: 400,
    en: 'The value "{name}" has the name of a field of the form "{form}": rename it, so {{$values.{name}}} and {{{name}}} cannot be confused.',
    'zh-CN': '计算值 "{name}" 与表单 "{form}" 的字段同名：请改名，以免 {{$values.{name}}} 与 {{{name}}} 混淆。',
  },
  BATON_E_DOCUMENT_ROWS_NOT_SUB_TABLE: {
    status: 400,
    en: '"{field}" is not a sub-table of the form "{form}": a table block lists the rows of a sub-table field.',
    'zh-CN': '"{field}" 不是表单 "{form}" 的子表：表格块只能列出子表字段的各行。',
  },
});
