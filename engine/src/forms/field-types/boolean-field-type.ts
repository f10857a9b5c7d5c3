import type { FieldType } from '../field-type.js';

/** Yes / no (a checkbox or a switch). */
export const booleanFieldType: FieldType<{ switch?: boolean }> = {
  type: 'boolean',
  version: '1.0.0',
  configSchema: { type: 'object', properties: { switch: { type: 'boolean' } }, additionalProperties: false },
  describe: () => ({
    label: { en: 'Yes / no', 'zh-CN': '是/否' },
    description: { en: 'A checkbox or a switch.', 'zh-CN': '复选框或开关。' },
    icon: 'toggle-left',
    category: 'choice',
  }),
  valueSchema: () => ({ type: 'boolean' }),
  uiSchema: (c) => ({ 'ui:widget': c.switch ? 'switch' : 'checkbox' }),
};
