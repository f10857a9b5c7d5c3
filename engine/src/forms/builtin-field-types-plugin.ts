import type { EnginePlugin } from '../registry/registry.js';
import { attachmentFieldType } from './field-types/attachment-field-type.js';
import { booleanFieldType } from './field-types/boolean-field-type.js';
import { computedFieldType } from './field-types/computed-field-type.js';
import { dateFieldType } from './field-types/date-field-type.js';
import { dateTimeFieldType } from './field-types/date-time-field-type.js';
import { departmentFieldType } from './field-types/department-field-type.js';
import { longTextFieldType } from './field-types/long-text-field-type.js';
import { moneyFieldType } from './field-types/money-field-type.js';
import { multiSelectFieldType } from './field-types/multi-select-field-type.js';
import { numberFieldType } from './field-types/number-field-type.js';
import { relationFieldType } from './field-types/relation-field-type.js';
import { secretFieldType } from './field-types/secret-field-type.js';
import { selectFieldType } from './field-types/select-field-type.js';
import { signatureFieldType } from './field-types/signature-field-type.js';
import { subTableFieldType } from './field-types/sub-table-field-type.js';
import { textFieldType } from './field-types/text-field-type.js';
import { userFieldType } from './field-types/user-field-type.js';

export const BUILTIN_FIELD_TYPES = [
  textFieldType,
  longTextFieldType,
  numberFieldType,
  moneyFieldType,
  dateFieldType,
  dateTimeFieldType,
  selectFieldType,
  multiSelectFieldType,
  booleanFieldType,
  userFieldType,
  departmentFieldType,
  relationFieldType,
  subTableFieldType,
  attachmentFieldType,
  secretFieldType,
  signatureFieldType,
  computedFieldType,
] as const;

/** The built-in field types, registered through the same plugin door a third party uses. */
export const builtinFieldTypesPlugin: EnginePlugin = {
  name: 'baton/builtin-fields',
  engine: '^0.1.0',
  register(registry) {
    for (const type of BUILTIN_FIELD_TYPES) registry.registerFieldType(type);
  },
};
