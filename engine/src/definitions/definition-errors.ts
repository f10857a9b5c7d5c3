import { defineErrors } from '../errors/error-catalogue.js';

export const DEFINITION_ERRORS = defineErrors({
  BATON_E_DEFINITION_NOT_OBJECT: {
    status: 400,
    en: 'A definition must be a JSON object with "kind", "key", "version" and "title": send an object.',
    'zh-CN': '定义必须是包含 "kind"、"key"、"version" 和 "title" 的 JSON 对象：请提交一个对象。',
  },
  BATON_E_DEFINITION_KIND_MISSING: {
    status: 400,
    en: 'Add "kind" to say what this definition is: one of {kinds}.',
    'zh-CN': '请添加 "kind" 说明定义的类别：{kinds} 之一。',
  },
  BATON_E_DEFINITION_KIND_UNKNOWN: {
    status: 400,
    en: 'There is no definition kind "{kind}": use one of {kinds}.',
    'zh-CN': '不存在定义类别 "{kind}"：请使用 {kinds} 之一。',
  },
});
