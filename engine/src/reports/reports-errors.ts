import { defineErrors } from '../errors/error-catalogue.js';

/** Codes of the report compiler: filters, parameters, and measures or dimensions used on the wrong kind of field. */
export const REPORTS_ERRORS = defineErrors({
  BATON_E_REPORT_FILTER_UNSUPPORTED: {
    status: 400,
    en: 'The filter operation "{op}" cannot run in a report: use ==, !=, <, <=, >, >= (three operands for between), in (with a list), and, or, !.',
    'zh-CN': '报表筛选不支持运算 "{op}"：请使用 ==、!=、<、<=、>、>=（三个操作数表示区间）、in（配合列表）、and、or、!。',
  },
  BATON_E_REPORT_FILTER_SHAPE: {
    status: 400,
    en: 'This filter is not understood: {detail}.',
    'zh-CN': '无法理解此筛选条件：{detailZh}。',
  },
  BATON_E_REPORT_FILTER_TYPE: {
    status: 400,
    en: 'The field "{field}" holds {type} values: compare it with {type} values, not {value}.',
    'zh-CN': '字段 "{field}" 的取值类型为 {type}：请用同类型的值比较，而不是 {value}。',
  },
  BATON_E_REPORT_FIELD_TOO_DEEP: {
    status: 400,
    en: '"{field}" follows a person into the directory more than once: read one attribute of a person field (e.g. "employeeId.department").',
    'zh-CN': '"{field}" 在通讯录中多次跳转：请只读取人员字段的一个属性（如 "employeeId.department"）。',
  },
  BATON_E_REPORT_SUB_TABLE_NEEDS_ROWS: {
    status: 400,
    en: '"{field}" reads a column of the sub-table "{table}", which holds many rows: set dataset.rows to "{table}" to report per row.',
    'zh-CN': '"{field}" 读取子表 "{table}" 的列，而子表有多行：请将 dataset.rows 设为 "{table}" 以按行统计。',
  },
  BATON_E_REPORT_PARAM_UNKNOWN: {
    status: 400,
    en: 'This report has no parameter "{key}": send only {known}.',
    'zh-CN': '此报表没有参数 "{key}"：请只发送 {known}。',
  },
  BATON_E_REPORT_PARAM_REQUIRED: {
    status: 400,
    en: 'The parameter "{key}" is required: give it a value.',
    'zh-CN': '参数 "{key}" 为必填：请提供取值。',
  },
  BATON_E_REPORT_PARAM_TYPE: {
    status: 400,
    en: 'The parameter "{key}" needs {needed}.',
    'zh-CN': '参数 "{key}" 需要{neededZh}。',
  },
  BATON_E_REPORT_DATE_RANGE: {
    status: 400,
    en: 'The end date {to} is before the start date {from} ("{field}"): choose an end on or after the start.',
    'zh-CN': '截止日期 {to} 早于起始日期 {from}（"{field}"）：请选择不早于起始日期的截止日期。',
  },
  BATON_E_REPORT_PARAM_OPTION: {
    status: 400,
    en: 'The parameter "{key}" does not offer "{value}": pick one of {known}.',
    'zh-CN': '参数 "{key}" 没有选项 "{value}"：请从 {known} 中选择。',
  },
  BATON_E_REPORT_MEASURE_FIELD_TYPE: {
    status: 400,
    en: 'The measure "{key}" ({op}) needs a number field, but "{field}" holds {type} values: pick a number or money field, or use count / distinct-count.',
    'zh-CN': '度量 "{key}"（{op}）需要数值字段，但 "{field}" 的取值类型为 {type}：请选择数值或金额字段，或改用计数/去重计数。',
  },
  BATON_E_REPORT_DIMENSION_FIELD_TYPE: {
    status: 400,
    en: 'The {kind} dimension "{key}" needs {needed}, but "{field}" holds {type} values: pick another field.',
    'zh-CN': '{kindZh}维度 "{key}" 需要{neededZh}，但 "{field}" 的取值类型为 {type}：请选择其他字段。',
  },
  BATON_E_REPORT_WORDS_MEASURE: {
    status: 400,
    en: 'A report split into words can only count rows: change the measure "{key}" to op "count", or move it to another report.',
    'zh-CN': '按词拆分的报表只能统计行数：请将度量 "{key}" 改为 count，或移到另一个报表。',
  },
  BATON_E_REPORT_WORDS_TWICE: {
    status: 400,
    en: 'A report can split one field into words, not two: remove the dimension "{key}".',
    'zh-CN': '一个报表只能对一个字段分词：请删除维度 "{key}"。',
  },
  BATON_E_REPORT_INSTANT_FIELD_TYPE: {
    status: 400,
    en: 'The measure "{key}" measures time from or to "{field}", which holds {type} values: pick a date or date-time field.',
    'zh-CN': '度量 "{key}" 以 "{field}" 为起止时间，但它的取值类型为 {type}：请选择日期或日期时间字段。',
  },
  BATON_E_REPORT_DURATION_DATASET: {
    status: 400,
    en: 'The measure "{key}" reads events of an instance, but {source} rows belong to no instance: use a field instant, or report on flow instances.',
    'zh-CN': '度量 "{key}" 读取流程实例的事件，但 {source} 的行不属于任何实例：请改用字段时间点，或基于流程实例统计。',
  },
  BATON_E_REPORT_DATE_TWICE: {
    status: 400,
    en: 'A report with a headcount measure needs exactly one date dimension for its periods: remove the date dimension "{key}".',
    'zh-CN': '含在职人数度量的报表只能有一个日期维度作为统计区间：请删除日期维度 "{key}"。',
  },
  BATON_E_REPORT_HEADCOUNT_DIMENSION: {
    status: 400,
    en: 'Headcount cannot be split by "{key}": the directory does not know it. Use dimensions on the person (department, position, tenure, "employeeId.<attribute>"), or move the headcount to another report.',
    'zh-CN': '在职人数无法按 "{key}" 拆分：通讯录中没有该信息。请使用人员相关维度（部门、职位、司龄、"employeeId.<属性>"），或把在职人数移到另一个报表。',
  },
  BATON_E_REPORT_DIMENSION_VALUE_UNKNOWN: {
    status: 400,
    en: 'This report has no dimension "{key}": send values for {known}.',
    'zh-CN': '此报表没有维度 "{key}"：请为 {known} 提供取值。',
  },
  BATON_E_REPORT_DIMENSION_VALUE_TYPE: {
    status: 400,
    en: 'The value for dimension "{key}" must be {needed}.',
    'zh-CN': '维度 "{key}" 的取值必须是{neededZh}。',
  },
  BATON_E_REPORT_TOP_N_MEASURE: {
    status: 400,
    en: 'Top N ranks values by a measure the query aggregates, and "{key}" is none: name one of {known} in "by" (ratios and headcount are computed after the query).',
    'zh-CN': '前 N 项需按查询中聚合的度量排名，而 "{key}" 不是：请在 "by" 中指定 {known} 之一（比率和在职人数在查询之后计算）。',
  },
  BATON_E_REPORT_TOP_N_WORDS: {
    status: 400,
    en: 'A report split into words keeps its most frequent words with the words dimension\'s "top": remove "topN" from the dimension "{key}".',
    'zh-CN': '按词拆分的报表由分词维度的 "top" 保留高频词：请删除维度 "{key}" 的 "topN"。',
  },
  BATON_E_REPORT_DRILL_OTHER: {
    status: 400,
    en: '"Other" of the dimension "{key}" groups every value outside its top {n}: drill into one of the values shown, or raise topN.n to show more of them.',
    'zh-CN': '维度 "{key}" 的“其他”汇总了前 {n} 项以外的所有取值：请下钻到已显示的某个取值，或调大 topN.n 以显示更多取值。',
  },
  BATON_E_REPORT_TIME_ZONE: {
    status: 400,
    en: 'The time zone "{timeZone}" is not known: use an IANA name such as "Asia/Shanghai".',
    'zh-CN': '时区 "{timeZone}" 无法识别：请使用 IANA 名称，如 "Asia/Shanghai"。',
  },
});
