import type { ChoiceOption } from '../forms/field-types/choice-options.js';
import type { FormField } from '../forms/form-definition.js';
import { splitTypeRef } from '../registry/registry.js';

/** What a render needs to know about a value's field: how to name it (user, department, record) and label it. */
export interface FieldMeta {
  /** The type name without a pinned version: "user", "department", "relation", "select" … */
  type: string;
  options?: ChoiceOption[];
  /** A relation's field that names its record. */
  displayField?: string;
  /** A sub-table's columns. */
  columns?: Map<string, FieldMeta>;
}

export type FieldMetaMap = Map<string, FieldMeta>;

/** Field metadata of a form's fields (and sub-table columns), from its definition. */
export function fieldMetaOf(fields: readonly FormField[] | undefined): FieldMetaMap {
  const out: FieldMetaMap = new Map();
  for (const field of fields ?? []) {
    const meta: FieldMeta = { type: splitTypeRef(field.type)[0] };
    const config = field.config ?? {};
    if (Array.isArray(config.options)) meta.options = config.options as ChoiceOption[];
    if (typeof config.displayField === 'string') meta.displayField = config.displayField;
    if (Array.isArray(field.fields)) meta.columns = fieldMetaOf(field.fields);
    out.set(field.key, meta);
  }
  return out;
}

const USER: FieldMeta = { type: 'user' };
const DATE_TIME: FieldMeta = { type: 'date-time' };

const option = (value: string, en: string, zh: string): ChoiceOption => ({ value, label: { en, 'zh-CN': zh } });

/** Labels for `{{outcome | label}}` and `{{status | label}}` in a `$tasks` table. */
const TASK_OUTCOMES: ChoiceOption[] = [
  option('approve', 'Approved', '同意'),
  option('reject', 'Rejected', '驳回'),
  option('return', 'Returned', '退回'),
  option('complete', 'Completed', '已完成'),
  option('submit', 'Submitted', '已提交'),
  option('resubmit', 'Resubmitted', '重新提交'),
  option('delegate', 'Delegated', '已转办'),
  option('transfer', 'Transferred', '已转交'),
  option('add-signer', 'Signer added', '加签'),
  option('add-signer-before', 'Signer added', '前加签'),
];
const TASK_STATUSES: ChoiceOption[] = [
  option('open', 'Open', '待处理'),
  option('completed', 'Completed', '已完成'),
  option('cancelled', 'Cancelled', '已取消'),
  option('reassigned', 'Reassigned', '已转交'),
];

/** The columns of a `$tasks` table (document check and render share the list). */
export const TASK_COLUMNS: FieldMetaMap = new Map<string, FieldMeta>([
  ['id', { type: 'text' }],
  ['nodeId', { type: 'text' }],
  ['node', { type: 'text' }],
  ['title', { type: 'text' }],
  ['status', { type: 'select', options: TASK_STATUSES }],
  ['outcome', { type: 'select', options: TASK_OUTCOMES }],
  ['assignees', USER],
  ['completedBy', USER],
  ['completedAt', DATE_TIME],
  ['createdAt', DATE_TIME],
  ['comment', { type: 'text' }],
]);

/** What `$confirmation.<x>` offers in a table with a confirmation. */
export const CONFIRMATION_FIELDS: FieldMetaMap = new Map<string, FieldMeta>([
  ['status', { type: 'text' }],
  ['state', { type: 'text' }],
  ['by', USER],
  ['for', USER],
  ['confirmer', { type: 'text' }],
  ['at', DATE_TIME],
  ['outcome', { type: 'text' }],
  ['comment', { type: 'text' }],
]);

export const INSTANCE_FIELDS: FieldMetaMap = new Map<string, FieldMeta>([
  ['initiator', USER],
  ['startedAt', DATE_TIME],
  ['completedAt', DATE_TIME],
]);
