import type { FieldType } from '../field-type.js';

export interface SecretConfig {
  maxLength?: number;
  /** Roles that may reveal the clear value (the runtime lets admins too, and audits every reveal). */
  revealTo?: string[];
}

/**
 * A value nobody should read back in clear (a handed-over account password, a safe code). `traits.secret`
 * tells the runtime to encrypt it at rest and mask it in history, exports and logs.
 */
export const secretFieldType: FieldType<SecretConfig> = {
  type: 'secret',
  version: '1.0.0',
  configSchema: {
    type: 'object',
    properties: {
      maxLength: { type: 'integer', minimum: 1, maximum: 4096 },
      revealTo: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 64 }, uniqueItems: true, maxItems: 20 },
    },
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
