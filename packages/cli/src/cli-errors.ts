import { defineErrors } from '@baton/engine';

export const CLI_ERRORS = defineErrors({
  BATON_E_CLI_JSON_INVALID: {
    status: 400,
    en: 'Fix the JSON syntax of this file: {reason}.',
    'zh-CN': '请修正此文件的 JSON 语法：{reason}。',
  },
  BATON_E_CLI_FILE_MISSING: {
    status: 400,
    en: 'The file "{file}" does not exist in the pack folder: add it or fix the path.',
    'zh-CN': '模板包目录中不存在文件 "{file}"：请添加该文件或修正路径。',
  },
  BATON_E_CLI_FILE_OUTSIDE: {
    status: 400,
    en: 'The path "{file}" leaves the pack folder: use a path inside it.',
    'zh-CN': '路径 "{file}" 超出了模板包目录：请使用目录内的路径。',
  },
});
