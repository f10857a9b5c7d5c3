import type { FieldType } from '../field-type.js';

export interface NumberConfig {
  minimum?: number;
  maximum?: number;
  integer?: boolean;
  unit?: string;
}

/** A plain number (days of leave, a count). Not for money: see the money type. */
export const numberFieldType: FieldType<NumberConfig> = {
  type: 'number',
  version: '1.0.0',
  configSchema: {
    type: 'object',
    properties: {
      minimum: { type: 'number' },
      maximum: { type: 'number' },
      integer: { type: 'boolean' },
      unit: { type: 'string', maxLength: 16 },
    },
    additionalProperties: false,
  },
  describe: () => ({
    label: { en: 'Number', 'zh-CN': '数字' },
    description: { en: 'A number, optionally whole and within limits.', 'zh-CN': '数字，可限定整数和范围。' },
    icon: 'hash',
    category: 'basic',
  }),
  valueSchema: (c) => ({
    type: c.integer ? 'integer' : 'number',
    ...(c.minimum !== undefined ? { minimum: c.minimum } : {}),
    ...(c.maximum !== undefined ? { maximum: c.maximum } : {}),
  }),
  uiSchema: (c) => ({ 'ui:widget': 'updown', ...(c.unit ? { 'ui:options': { unit: c.unit } } : {}) }),
};
