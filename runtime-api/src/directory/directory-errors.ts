import { defineErrors } from '@baton/engine';

export const DIRECTORY_ERRORS = defineErrors({
  BATON_E_DIRECTORY_INVALID: {
    status: 422,
    en: 'Fix the directory import: each problem is listed in issues with its path; nothing was imported.',
    'zh-CN': '请修正目录导入数据：每个问题及其路径都列在 issues 中；本次未导入任何数据。',
  },
  BATON_E_DIRECTORY_DUPLICATE_ID: {
    status: 422,
    en: 'Remove the duplicate: id "{id}" appears earlier at {first}.',
    'zh-CN': '请删除重复项：id "{id}" 已在 {first} 出现。',
  },
  BATON_E_DIRECTORY_UNKNOWN_DEPARTMENT: {
    status: 422,
    en: 'Add department "{id}" to departments (or fix the id): it does not exist.',
    'zh-CN': '请在 departments 中添加部门 "{id}"（或修正该 id）：该部门不存在。',
  },
  BATON_E_DIRECTORY_UNKNOWN_USER: {
    status: 422,
    en: 'Add user "{id}" to users (or fix the id): it does not exist.',
    'zh-CN': '请在 users 中添加用户 "{id}"（或修正该 id）：该用户不存在。',
  },
  BATON_E_DIRECTORY_CYCLE: {
    status: 422,
    en: 'Break the cycle: following {relation} from "{id}" leads back to it.',
    'zh-CN': '请打破循环：从 "{id}" 沿{relationZh}关系最终又回到了它自己。',
  },
  BATON_E_DIRECTORY_USER_NOT_FOUND: {
    status: 404,
    en: 'There is no directory user "{id}": check the id or import the user first.',
    'zh-CN': '目录中没有用户 "{id}"：请检查 id 或先导入该用户。',
  },
  BATON_E_DIRECTORY_CURSOR_INVALID: {
    status: 400,
    en: 'The cursor "{cursor}" is not one this search gave out: search again without a cursor.',
    'zh-CN': '游标“{cursor}”不是本次搜索返回的：请去掉 cursor 重新搜索。',
  },
});
