import type { FieldType } from '../field-type.js';

/**
 * A handwritten signature: a reference to the captured image in the file store, when it was signed and
 * by whom. The runtime fills `signedAt` from its clock, never the browser's.
 */
export const signatureFieldType: FieldType<Record<string, never>> = {
  type: 'signature',
  version: '1.0.0',
  configSchema: { type: 'object', properties: {}, additionalProperties: false },
  describe: () => ({
    label: { en: 'Signature', 'zh-CN': '手写签名' },
    description: { en: 'A signature drawn on screen.', 'zh-CN': '在屏幕上手写的签名。' },
    icon: 'signature',
    category: 'advanced',
  }),
  valueSchema: () => ({
    type: 'object',
    properties: {
      fileId: { type: 'string', minLength: 1, maxLength: 128 },
      sha256: { type: 'string', pattern: '^[a-f0-9]{64}$' },
      signedAt: { type: 'string', format: 'date-time' },
      signerId: { type: 'string', minLength: 1, maxLength: 128 },
    },
    required: ['fileId', 'signedAt'],
    additionalProperties: false,
  }),
  traits: { file: true },
  uiSchema: () => ({ 'ui:widget': 'signature-pad' }),
};
