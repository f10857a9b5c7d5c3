import { defineErrors } from '@baton/engine';

/** Codes of the HTTP layer itself: transport, routing, authentication and generic request problems. */
export const HTTP_ERRORS = defineErrors({
  BATON_E_REQUEST_INVALID: {
    status: 400,
    en: 'Some entries need fixing: see the message at each field.',
    'zh-CN': '部分内容需要修改：请查看各字段旁的提示。',
  },
  BATON_E_REQUEST_FIELD_INVALID: {
    status: 400,
    en: 'Fix this value: it {detail}.',
    'zh-CN': '请修正此值：{detail}。',
  },
  BATON_E_TEXT_UNSTORABLE: {
    status: 400,
    en: 'Remove the NUL character or the broken Unicode (a lone surrogate) from this text.',
    'zh-CN': '请从此文本中删除 NUL 字符或损坏的 Unicode 字符（孤立代理项）。',
  },
  BATON_E_BODY_TOO_DEEP: {
    status: 400,
    en: 'Flatten this value: JSON may nest at most {limit} levels of objects and arrays.',
    'zh-CN': '请减少此值的嵌套：JSON 对象和数组最多嵌套 {limit} 层。',
  },
  BATON_E_MALFORMED_URL: {
    status: 400,
    en: 'Fix the URL: "{url}" is not validly percent-encoded.',
    'zh-CN': '请修正 URL："{url}" 的百分号编码无效。',
  },
  BATON_E_MALFORMED_JSON: {
    status: 400,
    en: 'Send a valid JSON body: it could not be parsed.',
    'zh-CN': '请发送有效的 JSON 请求体：无法解析当前内容。',
  },
  BATON_E_EMPTY_JSON_BODY: {
    status: 400,
    en: 'Send a JSON body: the Content-Type is application/json but the body is empty.',
    'zh-CN': '请发送 JSON 请求体：Content-Type 为 application/json，但请求体为空。',
  },
  BATON_E_BODY_TOO_LARGE: {
    status: 413,
    en: 'Send a smaller body: at most {limit} bytes are accepted.',
    'zh-CN': '请发送更小的请求体：最多接受 {limit} 字节。',
  },
  BATON_E_UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    en: 'Send the body as application/json.',
    'zh-CN': '请以 application/json 格式发送请求体。',
  },
  BATON_E_BAD_REQUEST: {
    status: 400,
    en: 'Fix the request: {detail}.',
    'zh-CN': '请修正请求：{detail}。',
  },
  BATON_E_ROUTE_NOT_FOUND: {
    status: 404,
    en: 'There is no {method} {url}: check the path and method in the API reference at /api/docs.',
    'zh-CN': '不存在 {method} {url}：请在 /api/docs 的 API 参考中核对路径和方法。',
  },
  BATON_E_RATE_LIMITED: {
    status: 429,
    en: 'Slow down: at most {max} requests per {windowSeconds} s are allowed per token; retry in {retryAfterSeconds} s.',
    'zh-CN': '请求过于频繁：每个令牌每 {windowSeconds} 秒最多 {max} 次请求；请在 {retryAfterSeconds} 秒后重试。',
  },
  BATON_E_CONFLICT: {
    status: 409,
    en: 'Another change to the same data was saved first: reload it and try again.',
    'zh-CN': '同一数据已被另一个更改先行保存：请重新加载后再试。',
  },
  BATON_E_DATABASE_UNAVAILABLE: {
    status: 503,
    en: 'The database cannot be reached right now: retry in a few seconds (see Retry-After).',
    'zh-CN': '暂时无法连接数据库：请在几秒后重试（见 Retry-After）。',
  },
  BATON_E_SERVER_FILES_CHANGED: {
    status: 503,
    en: 'The server\'s program files changed while it was running: retry in a few seconds (see Retry-After); if it persists, restart the server.',
    'zh-CN': '服务器运行期间其程序文件已被更改：请在几秒后重试（见 Retry-After）；若持续出现，请重启服务器。',
  },
  BATON_E_INTERNAL: {
    status: 500,
    en: 'The server failed to handle this request: try again, and report request {requestId} if it keeps failing.',
    'zh-CN': '服务器未能处理此请求：请重试；若持续失败，请报告请求编号 {requestId}。',
  },
});
