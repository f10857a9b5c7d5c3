import type { LocalizedText } from '../../i18n/localized-text.js';
import { definitionText } from '../form-definition.js';
import type { FieldType } from '../field-type.js';

export interface TextConfig {
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  /**
   * What the pattern asks for, in words ("6 digits, e.g. 200000"): shown under the field and in the error
   * message instead of the regular expression, which users cannot read. Only with a `pattern`.
   */
  patternHint?: LocalizedText;
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
      patternHint: {
        $ref: 'https://baton.dev/schemas/common.schema.json#/$defs/localizedText',
        description: 'What the pattern asks for, in words: shown to users instead of the regular expression.',
      },
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
    // The engine's errors say this sentence in place of "matches the pattern ^…$" (json-schema/expected-wording.ts).
    ...(c.pattern !== undefined && c.patternHint !== undefined ? { 'x-expected': c.patternHint } : {}),
    ...(c.format !== undefined ? { format: c.format } : {}),
  }),
  uiSchema: (c, locale) => ({
    'ui:widget': c.format === 'email' ? 'email' : c.format === 'uri' ? 'uri' : 'text',
    // Renderers show it under the input (the workspace's field help, the designer's preview).
    ...(c.pattern !== undefined && c.patternHint !== undefined ? { 'ui:options': { patternHint: definitionText(c.patternHint, locale ?? 'en') } } : {}),
  }),
};
