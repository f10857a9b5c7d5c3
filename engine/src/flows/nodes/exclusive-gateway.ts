import { BatonError } from '../../errors/error-catalogue.js';
import { issue } from '../../errors/error-catalogue.js';
import { FLOW_ERRORS } from '../flow-errors.js';
import { FLOW_CHECK_ERRORS } from '../flow-check-errors.js';
import type { NodeType } from '../node-type.js';
import { MAIN_IN, MAIN_OUT } from './node-schemas.js';

/** Takes the first outgoing edge (in definition order) whose condition holds, else the default edge. */
export const exclusiveGatewayType: NodeType = {
  type: 'exclusive',
  version: '1.0.0',
  role: 'gateway',
  configSchema: { type: 'object', properties: {}, additionalProperties: false },
  describe: () => ({
    label: { en: 'Exclusive gateway', 'zh-CN': '排他网关' },
    description: { en: 'Chooses one path: the first condition that holds, else the default.', 'zh-CN': '选择一条路径：第一个满足条件的分支，否则走默认分支。' },
    icon: 'gateway-exclusive',
    category: 'gateways',
    ports: { inputs: [MAIN_IN], outputs: [MAIN_OUT] },
  }),
  check(_config, ctx) {
    if (ctx.outgoing.length > 1 && !ctx.outgoing.some((e) => e.default)) {
      return [issue(FLOW_CHECK_ERRORS.BATON_E_FLOW_NO_DEFAULT_BRANCH, `${ctx.path}`, { nodeId: ctx.node.id }, ctx.locale)];
    }
    return [];
  },
  enter(_token, ctx) {
    const chosen = ctx.outgoing.find((e) => !e.default && ctx.test(e.id)) ?? ctx.outgoing.find((e) => e.default);
    if (!chosen) throw new BatonError(FLOW_ERRORS.BATON_E_FLOW_NO_BRANCH, { nodeId: ctx.node.id });
    return { leave: { edges: [chosen.id] } };
  },
};
