import { defineErrors } from '@baton/engine';

export const IDEMPOTENCY_ERRORS = defineErrors({
  BATON_E_IDEMPOTENCY_KEY_INVALID: {
    status: 400,
    en: 'Send an Idempotency-Key of 1 to 255 visible ASCII characters (a UUID is a good choice).',
    'zh-CN': '请发送由 1 到 255 个可见 ASCII 字符组成的 Idempotency-Key（推荐使用 UUID）。',
  },
  BATON_E_IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    en: 'This Idempotency-Key was already used for a different request: use a new key for a new request.',
    'zh-CN': '此 Idempotency-Key 已用于另一个不同的请求：新请求请使用新的键。',
  },
  BATON_E_IDEMPOTENCY_IN_FLIGHT: {
    status: 409,
    en: 'A request with this Idempotency-Key is still being processed: wait a moment and retry with the same key.',
    'zh-CN': '使用此 Idempotency-Key 的请求仍在处理中：请稍候，并用同一个键重试。',
  },
});
