import { defineErrors } from '../errors/error-catalogue.js';

/**
 * One code per JSON Schema keyword, so a client can react to "missing property" differently from "wrong type".
 * Params come from the Ajv error; `*Zh` params carry the Chinese wording of an English word (type names).
 * Counts agree with their noun through plural blocks (`{limit, plural, one {…} other {…}}`, i18n/plural-select.ts).
 */
export const SCHEMA_ERRORS = defineErrors({
  BATON_E_SCHEMA_REQUIRED: {
    status: 400,
    en: 'Add the required property "{property}".',
    'zh-CN': '请添加必填属性 "{property}"。',
  },
  BATON_E_SCHEMA_TYPE: {
    status: 400,
    en: 'Change this value to {type}.',
    'zh-CN': '请将此值改为{typeZh}。',
  },
  BATON_E_SCHEMA_ENUM: {
    status: 400,
    en: 'Change this value to one of: {allowed}.',
    'zh-CN': '请将此值改为以下之一：{allowed}。',
  },
  BATON_E_SCHEMA_CONST: {
    status: 400,
    en: 'Change this value to {allowed}.',
    'zh-CN': '请将此值改为 {allowed}。',
  },
  BATON_E_SCHEMA_ADDITIONAL_PROPERTIES: {
    status: 400,
    en: 'Remove the property "{property}": it is not allowed here (check its spelling).',
    'zh-CN': '请删除属性 "{property}"：此处不允许该属性（请检查拼写）。',
  },
  BATON_E_SCHEMA_UNEVALUATED_PROPERTIES: {
    status: 400,
    en: 'Remove the property "{property}": it is not allowed here (check its spelling).',
    'zh-CN': '请删除属性 "{property}"：此处不允许该属性（请检查拼写）。',
  },
  BATON_E_SCHEMA_UNEVALUATED_ITEMS: {
    status: 400,
    en: 'Remove the extra items: at most {limit, plural, one {# item is} other {# items are}} allowed here.',
    'zh-CN': '请删除多余的项：此处最多允许 {limit} 项。',
  },
  BATON_E_SCHEMA_ADDITIONAL_ITEMS: {
    status: 400,
    en: 'Remove the extra items: at most {limit, plural, one {# item is} other {# items are}} allowed here.',
    'zh-CN': '请删除多余的项：此处最多允许 {limit} 项。',
  },
  BATON_E_SCHEMA_MINIMUM: {
    status: 400,
    en: 'Change this number to {limit} or more.',
    'zh-CN': '请将此数字改为不小于 {limit}。',
  },
  BATON_E_SCHEMA_MAXIMUM: {
    status: 400,
    en: 'Change this number to {limit} or less.',
    'zh-CN': '请将此数字改为不大于 {limit}。',
  },
  BATON_E_SCHEMA_EXCLUSIVE_MINIMUM: {
    status: 400,
    en: 'Change this number to more than {limit}.',
    'zh-CN': '请将此数字改为大于 {limit}。',
  },
  BATON_E_SCHEMA_EXCLUSIVE_MAXIMUM: {
    status: 400,
    en: 'Change this number to less than {limit}.',
    'zh-CN': '请将此数字改为小于 {limit}。',
  },
  BATON_E_SCHEMA_MULTIPLE_OF: {
    status: 400,
    en: 'Change this number to a multiple of {limit}.',
    'zh-CN': '请将此数字改为 {limit} 的倍数。',
  },
  BATON_E_SCHEMA_MIN_LENGTH: {
    status: 400,
    en: 'Make this text at least {limit, plural, one {# character} other {# characters}} long.',
    'zh-CN': '请将此文本加长到至少 {limit} 个字符。',
  },
  BATON_E_SCHEMA_MAX_LENGTH: {
    status: 400,
    en: 'Shorten this text to at most {limit, plural, one {# character} other {# characters}}.',
    'zh-CN': '请将此文本缩短到最多 {limit} 个字符。',
  },
  BATON_E_SCHEMA_PATTERN: {
    status: 400,
    en: 'Change this text so that it matches the pattern {pattern}.',
    'zh-CN': '请修改此文本，使其符合格式 {pattern}。',
  },
  BATON_E_SCHEMA_FORMAT: {
    status: 400,
    en: 'Change this text to a valid {format}.',
    'zh-CN': '请将此文本改为有效的 {format} 格式。',
  },
  BATON_E_SCHEMA_MIN_ITEMS: {
    status: 400,
    en: 'Add items: at least {limit, plural, one {# item is} other {# items are}} needed.',
    'zh-CN': '请添加项目：至少需要 {limit} 项。',
  },
  BATON_E_SCHEMA_MAX_ITEMS: {
    status: 400,
    en: 'Remove items: at most {limit, plural, one {# item is} other {# items are}} allowed.',
    'zh-CN': '请删除项目：最多允许 {limit} 项。',
  },
  BATON_E_SCHEMA_UNIQUE_ITEMS: {
    status: 400,
    en: 'Remove the duplicate: items {i} and {j} are identical.',
    'zh-CN': '请删除重复项：第 {i} 项与第 {j} 项相同。',
  },
  BATON_E_SCHEMA_MIN_PROPERTIES: {
    status: 400,
    en: 'Add properties: at least {limit, plural, one {# property is} other {# properties are}} needed.',
    'zh-CN': '请添加属性：至少需要 {limit} 个。',
  },
  BATON_E_SCHEMA_MAX_PROPERTIES: {
    status: 400,
    en: 'Remove properties: at most {limit, plural, one {# property is} other {# properties are}} allowed.',
    'zh-CN': '请删除属性：最多允许 {limit} 个。',
  },
  BATON_E_SCHEMA_DEPENDENT_REQUIRED: {
    status: 400,
    en: 'Add the property "{property}": it is required when "{dependency}" is present.',
    'zh-CN': '请添加属性 "{property}"：存在 "{dependency}" 时它是必填的。',
  },
  BATON_E_SCHEMA_PROPERTY_NAMES: {
    status: 400,
    en: 'Rename the property "{property}": its name is not allowed here.',
    'zh-CN': '请重命名属性 "{property}"：此处不允许该名称。',
  },
  BATON_E_SCHEMA_CONTAINS: {
    status: 400,
    en: 'Add an item of the expected shape: at least {limit, plural, one {# such item is} other {# such items are}} needed.',
    'zh-CN': '请添加符合要求的项：至少需要 {limit} 项。',
  },
  BATON_E_SCHEMA_ONE_OF: {
    status: 400,
    en: 'Change this value so that it matches exactly one of the allowed shapes.',
    'zh-CN': '请修改此值，使其恰好符合一种允许的结构。',
  },
  BATON_E_SCHEMA_ANY_OF: {
    status: 400,
    en: 'Change this value so that it matches one of the allowed shapes.',
    'zh-CN': '请修改此值，使其符合一种允许的结构。',
  },
  BATON_E_SCHEMA_NOT: {
    status: 400,
    en: 'Change this value: this shape is not allowed here.',
    'zh-CN': '请修改此值：此处不允许这种结构。',
  },
  BATON_E_SCHEMA_FALSE_SCHEMA: {
    status: 400,
    en: 'Remove this value: nothing is allowed here.',
    'zh-CN': '请删除此值：此处不允许任何值。',
  },
  BATON_E_SCHEMA_DISCRIMINATOR: {
    status: 400,
    en: 'Set "{tag}" to one of: {allowed}.',
    'zh-CN': '请将 "{tag}" 设为以下之一：{allowed}。',
  },
  BATON_E_SCHEMA_INVALID: {
    status: 400,
    en: 'Fix this value: it {detailEn}.',
    'zh-CN': '请修正此值：{detailZh}。',
  },
  BATON_E_SCHEMA_UNCOMPILABLE: {
    status: 500,
    en: 'The JSON Schema used here cannot be compiled ({reason}): fix the schema.',
    'zh-CN': '此处使用的 JSON Schema 无法编译（{reason}）：请修正该 Schema。',
  },
});
