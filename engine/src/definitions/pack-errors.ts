import { defineErrors } from '../errors/error-catalogue.js';

export const PACK_ERRORS = defineErrors({
  BATON_E_PACK_DUPLICATE_DEFINITION: {
    status: 400,
    en: 'The pack lists the {kind} "{key}" twice: keep one entry.',
    'zh-CN': '模板包中 {kind} "{key}" 出现了两次：请只保留一项。',
  },
  BATON_E_PACK_DUPLICATE_KEY: {
    status: 400,
    en: 'The key "{key}" is used twice among the {what}: give each one its own key.',
    'zh-CN': '{whatZh}中键 "{key}" 重复：请为每一项使用不同的键。',
  },
  BATON_E_PACK_ENTRY_MISMATCH: {
    status: 400,
    en: 'The inline definition is a {actualKind} "{actualKey}" but the entry says {kind} "{key}": make them the same.',
    'zh-CN': '内嵌定义是 {actualKind} "{actualKey}"，但条目声明为 {kind} "{key}"：请使两者一致。',
  },
  BATON_E_PACK_UNRESOLVED_REFERENCE: {
    status: 400,
    en: 'The {kind} "{key}" is referred to here but is neither in the pack nor installed: add it to "definitions" or fix the key.',
    'zh-CN': '此处引用了 {kind} "{key}"，但它既不在模板包中也未安装：请将其加入 "definitions"，或修正键名。',
  },
  BATON_E_PACK_ENGINE_MISMATCH: {
    status: 400,
    en: 'The pack needs engine {wanted} but this engine is {engine}: change "engine" or use a matching Baton version.',
    'zh-CN': '模板包需要引擎版本 {wanted}，当前引擎为 {engine}：请修改 "engine"，或使用匹配的 Baton 版本。',
  },
  BATON_E_PACK_PARAMETER_OPTIONS: {
    status: 400,
    en: 'The select parameter "{key}" needs "options": list the values an operator may choose.',
    'zh-CN': '选择型参数 "{key}" 需要 "options"：请列出可选的取值。',
  },
  BATON_E_PACK_PARAMETER_RANGE: {
    status: 400,
    en: 'The parameter "{key}" has minimum {minimum} above maximum {maximum}: swap or fix them.',
    'zh-CN': '参数 "{key}" 的最小值 {minimum} 大于最大值 {maximum}：请调换或修正。',
  },
});
