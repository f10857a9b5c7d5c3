import { defineErrors } from '@baton/engine';

export const OIDC_ERRORS = defineErrors({
  BATON_E_OIDC_DISABLED: {
    status: 404,
    en: 'Sign-in with an identity provider (OIDC) is not set up: sign in with a username and password, or ask an administrator to configure OIDC.',
    'zh-CN': '尚未配置身份提供方（OIDC）登录：请使用用户名和密码登录，或请管理员配置 OIDC。',
  },
  BATON_E_OIDC_SETTINGS_FROM_ENV: {
    status: 409,
    en: 'OIDC is configured by environment variables (BATON_OIDC_*), which win over this route: change them and restart instead.',
    'zh-CN': 'OIDC 已由环境变量（BATON_OIDC_*）配置，其优先于此接口：请修改环境变量后重启。',
  },
  BATON_E_OIDC_SETTINGS_INVALID: {
    status: 422,
    en: 'The OIDC setting at {path} is not valid: {reason}.',
    'zh-CN': 'OIDC 设置 {path} 无效：{reason}。',
  },
  BATON_E_OIDC_STATE_INVALID: {
    status: 400,
    en: 'This sign-in is unknown, expired, already used, or was started in another browser: start again with "Sign in with {provider}".',
    'zh-CN': '此次登录无效、已过期、已使用，或是在其他浏览器中发起的：请重新点击"使用 {provider} 登录"。',
  },
  BATON_E_OIDC_PROVIDER_REFUSED: {
    status: 401,
    en: 'The identity provider did not sign you in ({reason}): try again, or ask your administrator whether Baton is assigned to you there.',
    'zh-CN': '身份提供方未完成登录（{reason}）：请重试，或询问管理员是否已为您分配 Baton 应用。',
  },
  BATON_E_OIDC_CODE_REJECTED: {
    status: 401,
    en: 'The identity provider refused to exchange the sign-in code ({reason}): start the sign-in again.',
    'zh-CN': '身份提供方拒绝兑换登录授权码（{reason}）：请重新登录。',
  },
  BATON_E_OIDC_SIGNATURE_INVALID: {
    status: 401,
    en: 'The ID token\'s signature does not verify against the provider\'s published keys (JWKS): sign-in refused. An administrator should check the issuer URL.',
    'zh-CN': 'ID 令牌的签名无法用身份提供方公布的密钥（JWKS）验证：已拒绝登录。请管理员检查颁发者地址。',
  },
  BATON_E_OIDC_NONCE_MISMATCH: {
    status: 401,
    en: 'The ID token was not issued for this sign-in (nonce mismatch): start the sign-in again.',
    'zh-CN': 'ID 令牌不属于本次登录（nonce 不匹配）：请重新登录。',
  },
  BATON_E_OIDC_TOKEN_EXPIRED: {
    status: 401,
    en: 'The ID token has expired or is not valid yet ({claim}): check that this server\'s clock is right, then sign in again.',
    'zh-CN': 'ID 令牌已过期或尚未生效（{claim}）：请检查本服务器时钟是否准确，然后重新登录。',
  },
  BATON_E_OIDC_TOKEN_INVALID: {
    status: 401,
    en: 'The ID token was refused ({reason}): an administrator should check the issuer URL and client id.',
    'zh-CN': 'ID 令牌被拒绝（{reason}）：请管理员检查颁发者地址和客户端 ID。',
  },
  BATON_E_OIDC_CLAIM_MISSING: {
    status: 403,
    en: 'The identity provider sent no usable "{claim}" claim, which Baton uses to find you in the directory: an administrator should add it to the ID token or change the claim mapping.',
    'zh-CN': '身份提供方未提供可用的 "{claim}" 声明，而 Baton 用它在目录中查找您：请管理员将其加入 ID 令牌或修改声明映射。',
  },
  BATON_E_OIDC_EMAIL_UNVERIFIED: {
    status: 403,
    en: 'The identity provider says your email address is not verified: verify it there, then sign in again.',
    'zh-CN': '身份提供方显示您的邮箱尚未验证：请先在身份提供方处验证邮箱，然后重新登录。',
  },
  BATON_E_OIDC_USER_UNKNOWN: {
    status: 403,
    en: 'No active person in Baton\'s directory has {field} "{value}": ask an administrator to add you to the directory.',
    'zh-CN': 'Baton 目录中没有 {field} 为 "{value}" 的启用人员：请联系管理员将您加入目录。',
  },
  BATON_E_OIDC_USER_AMBIGUOUS: {
    status: 409,
    en: 'Several people in the directory have {field} "{value}": an administrator should make it unique or map another claim.',
    'zh-CN': '目录中有多人的 {field} 为 "{value}"：请管理员使其唯一，或改用其他声明映射。',
  },
  BATON_E_OIDC_PROVIDER_UNREACHABLE: {
    status: 502,
    en: 'The identity provider at {url} could not be reached or answered badly ({reason}): try again later, or an administrator should check the issuer URL.',
    'zh-CN': '无法访问身份提供方 {url}，或其响应异常（{reason}）：请稍后重试，或请管理员检查颁发者地址。',
  },
  BATON_E_OIDC_HOST_BLOCKED: {
    status: 502,
    en: 'Refused to call the identity provider {host}: it resolves to {address} ({range}), an internal address. If the provider really is inside your network, add "{host}" to the OIDC allowHosts (BATON_OIDC_ALLOW_HOSTS).',
    'zh-CN': '已拒绝访问身份提供方 {host}：它解析到内部地址 {address}（{range}）。如果身份提供方确实位于内网，请将 "{host}" 加入 OIDC 的 allowHosts（BATON_OIDC_ALLOW_HOSTS）。',
  },
  BATON_E_OIDC_HANDOFF_INVALID: {
    status: 400,
    en: 'This sign-in hand-off is unknown, expired or already used: start the sign-in again.',
    'zh-CN': '此登录交接码无效、已过期或已使用：请重新登录。',
  },
});
