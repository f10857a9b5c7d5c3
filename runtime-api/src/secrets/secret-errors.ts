import { defineErrors } from '@baton/engine';

/** Codes of secret form fields: masks sent back, reveals. */
export const SECRET_ERRORS = defineErrors({
  BATON_E_SECRET_MASK_UNKNOWN: {
    status: 422,
    en: 'The masked value at {path} stands for no stored secret: send the mask exactly as you received it to keep the value, or the new value to change it.',
    'zh-CN': '{path} 处的打码值不对应任何已保存的保密值：若要保留原值，请原样发回收到的打码值；若要修改，请发送新值。',
  },
  BATON_E_SECRET_PATH_INVALID: {
    status: 422,
    en: '"{path}" is not a secret field here: give the JSON Pointer of a secret field, e.g. /data/bankAccount or /data/accounts/0/password.',
    'zh-CN': '“{path}”不是此处的保密字段：请给出保密字段的 JSON Pointer，例如 /data/bankAccount 或 /data/accounts/0/password。',
  },
  BATON_E_SECRET_NOT_FOUND: {
    status: 404,
    en: 'There is no secret value at {path} that you may see: check the path, or enter the value first.',
    'zh-CN': '{path} 处没有您可查看的保密值：请核对路径，或先填写该值。',
  },
  BATON_E_SECRET_REVEAL_FORBIDDEN: {
    status: 403,
    en: 'Only {roles} may reveal "{field}": ask one of them to read it for you.',
    'zh-CN': '只有 {roles} 可以查看“{field}”的明文：请请他们代为查看。',
  },
  BATON_E_SECRET_UNREADABLE: {
    status: 409,
    en: 'The secret at {path} cannot be opened with this server\'s master key (sealed under another key, or copied from another place): set BATON_MASTER_KEY_PREVIOUS to the old key, or enter the value again.',
    'zh-CN': '无法用本服务器的主密钥打开 {path} 处的保密值（它由另一个密钥加密，或从别处复制而来）：请把旧密钥设为 BATON_MASTER_KEY_PREVIOUS，或重新填写该值。',
  },
});
