import type { FieldType } from '../field-type.js';
import { CHOICE_OPTIONS_SCHEMA, optionValues, type ChoiceOption } from './choice-options.js';

export interface SelectConfig {
  options: ChoiceOption[];
  /** Radio buttons instead of a drop-down. */
  radio?: boolean;
}

/** One value out of a fixed list (the kind of leave: resignation, dismissal, retirement …). */
export const selectFieldType: FieldType<SelectConfig> = {
  type: 'select',
  version: '1.0.0',
  configSchema: {
    type: 'object',
    properties: { options: CHOICE_OPTIONS_SCHEMA, radio: { type: 'boolean' } },
    required: ['options'],
    additionalProperties: false,
  },
  describe: () => ({
    label: { en: 'Select', 'zh-CN': '单选' },
    description: { en: 'Pick one option from a list.', 'zh-CN': '从列表中选择一项。' },
    icon: 'list',
    category: 'choice',
  }),
  valueSchema: (c) => ({ type: 'string', enum: optionValues(c.options) }),
  uiSchema: (c) => ({ 'ui:widget': c.radio ? 'radio' : 'select', 'ui:options': { options: c.options } }),
};
