import type { InvokeEffect } from '../../effects/effect.js';
import type { JsonLogic } from '../../expressions/expression-types.js';
import type { RuleActionType } from '../trigger-type.js';
import { evaluateMap, expressionMapSchema, mapExpressions } from './action-helpers.js';

export interface InvokeParams {
  /** A connector key ("crm"), or "type:scim" meaning every configured connector of that type. */
  connector: string;
  /** The connector action ("deactivateUser", "updateOwner"…). */
  action: string;
  /** Action parameters, each a JsonLogic value over the data. */
  params?: Record<string, JsonLogic>;
}

/** Calls a connector action through the runtime's outbox (at least once, with the effect key for dedupe). */
export const invokeAction: RuleActionType<InvokeParams> = {
  type: 'invoke',
  version: '1.0.0',
  paramsSchema: {
    type: 'object',
    properties: {
      connector: { type: 'string', pattern: '^([a-z][a-z0-9-]*|type:[a-z][a-z0-9-]*(/[a-z0-9-]+)?)$' },
      action: { type: 'string', minLength: 1 },
      params: expressionMapSchema,
    },
    required: ['connector', 'action'],
    additionalProperties: false,
  },
  describe: () => ({
    label: { en: 'Call a connector', 'zh-CN': '调用连接器' },
    description: {
      en: 'Runs an action of a connector (e.g. SCIM deactivate); "type:scim" targets every SCIM connector.',
      'zh-CN': '调用连接器的动作（如 SCIM 停用账号）；"type:scim" 表示所有 SCIM 类型的连接器。',
    },
    icon: 'plug',
    category: 'integration',
  }),
  toEffects: (params, env) => {
    const effect: InvokeEffect = {
      type: 'invoke',
      key: env.key,
      connector: params.connector,
      action: params.action,
      params: evaluateMap(params.params, env),
    };
    if (env.instanceId) effect.instanceId = env.instanceId;
    return [effect];
  },
  expressions: (params) => mapExpressions(params.params, 'params'),
};
