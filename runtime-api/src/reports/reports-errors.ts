import { defineErrors } from '@baton/engine';

/** Codes of the report routes. */
export const REPORTS_API_ERRORS = defineErrors({
  BATON_E_REPORT_NOT_FOUND: {
    status: 404,
    en: 'There is no published report "{reportKey}": publish it first, or check the key.',
    'zh-CN': '不存在已发布的报表“{reportKey}”：请先发布，或核对标识。',
  },
  BATON_E_REPORT_FORBIDDEN: {
    status: 403,
    en: 'The report "{reportKey}" is open to {roles} only: ask an administrator for one of these roles.',
    'zh-CN': '报表“{reportKey}”仅对 {roles} 开放：请联系管理员授予其中一个角色。',
  },
  BATON_E_REPORT_INVALID: {
    status: 422,
    en: 'The published report "{reportKey}" cannot run: fix the problems listed in issues and publish a new version.',
    'zh-CN': '已发布的报表“{reportKey}”无法运行：请修正 issues 中列出的问题并发布新版本。',
  },
  BATON_E_REPORT_FORM_NOT_PUBLISHED: {
    status: 422,
    en: 'The report "{reportKey}" reads the form "{formKey}", which is not published: publish the form first.',
    'zh-CN': '报表“{reportKey}”读取的表单“{formKey}”尚未发布：请先发布该表单。',
  },
});
