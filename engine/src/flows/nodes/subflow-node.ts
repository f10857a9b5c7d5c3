import type { JsonLogic } from '../../expressions/expression-types.js';
import type { NodeType } from '../node-type.js';
import { readPath } from '../resolve-assignees.js';
import { both, MAIN_IN, MAIN_OUT, worded } from './node-schemas.js';

export interface SubflowConfig {
  /** Key of the flow to start. */
  flow: string;
  /** Child data: field -> JsonLogic over the parent data. Default: a copy of the parent data. */
  input?: Record<string, JsonLogic>;
  /** Parent field -> path in the child's final data, copied when the child completes. */
  output?: Record<string, string>;
  /** Wait for the child (default true) or continue at once. */
  wait?: boolean;
}

/** The signal the runtime sends (to the parent token) when a child instance ends. */
export const SUBFLOW_COMPLETED = 'subflowCompleted';

/** Starts another flow; waits for its `subflowCompleted` signal, whose payload is `{ status, data }`. */
export const subflowNodeType: NodeType<SubflowConfig> = {
  type: 'subflow',
  version: '1.0.0',
  waitState: true,
  configSchema: {
    type: 'object',
    properties: {
      flow: worded({ type: 'string', pattern: '^[a-z][a-z0-9-]*$' }, { title: both('Flow to start', '要启动的流程') }),
      input: worded({ type: 'object' }, {
        title: both('Data passed in', '传入的数据'),
        description: both('Each field of the started flow, with the value or formula that fills it.', '被启动流程的每个字段，及填入它的值或公式。'),
      }),
      output: worded({ type: 'object', additionalProperties: { type: 'string', minLength: 1 } }, {
        title: both('Data copied back', '回写的数据'),
        description: both('Each field of this flow, with the field of the started flow it is copied from when that one ends.', '本流程的每个字段，及被启动流程结束时从中复制的字段。'),
      }),
      wait: worded({ type: 'boolean' }, { title: both('Wait for it to end', '等待其结束') }),
    },
    required: ['flow'],
    additionalProperties: false,
  },
  describe: () => ({
    label: { en: 'Subflow', 'zh-CN': '子流程' },
    description: { en: 'Starts another flow and waits for it to end.', 'zh-CN': '发起另一个流程并等待其结束。' },
    icon: 'subflow',
    category: 'automation',
    ports: { inputs: [MAIN_IN], outputs: [MAIN_OUT, { id: 'rejected', label: { en: 'Child rejected', 'zh-CN': '子流程被驳回' } }] },
  }),
  dataFields: (config) => Object.keys(config.output ?? {}),
  enter(token, ctx) {
    const { config } = ctx;
    const data: Record<string, unknown> = {};
    if (config.input) for (const [key, logic] of Object.entries(config.input)) data[key] = ctx.evaluate(logic);
    else Object.assign(data, ctx.data);
    const start = {
      type: 'startFlow' as const, flowKey: config.flow, data,
      parent: { instanceId: ctx.instance.id, nodeId: ctx.node.id, tokenId: token.id },
      ...(ctx.instance.businessKey !== undefined ? { businessKey: ctx.instance.businessKey } : {}),
    };
    return config.wait === false ? { effects: [start], leave: {} } : { effects: [start] };
  },
  on(command, _token, ctx) {
    if (command.kind !== 'signal' || command.name !== SUBFLOW_COMPLETED) return undefined;
    const payload = command.payload ?? {};
    const childData = payload.data;
    const patch: Record<string, unknown> = {};
    for (const [field, path] of Object.entries(ctx.config.output ?? {})) patch[field] = readPath(childData, path);
    const rejected = payload.status === 'rejected' && ctx.outgoing.some((e) => e.port === 'rejected');
    const leave = rejected ? { port: 'rejected' } : {};
    return Object.keys(patch).length > 0 ? { setData: patch, leave } : { leave };
  },
};
