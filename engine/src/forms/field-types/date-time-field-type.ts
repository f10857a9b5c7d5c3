import type { FieldType } from '../field-type.js';

/** An instant with its offset (RFC 3339, "2025-03-31T09:00:00+08:00" or "…Z"): a moment, not a wall time. */
export const dateTimeFieldType: FieldType<Record<string, never>> = {
  type: 'date-time',
  version: '1.0.0',
  configSchema: { type: 'object', properties: {}, additionalProperties: false },
  describe: () => ({
    label: { en: 'Date and time', 'zh-CN': '日期时间' },
    description: { en: 'A moment in time, with its time zone offset.', 'zh-CN': '带时区偏移的时间点。' },
    icon: 'clock',
    category: 'date',
  }),
  valueSchema: () => ({ type: 'string', format: 'date-time' }),
  uiSchema: () => ({ 'ui:widget': 'date-time' }),
};
