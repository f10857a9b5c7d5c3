import type { FieldType } from '../field-type.js';

export interface ComputedConfig {
  /** The type the expression yields; checked when the form is validated. */
  resultType?: 'string' | 'number' | 'integer' | 'boolean' | 'date';
}

/**
 * A read-only value derived from the field's `computed` expression (days until the last working day, the
 * number of open assets). Any field may have `computed`; this type is for values that exist only as such.
 */
export const computedFieldType: FieldType<ComputedConfig> = {
  type: 'computed',
  version: '1.0.0',
  configSchema: {
    type: 'object',
    properties: { resultType: { enum: ['string', 'number', 'integer', 'boolean', 'date'] } },
    additionalProperties: false,
  },
  describe: () => ({
    label: { en: 'Computed', 'zh-CN': '计算字段' },
    description: { en: 'Calculated from other fields; not editable.', 'zh-CN': '由其他字段计算得出，不可编辑。' },
    icon: 'function',
    category: 'advanced',
  }),
  valueSchema: (c) => {
    if (c.resultType === undefined) return true;
    if (c.resultType === 'date') return { type: 'string', format: 'date' };
    // A computed value may be null when its inputs are missing.
    return { type: [c.resultType, 'null'] };
  },
  traits: { computed: true },
  uiSchema: () => ({ 'ui:readonly': true }),
};
