import type { FieldType } from '../field-type.js';
import { FORMS_ERRORS } from '../forms-errors.js';

const SIGNATURE_KEYS: ReadonlySet<string> = new Set(['fileId', 'sha256', 'signedAt', 'signerId']);

/**
 * Never signed: an object of the signature's own keys without an image (`{}` from a pad nobody touched,
 * or a client's `{ signerId }`). Anything else is left to the schema, which names what is wrong.
 */
function isUnsigned(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  if (record.fileId !== undefined && record.fileId !== '') return false;
  for (const key of Object.keys(record)) if (!SIGNATURE_KEYS.has(key)) return false;
  return true;
}

/**
 * A handwritten signature: a reference to the captured image in the file store, when it was signed and
 * by whom. The runtime fills `signedAt` from its clock, never the browser's. A pad left untouched is no
 * value at all, and a required one says "Please sign here" at the field.
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
  isBlank: isUnsigned,
  requiredCode: FORMS_ERRORS.BATON_E_FORM_SIGNATURE_REQUIRED,
  uiSchema: () => ({ 'ui:widget': 'signature-pad' }),
};
