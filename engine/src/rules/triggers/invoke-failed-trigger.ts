import { defineEventTrigger, oneOrManySchema, passes } from './event-trigger.js';

export interface InvokeFailedConfig {
  /** Connector key(s) or "type:<connectorType>"; any connector when omitted. */
  connector?: string | string[];
  /** Connector action(s); any action when omitted. */
  action?: string | string[];
}

/**
 * Fires when the runtime reports that a connector call failed for good (`invoke.failed`, payload
 * `{ connector, connectorType, action, error }`), e.g. "notify IT of any system where revocation failed".
 */
export const invokeFailedTrigger = defineEventTrigger<InvokeFailedConfig>({
  type: 'invoke-failed',
  events: ['invoke.failed'],
  label: { en: 'Connector call failed', 'zh-CN': '连接器调用失败时' },
  description: {
    en: 'When a connector action (e.g. SCIM deactivation) failed after its retries.',
    'zh-CN': '连接器动作（如 SCIM 停用账号）重试后仍失败时触发。',
  },
  icon: 'alert-triangle',
  configSchema: { type: 'object', properties: { connector: oneOrManySchema, action: oneOrManySchema }, additionalProperties: false },
  match: (event, config) => {
    const p = event.payload ?? {};
    const key = typeof p.connector === 'string' ? p.connector : undefined;
    const type = typeof p.connectorType === 'string' ? `type:${p.connectorType}` : undefined;
    const connectorOk = passes(config.connector, key) || (type !== undefined && passes(config.connector, type));
    return connectorOk && passes(config.action, typeof p.action === 'string' ? p.action : undefined);
  },
});
