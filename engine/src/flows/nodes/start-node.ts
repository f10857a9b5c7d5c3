import type { NodeType } from '../node-type.js';
import { MAIN_OUT } from './node-schemas.js';

/**
 * Where an instance begins: the initiator's submission. When an approver returns the work to the start,
 * the initiator gets a "resubmit" task; resubmitting goes straight back to that approver.
 */
export const startNodeType: NodeType = {
  type: 'start',
  version: '1.0.0',
  role: 'start',
  actions: ['resubmit'],
  configSchema: { type: 'object', properties: {}, additionalProperties: false },
  describe: () => ({
    label: { en: 'Start', 'zh-CN': '开始' },
    description: { en: 'The initiator submits the start form.', 'zh-CN': '发起人提交表单，流程开始。' },
    icon: 'play',
    category: 'events',
    ports: { inputs: [], outputs: [MAIN_OUT] },
  }),
  enter(token, ctx) {
    if (!token.returned) return { leave: {} };
    return {
      tasks: [{
        kind: 'form',
        assignees: [ctx.instance.initiator],
        actions: ['resubmit'],
        title: { en: 'Revise and resubmit', 'zh-CN': '修改后重新提交' },
      }],
    };
  },
  on(command) {
    if (command.kind === 'task' && command.action === 'resubmit') return { leave: {} };
    return undefined;
  },
};
