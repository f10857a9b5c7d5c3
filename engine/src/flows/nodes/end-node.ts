import type { NodeType } from '../node-type.js';
import { both, MAIN_IN, worded } from './node-schemas.js';

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
    properties: {
      status: worded({ enum: ['completed', 'rejected'] }, {
        title: both('Result', '结果'),
        enumTitles: { completed: both('Completed', '已完成'), rejected: both('Rejected', '已驳回') },
      }),
      terminate: worded({ type: 'boolean' }, {
        title: both('End the whole flow', '结束整个流程'),
        description: both('Also stops the other branches still running.', '同时终止仍在进行的其他分支。'),
      }),
    },
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
