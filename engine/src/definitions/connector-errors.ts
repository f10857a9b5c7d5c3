import { defineErrors } from '../errors/error-catalogue.js';

export const CONNECTOR_ERRORS = defineErrors({
  BATON_E_CONNECTOR_UNKNOWN_TYPE: {
    status: 400,
    en: 'There is no connector type "{type}": use one of {known}, or install the plugin that provides it.',
    'zh-CN': '不存在连接器类型 "{type}"：请使用 {known} 之一，或安装提供该类型的插件。',
  },
  BATON_E_CONNECTOR_SECRET_VALUE: {
    status: 400,
    en: 'The secret "{name}" is written as a value: never put secrets in a definition; replace it with a reference such as { "secretRef": "{suggestion}" } and set the value with PUT /api/connectors/:key.',
    'zh-CN': '密钥 "{name}" 直接写成了明文：定义中不得包含密钥；请改为引用，例如 { "secretRef": "{suggestion}" }，再通过 PUT /api/connectors/:key 设置其值。',
  },
  BATON_E_CONNECTOR_SECRET_IN_CONFIG: {
    status: 400,
    en: 'This looks like a credential written into the config: move it to "secrets" as a reference and use {{secrets.<name>}} here.',
    'zh-CN': '此处疑似在配置中写入了凭据：请将其移到 "secrets" 中作为引用，并在此处使用 {{secrets.<名称>}}。',
  },
  BATON_E_CONNECTOR_UNKNOWN_SECRET: {
    status: 400,
    en: 'The template uses the secret "{name}", which is not declared: add it under "secrets" or fix the name.',
    'zh-CN': '模板使用了未声明的密钥 "{name}"：请在 "secrets" 中声明它，或修正名称。',
  },
  BATON_E_CONNECTOR_MISSING_SECRET: {
    status: 400,
    en: 'A {type} connector needs the secret "{name}": add { "{name}": { "secretRef": "…" } } under "secrets".',
    'zh-CN': '{type} 类型的连接器需要密钥 "{name}"：请在 "secrets" 中添加 { "{name}": { "secretRef": "…" } }。',
  },
});
