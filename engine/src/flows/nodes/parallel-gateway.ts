import type { NodeType } from '../node-type.js';
import { MAIN_IN, MAIN_OUT } from './node-schemas.js';

/** Split: every outgoing edge gets a token. Join (several incoming edges): waits for every token of its split. */
export const parallelGatewayType: NodeType = {
  type: 'parallel',
  version: '1.0.0',
  role: 'gateway',
  joins: true,
  splits: true,
  configSchema: { type: 'object', properties: {}, additionalProperties: false },
  describe: () => ({
    label: { en: 'Parallel gateway', 'zh-CN': '并行网关' },
    description: { en: 'Runs every path at once; as a join, waits for all of them.', 'zh-CN': '同时执行所有分支；作为汇聚时等待所有分支完成。' },
    icon: 'gateway-parallel',
    category: 'gateways',
    ports: { inputs: [MAIN_IN], outputs: [MAIN_OUT] },
  }),
  enter(_token, ctx) {
    return { leave: { edges: ctx.outgoing.map((e) => e.id) } };
  },
};
