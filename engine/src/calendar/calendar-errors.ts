import { defineErrors } from '../errors/error-catalogue.js';

export const CALENDAR_ERRORS = defineErrors({
  BATON_E_CALENDAR_BAD_DATE: {
    status: 400,
    en: '"{value}" is not a date: write it as YYYY-MM-DD, e.g. 2025-03-31.',
    'zh-CN': '"{value}" 不是日期：请写成 YYYY-MM-DD，例如 2025-03-31。',
  },
  BATON_E_CALENDAR_BAD_TIME: {
    status: 400,
    en: '"{value}" is not a time of day: write it as HH:mm (24-hour), e.g. 09:00.',
    'zh-CN': '"{value}" 不是时刻：请写成 24 小时制的 HH:mm，例如 09:00。',
  },
  BATON_E_CALENDAR_BAD_INSTANT: {
    status: 400,
    en: '"{value}" is not an instant: write an ISO 8601 date-time with an offset, e.g. 2025-03-31T09:00:00+08:00.',
    'zh-CN': '"{value}" 不是时间点：请写成带时区偏移的 ISO 8601 时间，例如 2025-03-31T09:00:00+08:00。',
  },
  BATON_E_CALENDAR_BAD_TIME_ZONE: {
    status: 400,
    en: '"{value}" is not a time zone: use an IANA name such as Asia/Shanghai or UTC.',
    'zh-CN': '"{value}" 不是时区：请使用 IANA 时区名，例如 Asia/Shanghai 或 UTC。',
  },
  BATON_E_CALENDAR_NO_WORKDAYS: {
    status: 400,
    en: 'The work calendar has no working day within a year of {date}: check its weekend, holidays and working hours.',
    'zh-CN': '工作日历在 {date} 前后一年内没有工作日：请检查周末、节假日和工作时间设置。',
  },
  BATON_E_CALENDAR_BAD_DURATION: {
    status: 400,
    en: 'Invalid duration {amount} {unit}: give a finite amount and one of the units minutes, hours, days, business-hours, business-days.',
    'zh-CN': '无效的时长 {amount} {unit}：数量须为有限数字，单位须为 minutes、hours、days、business-hours、business-days 之一。',
  },
});
