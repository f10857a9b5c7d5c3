import type { StartFlowEffect } from '../../effects/effect.js';
import type { JsonLogic } from '../../expressions/expression-types.js';
import type { LocalizedText } from '../../i18n/localized-text.js';
import { localize } from '../../i18n/localized-text.js';
import type { RuleActionType } from '../trigger-type.js';
import { evaluateMap, expressionMapSchema, keySchema, localizedTextSchema, mapExpressions, templatesOf } from './action-helpers.js';

export interface StartFlowParams {
  flow: string;
  /** Start data for the new instance, each a JsonLogic value over this rule's data. */
  data?: Record<string, JsonLogic>;
  /** Template for the business key, e.g. "offboarding-{employeeId}". */
  businessKey?: LocalizedText;
}

/** Starts an instance of another flow (e.g. an NDA signing flow) with data taken from this one. */
export const startFlowAction: RuleActionType<StartFlowParams> = {
  type: 'start-flow',
  version: '1.0.0',
  paramsSchema: {
    type: 'object',
    properties: { flow: keySchema, data: expressionMapSchema, businessKey: localizedTextSchema },
    required: ['flow'],
    additionalProperties: false,
  },
  describe: () => ({
    label: { en: 'Start a flow', 'zh-CN': '发起流程' },
    description: { en: 'Starts a new instance of a flow with data from this one.', 'zh-CN': '用当前数据发起另一个流程的实例。' },
    icon: 'git-branch',
    category: 'flow',
  }),
  toEffects: (params, env) => {
    const effect: StartFlowEffect = { type: 'startFlow', key: env.key, flowKey: params.flow, data: evaluateMap(params.data, env) };
    if (params.businessKey !== undefined) effect.businessKey = localize(env.fill(params.businessKey), 'en');
    return [effect];
  },
  expressions: (params) => mapExpressions(params.data, 'data'),
  templates: (params) => templatesOf([['businessKey', params.businessKey]]),
};
