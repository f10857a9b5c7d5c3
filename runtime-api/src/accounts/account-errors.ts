import { defineErrors } from '@baton/engine';

export const ACCOUNT_ERRORS = defineErrors({
  BATON_E_LOGIN_FAILED: {
    status: 401,
    en: 'The username or password is wrong: check both and try again (after several failures sign-in is paused).',
    'zh-CN': '用户名或密码错误：请检查后重试（多次失败后将暂停登录）。',
  },
  BATON_E_LOGIN_LOCKED: {
    status: 429,
    en: 'Too many failed sign-ins: wait {retryAfterSeconds} seconds, or ask an administrator to reset your password.',
    'zh-CN': '登录失败次数过多：请等待 {retryAfterSeconds} 秒，或请管理员重置密码。',
  },
  BATON_E_ACCOUNT_USER_UNKNOWN: {
    status: 422,
    en: 'There is no active directory user "{userId}": import the user first (POST /api/directory/import).',
    'zh-CN': '目录中没有启用的用户 "{userId}"：请先导入该用户（POST /api/directory/import）。',
  },
  BATON_E_USERNAME_TAKEN: {
    status: 409,
    en: 'The username "{username}" belongs to another account: choose another one.',
    'zh-CN': '用户名 "{username}" 已被其他账号使用：请换一个。',
  },
  BATON_E_PASSWORD_WEAK: {
    status: 422,
    en: 'Choose a password of at least {min} characters that is not the username.',
    'zh-CN': '请设置至少 {min} 个字符且与用户名不同的密码。',
  },
  BATON_E_DEMO_ONLY: {
    status: 404,
    en: 'This route exists only in demo mode: BATON_DEMO=1, or (BATON_DEMO unset, outside production) while a pack\'s demo people are in the directory.',
    'zh-CN': '此接口仅在演示模式下可用：设置 BATON_DEMO=1，或（未设置 BATON_DEMO 且非生产环境时）目录中存在模板包的演示人员。',
  },
  BATON_E_DEMO_USER_UNKNOWN: {
    status: 422,
    en: 'There is no active directory user "{userId}" to sign in as: pick one from the list.',
    'zh-CN': '没有可登录的启用用户 "{userId}"：请从列表中选择。',
  },
});
