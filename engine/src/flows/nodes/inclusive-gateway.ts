import { BatonError } from '../../errors/error-catalogue.js';
import { issue } from '../../errors/error-catalogue.js';
import { FLOW_ERRORS } from '../flow-errors.js';
import { FLOW_CHECK_ERRORS } from '../flow-check-errors.js';
import type { NodeType } from '../node-type.js';
import { MAIN_IN, MAIN_OUT } from './node-schemas.js';

/**
 * Split: every edge whose condition holds (an edge without condition always does), else the default edge.
 * Join: waits for the tokens its split actually activated.
 */
export const inclusiveGatewayType: NodeType = {
  type: 'inclusive',
  version: '1.0.0',
  role: 'gateway',
  joins: true,
  splits: true,
  configSchema: { type: 'object', properties: {}, additionalProperties: false },
  describe: () => ({
    label: { en: 'Inclusive gateway', 'zh-CN': '包容网关' },
    description: {
      en: 'Runs every path whose condition holds; as a join, waits for the paths that were started.',
      'zh-CN': '执行所有满足条件的分支；作为汇聚时等待已启动的分支完成。',
    },
    icon: 'gateway-inclusive',
    category: 'gateways',
    ports: { inputs: [MAIN_IN], outputs: [MAIN_OUT] },
  }),
  check(_config, ctx) {
    const conditional = ctx.outgoing.filter((e) => e.condition !== undefined && !e.default);
    if (conditional.length > 0 && !ctx.outgoing.some((e) => e.default || e.condition === undefined)) {
      return [issue(FLOW_CHECK_ERRORS.BATON_E_FLOW_NO_DEFAULT_BRANCH, ctx.path, { nodeId: ctx.node.id }, ctx.locale)];
    }
    return [];
  },
  enter(_token, ctx) {
    let edges = ctx.outgoing.filter((e) => !e.default && ctx.test(e.id));
    if (edges.length === 0) edges = ctx.outgoing.filter((e) => e.default);
    if (edges.length === 0) throw new BatonError(FLOW_ERRORS.BATON_E_FLOW_NO_BRANCH, { nodeId: ctx.node.id });
    return { leave: { edges: edges.map((e) => e.id) } };
  },
};
