import { defineErrors } from '@baton/engine';

/**
 * Codes of the connector framework. API refusals carry an HTTP status; delivery failures (status 0 is never
 * sent) are recorded on the outbox row and the instance's timeline with the same message.
 */
export const CONNECTOR_API_ERRORS = defineErrors({
  BATON_E_CONNECTOR_NOT_FOUND: {
    status: 404,
    en: 'There is no connector "{key}": create it with PUT /api/connectors/{key}.',
    'zh-CN': '不存在连接器 "{key}"：请先通过 PUT /api/connectors/{key} 创建。',
  },
  BATON_E_CONNECTOR_CURSOR_INVALID: {
    status: 400,
    en: 'The cursor "{cursor}" is not one this delivery list gave out: start again without a cursor.',
    'zh-CN': '游标“{cursor}”不是本投递列表返回的：请去掉 cursor 从第一页重新开始。',
  },
  BATON_E_CONNECTOR_DELIVERY_RANGE: {
    status: 400,
    en: 'The date range is empty: "from" ({from}) must be before "to" ({to}).',
    'zh-CN': '日期范围为空：“from”（{from}）必须早于“to”（{to}）。',
  },
  BATON_E_CONNECTOR_TYPE_UNKNOWN: {
    status: 422,
    en: 'There is no connector type "{type}": use one of {known}, or register the plugin that provides it.',
    'zh-CN': '不存在连接器类型 "{type}"：请使用 {known} 之一，或注册提供该类型的插件。',
  },
  BATON_E_CONNECTOR_TYPE_CHANGED: {
    status: 409,
    en: 'Connector "{key}" is a {current} connector: a key keeps its type; choose another key for a {requested} connector.',
    'zh-CN': '连接器 "{key}" 的类型是 {current}：键一旦创建类型不可更改；如需 {requested} 连接器请换一个键。',
  },
  BATON_E_CONNECTOR_CONFIG_INVALID: {
    status: 422,
    en: 'Fix the connector configuration: each problem is listed in issues with its path.',
    'zh-CN': '请修正连接器配置：每个问题及其路径都列在 issues 中。',
  },
  BATON_E_CONNECTOR_CONFIG_RULE: {
    status: 422,
    en: '{en}',
    'zh-CN': '{zh}',
  },
  BATON_E_CONNECTOR_SECRET_REQUIRED: {
    status: 422,
    en: 'A {type} connector needs the secret "{name}": send it under "secrets" (it is stored encrypted and never shown again).',
    'zh-CN': '{type} 类型的连接器需要密钥 "{name}"：请在 "secrets" 中提供（加密保存，之后不再显示）。',
  },
  BATON_E_CONNECTOR_SECRET_UNKNOWN: {
    status: 422,
    en: 'A {type} connector has no secret "{name}": use one of {known}.',
    'zh-CN': '{type} 类型的连接器没有名为 "{name}" 的密钥：请使用 {known} 之一。',
  },
  BATON_E_CONNECTOR_SECRET_UNREADABLE: {
    status: 500,
    en: 'The secret "{name}" of connector "{key}" cannot be opened with this server\'s master key: set BATON_MASTER_KEY (or BATON_MASTER_KEY_PREVIOUS) to the key it was saved with, or save the secret again.',
    'zh-CN': '无法用本服务器的主密钥解开连接器 "{key}" 的密钥 "{name}"：请将 BATON_MASTER_KEY（或 BATON_MASTER_KEY_PREVIOUS）设为保存时的主密钥，或重新保存该密钥。',
  },
  BATON_E_CONNECTOR_DISABLED: {
    status: 409,
    en: 'Connector "{key}" is disabled ({reason}): fix the endpoint and save the connector again (PUT) to enable it.',
    'zh-CN': '连接器 "{key}" 已停用（{reason}）：请修正接收端后重新保存（PUT）该连接器以启用。',
  },
  BATON_E_CONNECTOR_ACTION_UNKNOWN: {
    status: 422,
    en: 'A {type} connector has no action "{action}": use one of {known}.',
    'zh-CN': '{type} 类型的连接器没有动作 "{action}"：请使用 {known} 之一。',
  },
  BATON_E_CONNECTOR_PARAMS_INVALID: {
    status: 422,
    en: 'The parameters of {type} action "{action}" are invalid: {detail}.',
    'zh-CN': '{type} 动作 "{action}" 的参数无效：{detail}。',
  },
  BATON_E_CONNECTOR_NONE_OF_TYPE: {
    status: 422,
    en: 'No enabled connector of type "{type}" is configured: add one with PUT /api/connectors/:key.',
    'zh-CN': '尚未配置任何已启用的 "{type}" 类型连接器：请通过 PUT /api/connectors/:key 添加。',
  },
  BATON_E_NOTIFICATION_NOT_FOUND: {
    status: 404,
    en: 'There is no notification "{id}" for you.',
    'zh-CN': '没有属于你的通知 "{id}"。',
  },
  BATON_E_USER_NOT_FOUND_FOR_ACTION: {
    status: 422,
    en: 'The directory has no user "{userId}": import them first or pass userName / externalId.',
    'zh-CN': '目录中没有用户 "{userId}"：请先导入该用户，或直接传入 userName / externalId。',
  },
});

/** Refusals of the outbound guard and failures of a peer: recorded on the delivery, shown by POST …/test. */
export const CONNECTOR_DELIVERY_ERRORS = defineErrors({
  BATON_E_SSRF_URL_INVALID: {
    status: 422,
    en: 'The URL "{url}" is not a valid absolute URL: write it as https://host/path.',
    'zh-CN': 'URL "{url}" 不是有效的绝对地址：请写成 https://主机/路径 的形式。',
  },
  BATON_E_SSRF_SCHEME: {
    status: 422,
    en: 'Only http and https URLs may be called, not "{scheme}": change the URL.',
    'zh-CN': '只能调用 http 和 https 地址，不能使用 "{scheme}"：请修改 URL。',
  },
  BATON_E_SSRF_USERINFO: {
    status: 422,
    en: 'The URL carries a user name or password (user@host): remove it and put credentials in the connector\'s secrets.',
    'zh-CN': 'URL 中包含用户名或密码（user@host）：请删除，并把凭据放入连接器的密钥中。',
  },
  BATON_E_SSRF_IP_SPELLING: {
    status: 422,
    en: 'The host "{written}" is an IP address in an unusual spelling (it means {canonical}): write the address as four decimal numbers, or use a host name.',
    'zh-CN': '主机 "{written}" 是非常规写法的 IP 地址（实为 {canonical}）：请写成四段十进制地址，或使用主机名。',
  },
  BATON_E_SSRF_BLOCKED: {
    status: 422,
    en: 'Refused to call {host}: it resolves to {address} ({range}), an internal address. If this system is really inside your network, add "{host}" to the connector\'s config.allowHosts.',
    'zh-CN': '已拒绝调用 {host}：它解析到内部地址 {address}（{range}）。如果该系统确实位于内网，请将 "{host}" 加入连接器的 config.allowHosts。',
  },
  BATON_E_SSRF_UNRESOLVED: {
    status: 502,
    en: 'The host {host} could not be resolved ({reason}): check the host name; delivery is retried.',
    'zh-CN': '无法解析主机 {host}（{reason}）：请检查主机名；系统将重试投递。',
  },
  BATON_E_SSRF_ORIGIN_CHANGED: {
    status: 422,
    en: 'The path "{path}" would leave the connector\'s baseUrl ({origin}): paths must stay on that host.',
    'zh-CN': '路径 "{path}" 会离开连接器的 baseUrl（{origin}）：路径必须位于该主机之下。',
  },
  BATON_E_PEER_REDIRECT: {
    status: 502,
    en: 'The receiver answered {status} and points to {location}: redirects are not followed; set baseUrl to the final address.',
    'zh-CN': '接收端返回 {status} 并指向 {location}：系统不跟随重定向；请把 baseUrl 改为最终地址。',
  },
  BATON_E_PEER_GONE: {
    status: 502,
    en: 'The receiver answered 410 Gone: the connector was disabled; fix the endpoint and save the connector again to enable it.',
    'zh-CN': '接收端返回 410 Gone：连接器已停用；请修正接收端后重新保存连接器以启用。',
  },
  BATON_E_PEER_REJECTED: {
    status: 502,
    en: 'The receiver refused the request with {status}: {detail}. Fix the connector configuration or the data; it is not retried.',
    'zh-CN': '接收端以 {status} 拒绝了请求：{detail}。请修正连接器配置或数据；不会重试。',
  },
  BATON_E_PEER_UNAVAILABLE: {
    status: 502,
    en: 'The receiver is unavailable ({detail}); delivery is retried.',
    'zh-CN': '接收端暂不可用（{detail}）；系统将重试投递。',
  },
  BATON_E_PEER_TIMEOUT: {
    status: 504,
    en: 'The receiver did not answer within {timeoutMs} ms; delivery is retried.',
    'zh-CN': '接收端未在 {timeoutMs} 毫秒内响应；系统将重试投递。',
  },
  BATON_E_PEER_ERROR_CODE: {
    status: 502,
    en: 'The receiver answered with error {errcode}: {errmsg}.',
    'zh-CN': '接收端返回错误 {errcode}：{errmsg}。',
  },
  BATON_E_PEER_NOT_VERIFIED: {
    status: 502,
    en: 'Read-back did not confirm the change ({detail}); delivery is retried.',
    'zh-CN': '回读未能确认变更（{detail}）；系统将重试投递。',
  },
  BATON_E_CONNECTOR_MISCONFIGURED: {
    status: 422,
    en: 'Connector "{key}" cannot run: {detail}.',
    'zh-CN': '连接器 "{key}" 无法运行：{detail}。',
  },
  BATON_E_MESSAGE_NO_TEMPLATE: {
    status: 422,
    en: 'The SMS connector has no template "{template}": add it to config.templates with its approved template code.',
    'zh-CN': '短信连接器没有模板 "{template}"：请在 config.templates 中添加该模板及其审核通过的模板编号。',
  },
});
