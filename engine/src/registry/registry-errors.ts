import { defineErrors } from '../errors/error-catalogue.js';

export const REGISTRY_ERRORS = defineErrors({
  BATON_E_REGISTRY_BAD_NAME: {
    status: 400,
    en: 'The {kind} type name "{type}" is not valid: use lower-case letters, digits and dashes, optionally prefixed by a vendor and a slash (e.g. "acme/id-card").',
    'zh-CN': '{kind} 类型名 "{type}" 无效：请使用小写字母、数字和连字符，可加厂商前缀和斜杠（如 "acme/id-card"）。',
  },
  BATON_E_REGISTRY_DUPLICATE: {
    status: 409,
    en: 'A {kind} type named "{type}" is already registered: give yours another name (prefix it with your vendor name).',
    'zh-CN': '已存在名为 "{type}" 的 {kind} 类型：请换一个名称（建议加上厂商前缀）。',
  },
  BATON_E_PLUGIN_ENGINE_MISMATCH: {
    status: 400,
    en: 'Plugin "{plugin}" needs engine {wanted} but this engine is {engine}: install a plugin version built for this engine.',
    'zh-CN': '插件 "{plugin}" 需要引擎版本 {wanted}，当前引擎为 {engine}：请安装适配当前引擎的插件版本。',
  },
});
