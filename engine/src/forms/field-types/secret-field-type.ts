import type { FieldType } from '../field-type.js';

/**
 * A value nobody should read back in clear (a handed-over account password, a safe code). `traits.secret`
 * tells the runtime to encrypt it at rest and mask it in history, exports and logs.
 */
export const secretFieldType: FieldType<{ maxLength?: number }> = {
  type: 'secret',
  version: '1.0.0',
  configSchema: {
    type: 'object',
    properties: { maxLength: { type: 'integer', minimum: 1, maximum: 4096 } },
    additionalProperties: false,
  },
  describe: () => ({
    label: { en: 'Secret', 'zh-CN': '保密字段' },
    description: { en: 'Stored encrypted and shown masked.', 'zh-CN': '加密保存，显示时打码。' },
    icon: 'lock',
    category: 'advanced',
  }),
  valueSchema: (c) => ({ type: 'string', maxLength: c.maxLength ?? 1024 }),
  traits: { secret: true },
  uiSchema: () => ({ 'ui:widget': 'password' }),
};
