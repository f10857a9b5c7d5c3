/**
 * The connector types runtime-api ships (issue 4) and the secrets each one needs, by name. Other types come
 * from plugins and are announced through `SemanticCheckContext.connectorTypes`.
 */
export const BUILTIN_CONNECTOR_TYPES: Readonly<Record<string, { secrets: readonly string[] }>> = {
  webhook: { secrets: ['signingSecret'] },
  scim: { secrets: ['token'] },
  'crm-rest': { secrets: [] },
  'dingtalk-robot': { secrets: ['accessToken'] },
  'wecom-robot': { secrets: ['key'] },
  'sms-http': { secrets: [] },
  smtp: { secrets: [] },
};
