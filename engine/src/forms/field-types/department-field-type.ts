import type { FieldType } from '../field-type.js';

/** A department, stored as the directory's department id. */
export const departmentFieldType: FieldType<{ root?: string }> = {
  type: 'department',
  version: '1.0.0',
  configSchema: {
    type: 'object',
    properties: { root: { type: 'string', minLength: 1, description: 'Only departments below this one.' } },
    additionalProperties: false,
  },
  describe: () => ({
    label: { en: 'Department', 'zh-CN': '部门' },
    description: { en: 'A department from the directory.', 'zh-CN': '通讯录中的一个部门。' },
    icon: 'building',
    category: 'people',
  }),
  valueSchema: () => ({ type: 'string', minLength: 1, maxLength: 128 }),
  traits: { relation: true },
  uiSchema: (c) => ({ 'ui:widget': 'department-picker', 'ui:options': { ...c } }),
};
