import type { FormDefinition } from '@baton/engine';

/** A form an analyst could build in the designer: the new field type is used by name like any built-in. */
export const employeeForm: FormDefinition = {
  kind: 'form',
  key: 'employee-identity',
  version: 1,
  title: { en: 'Employee identity', 'zh-CN': '员工身份信息' },
  fields: [
    { key: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '姓名' }, required: true },
    {
      key: 'residentId',
      // Pinned to major version 1: a 2.x of the type would not be picked up silently.
      type: 'acme/cn-resident-id@1',
      label: { en: 'ID number', 'zh-CN': '身份证号' },
      required: true,
      config: { maskInList: true, bornOnOrBefore: '2007-12-31' },
    },
    {
      key: 'emergencyContacts',
      type: 'sub-table',
      label: { en: 'Emergency contacts', 'zh-CN': '紧急联系人' },
      fields: [
        { key: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '姓名' }, required: true },
        // A column of the new type works too: problems point at "/emergencyContacts/<row>/residentId".
        { key: 'residentId', type: 'acme/cn-resident-id', label: { en: 'ID number', 'zh-CN': '身份证号' } },
      ],
    },
  ],
};
