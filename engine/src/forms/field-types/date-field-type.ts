import type { FieldType, FieldValueProblem } from '../field-type.js';

/** One shared (frozen) empty answer: this check runs on every date of every row. */
const NO_PROBLEMS = Object.freeze([]) as unknown as FieldValueProblem[];

export interface DateConfig {
  /** Earliest / latest allowed day, "YYYY-MM-DD". */
  min?: string;
  max?: string;
}

/** A calendar day without a time or zone ("2025-03-31"): a last working day is a day, not an instant. */
export const dateFieldType: FieldType<DateConfig> = {
  type: 'date',
  version: '1.0.0',
  configSchema: {
    type: 'object',
    properties: {
      min: { type: 'string', format: 'date' },
      max: { type: 'string', format: 'date' },
    },
    additionalProperties: false,
  },
  describe: () => ({
    label: { en: 'Date', 'zh-CN': '日期' },
    description: { en: 'A calendar day (YYYY-MM-DD).', 'zh-CN': '日历日期（YYYY-MM-DD）。' },
    icon: 'calendar',
    category: 'date',
  }),
  // ISO dates compare correctly as strings, so min/max are formatMinimum-free string checks below.
  valueSchema: () => ({ type: 'string', format: 'date' }),
  validateValue: (value, c) => {
    const day = value as string;
    if (c.min !== undefined && day < c.min) {
      return [{ message: { en: `Choose ${c.min} or later.`, 'zh-CN': `请选择 ${c.min} 或之后的日期。` } }];
    }
    if (c.max !== undefined && day > c.max) {
      return [{ message: { en: `Choose ${c.max} or earlier.`, 'zh-CN': `请选择 ${c.max} 或之前的日期。` } }];
    }
    return NO_PROBLEMS;
  },
  uiSchema: () => ({ 'ui:widget': 'date' }),
};
