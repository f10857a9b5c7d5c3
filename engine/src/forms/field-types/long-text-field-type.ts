import type { FieldType } from '../field-type.js';

export interface LongTextConfig {
  minLength?: number;
  maxLength?: number;
  rows?: number;
}

/** Multi-line text (notes, handover remarks); 5,000 characters unless configured. */
export const longTextFieldType: FieldType<LongTextConfig> = {
  type: 'long-text',
  version: '1.0.0',
  configSchema: {
    type: 'object',
    properties: {
      minLength: { type: 'integer', minimum: 0 },
      maxLength: { type: 'integer', minimum: 1, maximum: 100000 },
      rows: { type: 'integer', minimum: 1, maximum: 40 },
    },
    additionalProperties: false,
  },
  describe: () => ({
    label: { en: 'Long text', 'zh-CN': '多行文本' },
    description: { en: 'Several lines of text.', 'zh-CN': '多行文字，如备注、说明。' },
    icon: 'align-left',
    category: 'basic',
  }),
  valueSchema: (c) => ({
    type: 'string',
    maxLength: c.maxLength ?? 5000,
    ...(c.minLength !== undefined ? { minLength: c.minLength } : {}),
  }),
  uiSchema: (c) => ({ 'ui:widget': 'textarea', 'ui:options': { rows: c.rows ?? 4 } }),
};
