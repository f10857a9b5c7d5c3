import type { FieldType } from '../field-type.js';

export interface SubTableConfig {
  minRows?: number;
  maxRows?: number;
}

/**
 * Rows of a small table (the customers or assets a leaver hands over). The columns are the field's own
 * `fields`; the form compiler fills `items` from them, so this schema only carries the row limits.
 */
export const subTableFieldType: FieldType<SubTableConfig> = {
  type: 'sub-table',
  version: '1.0.0',
  configSchema: {
    type: 'object',
    properties: {
      minRows: { type: 'integer', minimum: 0 },
      maxRows: { type: 'integer', minimum: 1, maximum: 10000 },
    },
    additionalProperties: false,
  },
  describe: () => ({
    label: { en: 'Sub-table', 'zh-CN': '明细表' },
    description: { en: 'A table of rows whose columns are fields.', 'zh-CN': '由多行组成的表格，每列是一个字段。' },
    icon: 'table',
    category: 'layout',
  }),
  valueSchema: (c) => ({
    type: 'array',
    ...(c.minRows !== undefined ? { minItems: c.minRows } : {}),
    maxItems: c.maxRows ?? 500,
  }),
  defaultValue: () => [],
  traits: { container: true },
  uiSchema: () => ({ 'ui:widget': 'sub-table' }),
};
