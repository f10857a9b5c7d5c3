import type { FieldType } from '../field-type.js';
import type { RelationConfig } from '../form-definition.js';

const RECORD_ID = { type: 'string', minLength: 1, maxLength: 128 } as const;

/**
 * A reference to records of a collection form (a customer, an asset): the record id, or an array of ids
 * when `multiple`. An optional `filter` narrows the records that may be chosen; relation-filter.ts judges it
 * over a record lookup (the runtime's from the database, the simulation's in memory).
 */
export const relationFieldType: FieldType<RelationConfig> = {
  type: 'relation',
  version: '1.0.0',
  configSchema: {
    type: 'object',
    properties: {
      form: { $ref: 'https://baton.dev/schemas/common.schema.json#/$defs/key' },
      multiple: { type: 'boolean' },
      displayField: { $ref: 'https://baton.dev/schemas/common.schema.json#/$defs/identifier' },
      // Which records may be chosen: JsonLogic over {record: {id, …its data}, form: the current form's data},
      // e.g. {"==": [{"var": "record.holderId"}, {"var": "form.employeeId"}]}. The runtime applies it to the
      // picker's options and re-checks it on submit (relation-filter-check.ts).
      filter: { $ref: 'https://baton.dev/schemas/common.schema.json#/$defs/jsonLogic' },
    },
    required: ['form'],
    additionalProperties: false,
  },
  describe: () => ({
    label: { en: 'Relation', 'zh-CN': '关联记录' },
    description: { en: 'Records of another form (a data table).', 'zh-CN': '另一张表单（数据表）中的记录。' },
    icon: 'link',
    category: 'advanced',
  }),
  valueSchema: (c) => (c.multiple ? { type: 'array', items: RECORD_ID, uniqueItems: true } : RECORD_ID),
  defaultValue: (c) => (c.multiple ? [] : undefined),
  traits: { relation: true },
  uiSchema: (c) => ({ 'ui:widget': 'record-picker', 'ui:options': { ...c } }),
};
