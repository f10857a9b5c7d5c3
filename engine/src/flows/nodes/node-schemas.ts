import flowSchema from '../../../schemas/flow.schema.json' with { type: 'json' };
import type { JsonSchema } from '../../forms/field-type.js';

// Config schemas are self-contained (no $ref) so any validator, the designer's included, can use them.

/** One assignee spec, shared with flow.schema.json so both always agree. */
export const assigneeSchema = flowSchema.$defs.assignee as unknown as JsonSchema;

/** Words for a panel, in both languages: `x-` keywords, which validators skip and the designer shows. */
export interface PanelWords {
  title: { en: string; 'zh-CN': string };
  description?: { en: string; 'zh-CN': string };
  /** A title per enum value (or per oneOf constant), so a select reads "Return to a previous step", not "return". */
  enumTitles?: Record<string, { en: string; 'zh-CN': string }>;
}

/** Both languages of one text. */
export function both(en: string, zh: string): { en: string; 'zh-CN': string } {
  return { en, 'zh-CN': zh };
}

/** `schema` with its title, help and value names for the designer's generated panel (validation unchanged). */
export function worded(schema: JsonSchema, words: PanelWords): JsonSchema {
  return {
    ...(schema as Record<string, unknown>),
    'x-title': words.title,
    ...(words.description ? { 'x-description': words.description } : {}),
    ...(words.enumTitles ? { 'x-enum-titles': words.enumTitles } : {}),
  } as JsonSchema;
}

export const assigneeListSchema: JsonSchema = {
  type: 'array',
  items: assigneeSchema,
  'x-description': both('Who works on the step; found in the directory when the task opens.', '处理此步骤的人；任务开启时从通讯录中查找。'),
} as JsonSchema;

export const localizedTextSchema: JsonSchema = {
  oneOf: [
    { type: 'string' },
    { type: 'object', properties: { en: { type: 'string' }, 'zh-CN': { type: 'string' } }, minProperties: 1, additionalProperties: false },
  ],
};

export const durationSchema: JsonSchema = {
  type: 'object',
  properties: {
    amount: worded({ type: 'number', minimum: 0 }, { title: both('How long', '时长') }),
    unit: worded(
      { enum: ['minutes', 'hours', 'days', 'business-hours', 'business-days'] },
      {
        title: both('Unit', '单位'),
        enumTitles: {
          minutes: both('minutes', '分钟'), hours: both('hours', '小时'), days: both('calendar days', '自然日'),
          'business-hours': both('working hours', '工作小时'), 'business-days': both('working days', '工作日'),
        },
      },
    ),
  },
  required: ['amount', 'unit'],
  additionalProperties: false,
};

/** JsonLogic: any JSON; operators are checked by the expression compiler. */
export const jsonLogicSchema: JsonSchema = true;

export const MAIN_OUT = { id: 'out', label: { en: 'Next', 'zh-CN': '下一步' } };
export const MAIN_IN = { id: 'in', label: { en: 'In', 'zh-CN': '进入' } };
