import flowSchema from '../../../schemas/flow.schema.json' with { type: 'json' };
import type { JsonSchema } from '../../forms/field-type.js';

// Config schemas are self-contained (no $ref) so any validator, the designer's included, can use them.

/** One assignee spec, shared with flow.schema.json so both always agree. */
export const assigneeSchema = flowSchema.$defs.assignee as unknown as JsonSchema;

export const assigneeListSchema: JsonSchema = {
  type: 'array',
  items: assigneeSchema,
  description: 'Who works on the node; resolved through the directory and recorded when the task opens.',
};

export const localizedTextSchema: JsonSchema = {
  oneOf: [
    { type: 'string' },
    { type: 'object', properties: { en: { type: 'string' }, 'zh-CN': { type: 'string' } }, minProperties: 1, additionalProperties: false },
  ],
};

export const durationSchema: JsonSchema = {
  type: 'object',
  properties: {
    amount: { type: 'number', minimum: 0 },
    unit: { enum: ['minutes', 'hours', 'days', 'business-hours', 'business-days'] },
  },
  required: ['amount', 'unit'],
  additionalProperties: false,
};

/** JsonLogic: any JSON; operators are checked by the expression compiler. */
export const jsonLogicSchema: JsonSchema = true;

export const MAIN_OUT = { id: 'out', label: { en: 'Next', 'zh-CN': '下一步' } };
export const MAIN_IN = { id: 'in', label: { en: 'In', 'zh-CN': '进入' } };
