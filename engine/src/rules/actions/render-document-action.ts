import type { RenderDocumentEffect } from '../../effects/effect.js';
import type { JsonLogic } from '../../expressions/expression-types.js';
import type { RuleActionType } from '../trigger-type.js';
import { evaluateMap, expressionMapSchema, keySchema, mapExpressions } from './action-helpers.js';

export interface RenderDocumentParams {
  /** Document definition key, e.g. "leaving-certificate". */
  document: string;
  /** Extra values for the template (JsonLogic each), merged over the record's data. */
  data?: Record<string, JsonLogic>;
}

/** Renders a document definition (e.g. the leaving certificate) with the record's data. */
export const renderDocumentAction: RuleActionType<RenderDocumentParams> = {
  type: 'render-document',
  version: '1.0.0',
  paramsSchema: {
    type: 'object',
    properties: { document: keySchema, data: expressionMapSchema },
    required: ['document'],
    additionalProperties: false,
  },
  describe: () => ({
    label: { en: 'Render a document', 'zh-CN': '生成文档' },
    description: { en: 'Renders a document template (PDF) from the data.', 'zh-CN': '用当前数据生成文档（PDF）。' },
    icon: 'file-text',
    category: 'document',
  }),
  toEffects: (params, env) => {
    const effect: RenderDocumentEffect = {
      type: 'renderDocument',
      key: env.key,
      document: params.document,
      data: { ...env.data, ...evaluateMap(params.data, env) },
    };
    if (env.instanceId) effect.instanceId = env.instanceId;
    return [effect];
  },
  expressions: (params) => mapExpressions(params.data, 'data'),
};
