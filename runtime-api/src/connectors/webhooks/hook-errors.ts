import { defineErrors } from '@baton/engine';

/** Refusals of POST /api/hooks/:key. They say what to fix without telling a stranger which connectors exist. */
export const HOOK_ERRORS = defineErrors({
  BATON_E_HOOK_NOT_FOUND: {
    status: 404,
    en: 'There is no incoming webhook "{key}": check the URL, and that the webhook connector has direction "in" or "both" and is enabled.',
    'zh-CN': '不存在接收 Webhook "{key}"：请检查 URL，并确认该 Webhook 连接器的 direction 为 "in" 或 "both" 且已启用。',
  },
  BATON_E_HOOK_HEADERS: {
    status: 400,
    en: 'Send the Standard Webhooks headers: {detail}.',
    'zh-CN': '请发送 Standard Webhooks 请求头：{detail}。',
  },
  BATON_E_HOOK_SIGNATURE_INVALID: {
    status: 401,
    en: 'The webhook-signature does not match: sign "<webhook-id>.<webhook-timestamp>.<raw body>" with HMAC-SHA256 and the shared secret, base64, as "v1,<signature>".',
    'zh-CN': 'webhook-signature 不匹配：请用共享密钥对 "<webhook-id>.<webhook-timestamp>.<原始请求体>" 做 HMAC-SHA256，base64 编码后以 "v1,<签名>" 发送。',
  },
  BATON_E_HOOK_TIMESTAMP_SKEW: {
    status: 401,
    en: 'The webhook-timestamp is too far from now ({detail}): send the current Unix time in seconds and check the sender\'s clock.',
    'zh-CN': 'webhook-timestamp 与当前时间相差过大（{detail}）：请发送当前的 Unix 秒级时间，并检查发送方的时钟。',
  },
  BATON_E_HOOK_REPLAYED: {
    status: 409,
    en: 'The webhook-id "{id}" was already received: a replayed message is refused; send a new event with a new id.',
    'zh-CN': 'webhook-id "{id}" 已接收过：重放的消息会被拒绝；新事件请使用新的 id。',
  },
  BATON_E_HOOK_BODY_INVALID: {
    status: 400,
    en: 'Send a JSON object as the body.',
    'zh-CN': '请求体应为 JSON 对象。',
  },
  BATON_E_HOOK_MAPPING_FAILED: {
    status: 422,
    en: 'The connector\'s inbound.map could not turn this payload into {target} ({detail}): fix the payload or the mapping.',
    'zh-CN': '连接器的 inbound.map 无法把此请求体转换为{target}（{detail}）：请修正请求体或映射。',
  },
  BATON_E_HOOK_RECORD_ID: {
    status: 422,
    en: 'The payload has no record id at "{idField}" (inbound.idField): send it as a string or a number.',
    'zh-CN': '请求体在 "{idField}"（inbound.idField）处没有记录 id：请以字符串或数字发送。',
  },
  BATON_E_HOOK_ACTOR_MISSING: {
    status: 403,
    en: 'The incoming webhook "{key}" writes records of "{formKey}" but names no one to write as: an admin must set inbound.actAs to a directory user with one of the roles {required}.',
    'zh-CN': '接收 Webhook "{key}" 会写入 "{formKey}" 的记录，但未指定以谁的身份写入：请管理员把 inbound.actAs 设为拥有以下角色之一的目录用户：{required}。',
  },
  BATON_E_HOOK_ACTOR_UNKNOWN: {
    status: 403,
    en: 'The incoming webhook "{key}" writes as "{userId}" (inbound.actAs), who is not an active user in the directory: an admin must restore that user or name another one.',
    'zh-CN': '接收 Webhook "{key}" 以 "{userId}"（inbound.actAs）的身份写入，但该用户不是目录中的在职用户：请管理员恢复该用户或改为指定其他用户。',
  },
  BATON_E_HOOK_FORBIDDEN: {
    status: 403,
    en: 'The incoming webhook "{key}" writes as "{userId}" (inbound.actAs), who may not write records of "{formKey}": an admin must give that user one of the roles {required}, or name a user who has one.',
    'zh-CN': '接收 Webhook "{key}" 以 "{userId}"（inbound.actAs）的身份写入，但该用户无权写入 "{formKey}" 的记录：请管理员为其授予以下角色之一：{required}，或改为指定拥有这些角色的用户。',
  },
  BATON_E_HOOK_RECORD_ID_TAKEN: {
    status: 409,
    en: 'The record id "{id}" (from "{idField}", inbound.idField) already belongs to a record this webhook may not change (another form\'s, or one another webhook created): send the id your system uses for this record, or change inbound.idField.',
    'zh-CN': '记录 id "{id}"（来自 "{idField}"，即 inbound.idField）已属于本 Webhook 不能修改的记录（另一个表单的记录，或由其他 Webhook 创建的记录）：请发送贵方系统为该记录使用的 id，或修改 inbound.idField。',
  },
});
