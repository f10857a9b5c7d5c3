import type { FieldType } from '../field-type.js';

export interface AttachmentConfig {
  maxFiles?: number;
  /** Largest file in bytes. */
  maxSize?: number;
  /** Allowed content types: "application/pdf", "image/*". */
  accept?: string[];
}

/** `accept` entries become one anchored pattern; "image/*" allows any image subtype. */
function contentTypePattern(accept: readonly string[]): string {
  const escape = (s: string): string => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const alternatives = accept.map((a) => (a.endsWith('/*') ? escape(a.slice(0, -1)) + '[^/]+' : escape(a)));
  return `^(${alternatives.join('|')})$`;
}

/** Which files may be chosen, in words (shown instead of the content-type pattern). */
function acceptWording(accept: readonly string[]): { en: string; 'zh-CN': string } {
  return {
    en: `Choose a file of one of these types instead: ${accept.join(', ')}.`,
    'zh-CN': `请改为选择以下类型的文件：${accept.join('、')}。`,
  };
}

/**
 * Uploaded files, always an array of references `{ fileId, name, size, contentType, sha256 }`. The bytes
 * live in the runtime's file store; the hash lets a document or an audit entry prove which file was meant.
 */
export const attachmentFieldType: FieldType<AttachmentConfig> = {
  type: 'attachment',
  version: '1.0.0',
  configSchema: {
    type: 'object',
    properties: {
      maxFiles: { type: 'integer', minimum: 1, maximum: 100 },
      maxSize: { type: 'integer', minimum: 1 },
      accept: { type: 'array', items: { type: 'string', pattern: '^[a-z0-9.+-]+/([a-z0-9.+-]+|\\*)$' }, minItems: 1 },
    },
    additionalProperties: false,
  },
  describe: () => ({
    label: { en: 'Attachment', 'zh-CN': '附件' },
    description: { en: 'Uploaded files.', 'zh-CN': '上传的文件。' },
    icon: 'paperclip',
    category: 'advanced',
  }),
  valueSchema: (c) => ({
    type: 'array',
    maxItems: c.maxFiles ?? 10,
    items: {
      type: 'object',
      properties: {
        fileId: { type: 'string', minLength: 1, maxLength: 128 },
        name: { type: 'string', minLength: 1, maxLength: 255 },
        size: { type: 'integer', minimum: 0, ...(c.maxSize !== undefined ? { maximum: c.maxSize } : {}) },
        contentType: {
          type: 'string',
          ...(c.accept ? { pattern: contentTypePattern(c.accept), 'x-expected': acceptWording(c.accept) } : { maxLength: 255 }),
        },
        sha256: { type: 'string', pattern: '^[a-f0-9]{64}$' },
      },
      required: ['fileId', 'name', 'size', 'contentType', 'sha256'],
      additionalProperties: false,
    },
  }),
  defaultValue: () => [],
  traits: { file: true },
  uiSchema: (c) => ({ 'ui:widget': 'file-upload', 'ui:options': { ...c } }),
};
