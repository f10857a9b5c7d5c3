import { defineErrors } from '../errors/error-catalogue.js';

/**
 * Codes for expressions. The English messages about argument shapes start with "Invalid arguments" on
 * purpose: it is the error type the JsonLogic conformance suites name, so a compile-time rejection reads
 * the same as the runtime error other engines raise.
 */
export const EXPRESSION_ERRORS = defineErrors({
  BATON_E_EXPR_INVALID: {
    status: 400,
    en: 'The expression is not valid ({count, plural, one {# problem} other {# problems}}). First: {first}',
    'zh-CN': '表达式无效（{count} 个问题）。第一个：{first}',
  },
  BATON_E_EXPR_UNKNOWN_OPERATOR: {
    status: 400,
    en: 'Unknown operator "{operator}": use one of the operators listed in engine/docs/expressions.md, or register it through options.operations.',
    'zh-CN': '未知的运算符 "{operator}"：请使用 engine/docs/expressions.md 中列出的运算符，或通过 options.operations 注册它。',
  },
  BATON_E_EXPR_NOT_AN_OPERATION: {
    status: 400,
    en: 'Invalid arguments: an object inside an expression must have exactly one key, the operator name (found {count}). Wrap a literal object in "preserve".',
    'zh-CN': '参数无效：表达式中的对象必须只有一个键，即运算符名（实际有 {count} 个）。字面量对象请用 "preserve" 包裹。',
  },
  BATON_E_EXPR_ARGS_NOT_ARRAY: {
    status: 400,
    en: 'Invalid arguments to "{operator}": write its arguments as a literal array, e.g. "{operator}": [ ... ].',
    'zh-CN': '"{operator}" 的参数无效：请把参数写成字面量数组，例如 "{operator}": [ ... ]。',
  },
  BATON_E_EXPR_ARG_COUNT: {
    status: 400,
    en: 'Invalid arguments to "{operator}": give it {expected} argument(s), not {actual}.',
    'zh-CN': '"{operator}" 的参数无效：需要 {expected} 个参数，实际为 {actual} 个。',
  },
  BATON_E_EXPR_ARG_NULL: {
    status: 400,
    en: 'Invalid arguments to "{operator}": argument {index} must not be null; give it an array (or an expression) and an expression.',
    'zh-CN': '"{operator}" 的参数无效：第 {index} 个参数不能为 null，请提供数组（或表达式）和表达式。',
  },
  BATON_E_EXPR_OPERATION_CONFLICT: {
    status: 400,
    en: 'The operation "{operator}" is built into JsonLogic and cannot be replaced: give your operation another name (prefix it with your vendor name).',
    'zh-CN': '运算 "{operator}" 是 JsonLogic 内置运算，不能替换：请给你的运算换个名字（建议加厂商前缀）。',
  },
  BATON_E_EXPR_EVALUATION: {
    status: 422,
    en: 'The expression failed while evaluating ({type}): {detail}. Check the data it reads, or guard the step with "try".',
    'zh-CN': '表达式求值失败（{type}）：{detail}。请检查它读取的数据，或用 "try" 保护这一步。',
  },
});
