import { defineErrors } from '@baton/engine';

// The template gallery (templates-routes.ts): installing a template pack that ships with Baton.
export const TEMPLATE_ERRORS = defineErrors({
  BATON_E_TEMPLATE_NOT_FOUND: {
    status: 404,
    en: 'Baton ships no template "{key}": pick one from GET /api/templates.',
    'zh-CN': 'Baton 未内置模板 "{key}"：请从 GET /api/templates 中选择。',
  },
  BATON_E_TEMPLATE_NEWER_INSTALLED: {
    status: 409,
    en: 'Template "{key}" version {installed} is installed, newer than the version {version} Baton ships: there is nothing to install.',
    'zh-CN': '已安装模板 "{key}" 的第 {installed} 版，比 Baton 内置的第 {version} 版更新：无需安装。',
  },
  BATON_E_TEMPLATE_UNREADABLE: {
    status: 500,
    en: 'The shipped template "{key}" cannot be read ({reason}): ask the operator to check the templates folder of this installation.',
    'zh-CN': '无法读取内置模板 "{key}"（{reason}）：请联系运维人员检查本安装的模板文件夹。',
  },
});
