import { defineErrors } from '@baton/engine';

export const AUTH_ERRORS = defineErrors({
  BATON_E_AUTH_REQUIRED: {
    status: 401,
    en: 'Send an "Authorization: Bearer <token>" header; ask an administrator for a token.',
    'zh-CN': '请发送 "Authorization: Bearer <令牌>" 请求头；令牌可向管理员申请。',
  },
  BATON_E_AUTH_TOKEN_INVALID: {
    status: 401,
    en: 'The token is unknown, expired or revoked: ask an administrator for a new one.',
    'zh-CN': '令牌无效、已过期或已吊销：请向管理员申请新令牌。',
  },
  BATON_E_FORBIDDEN: {
    status: 403,
    en: 'Your roles do not allow this: it needs one of {required}. Ask an administrator for the role.',
    'zh-CN': '您的角色无权执行此操作：需要以下角色之一：{required}。请向管理员申请该角色。',
  },
  BATON_E_TOKEN_USER_UNKNOWN: {
    status: 422,
    en: 'There is no directory user "{userId}": import the user with POST /api/directory/import first.',
    'zh-CN': '目录中没有用户 "{userId}"：请先通过 POST /api/directory/import 导入该用户。',
  },
  BATON_E_TOKEN_EXPIRY_PAST: {
    status: 422,
    en: 'Set expiresAt to a moment in the future.',
    'zh-CN': '请将 expiresAt 设为将来的时间。',
  },
});
