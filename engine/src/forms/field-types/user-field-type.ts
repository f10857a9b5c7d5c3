import type { FieldType } from '../field-type.js';

export interface UserConfig {
  /** Restrict the picker to members of these departments (ids). */
  departments?: string[];
  /** Restrict the picker to holders of these roles. */
  roles?: string[];
  /** Accept people who have left (e.g. the employee leaving, whose paperwork may come after their last day). */
  allowPeopleWhoLeft?: boolean;
}

/** A person, stored as the directory's user id; the picker and the directory resolve the name. */
export const userFieldType: FieldType<UserConfig> = {
  type: 'user',
  version: '1.0.0',
  configSchema: {
    type: 'object',
    properties: {
      departments: { type: 'array', items: { type: 'string', minLength: 1 } },
      roles: { type: 'array', items: { type: 'string', minLength: 1 } },
      allowPeopleWhoLeft: {
        type: 'boolean',
        description:
          'Accept people who have left (leave date before today) or are inactive, e.g. the employee leaving. Default false: a submission naming them is refused with BATON_E_PERSON_LEFT and the picker offers only people present.',
      },
    },
    additionalProperties: false,
  },
  describe: () => ({
    label: { en: 'Person', 'zh-CN': '人员' },
    description: { en: 'A user from the directory.', 'zh-CN': '通讯录中的一名用户。' },
    icon: 'user',
    category: 'people',
  }),
  valueSchema: () => ({ type: 'string', minLength: 1, maxLength: 128 }),
  traits: { relation: true },
  uiSchema: (c) => ({ 'ui:widget': 'user-picker', 'ui:options': { ...c } }),
};
