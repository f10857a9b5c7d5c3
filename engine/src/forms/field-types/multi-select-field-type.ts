import type { FieldType } from '../field-type.js';
import { CHOICE_OPTIONS_SCHEMA, optionValues, type ChoiceOption } from './choice-options.js';

export interface MultiSelectConfig {
  options: ChoiceOption[];
  minSelected?: number;
  maxSelected?: number;
}

/** Any number of distinct values out of a fixed list, stored as an array of option values. */
export const multiSelectFieldType: FieldType<MultiSelectConfig> = {
  type: 'multi-select',
  version: '1.0.0',
  configSchema: {
    type: 'object',
    properties: {
      options: CHOICE_OPTIONS_SCHEMA,
      minSelected: { type: 'integer', minimum: 0 },
      maxSelected: { type: 'integer', minimum: 1 },
    },
    required: ['options'],
    additionalProperties: false,
  },
  describe: () => ({
    label: { en: 'Multi-select', 'zh-CN': '多选' },
    description: { en: 'Pick several options from a list.', 'zh-CN': '从列表中选择多项。' },
    icon: 'list-checks',
    category: 'choice',
  }),
  valueSchema: (c) => ({
    type: 'array',
    items: { type: 'string', enum: optionValues(c.options) },
    uniqueItems: true,
    ...(c.minSelected !== undefined ? { minItems: c.minSelected } : {}),
    ...(c.maxSelected !== undefined ? { maxItems: c.maxSelected } : {}),
  }),
  defaultValue: () => [],
  uiSchema: (c) => ({ 'ui:widget': 'checkboxes', 'ui:options': { options: c.options } }),
};
