import type { FieldType } from '../field-type.js';

export interface TextConfig {
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: 'email' | 'uri';
}

/** One line of text; 200 characters unless the config says otherwise, so a name field cannot hold a novel. */
export const textFieldType: FieldType<TextConfig> = {
  type: 'text',
  version: '1.0.0',
  configSchema: {
    type: 'object',
    properties: {
      minLength: { type: 'integer', minimum: 0 },
      maxLength: { type: 'integer', minimum: 1, maximum: 10000 },
      pattern: { type: 'string', format: 'regex' },
      format: { enum: ['email', 'uri'] },
    },
    additionalProperties: false,
  },
  describe: () => ({
    label: { en: 'Text', 'zh-CN': '单行文本' },
    description: { en: 'A single line of text.', 'zh-CN': '一行文字。' },
    icon: 'text',
    category: 'basic',
  }),
  valueSchema: (c) => ({
    type: 'string',
    maxLength: c.maxLength ?? 200,
    ...(c.minLength !== undefined ? { minLength: c.minLength } : {}),
    ...(c.pattern !== undefined ? { pattern: c.pattern } : {}),
    ...(c.format !== undefined ? { format: c.format } : {}),
  }),
  uiSchema: (c) => ({ 'ui:widget': c.format === 'email' ? 'email' : c.format === 'uri' ? 'uri' : 'text' }),
};
