import type { NodeType } from '../node-type.js';
import { MAIN_IN } from './node-schemas.js';

export interface EndConfig {
  /** How the instance ends when this is the last token (or when it terminates). Default completed. */
  status?: 'completed' | 'rejected';
  /** End the whole instance now, withdrawing every other branch's tasks. A rejected end always does. */
  terminate?: boolean;
}

/** Consumes a token; the instance completes when no token is left. */
export const endNodeType: NodeType<EndConfig> = {
  type: 'end',
  version: '1.0.0',
  role: 'end',
  configSchema: {
    type: 'object',
    properties: { status: { enum: ['completed', 'rejected'] }, terminate: { type: 'boolean' } },
    additionalProperties: false,
  },
  describe: () => ({
    label: { en: 'End', 'zh-CN': '结束' },
    description: { en: 'Ends this path; the flow ends when every path has.', 'zh-CN': '结束当前路径；所有路径结束后流程结束。' },
    icon: 'stop',
    category: 'events',
    ports: { inputs: [MAIN_IN], outputs: [] },
  }),
  enter(_token, ctx) {
    return { end: { status: ctx.config.status ?? 'completed', terminate: ctx.config.terminate === true } };
  },
};
