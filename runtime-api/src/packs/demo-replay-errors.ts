import { defineErrors } from '@baton/engine';

// Problems of a demo seed's past instances (see replay-demo-instances.ts); each names the row and the step.
export const DEMO_REPLAY_ERRORS = defineErrors({
  BATON_E_PACK_SEED_REPLAY_REFUSED: {
    status: 422,
    en: 'The flow refused this scripted step ({code}: {reason}): fix the step so it is a decision the flow accepts at that point.',
    'zh-CN': '流程拒绝了这一脚本步骤（{code}：{reason}）：请修改该步骤，使其成为流程在此时可接受的操作。',
  },
  BATON_E_PACK_SEED_REPLAY_NO_TASK: {
    status: 422,
    en: 'No open task at "{node}" for this scripted step (open: {open}): fix the node, or the order of the steps.',
    'zh-CN': '此脚本步骤在 "{node}" 没有待办任务（当前待办：{open}）：请修正节点或步骤顺序。',
  },
  BATON_E_PACK_SEED_REPLAY_NO_FLOW: {
    status: 422,
    en: 'These seed rows of form "{form}" are scripted past instances, but {count} flows of the pack start with that form (exactly one must): fix the form key or the pack\'s flows.',
    'zh-CN': '表单 "{form}" 的这些种子行是带脚本的历史流程，但模板包中以该表单开始的流程有 {count} 个（必须恰好 1 个）：请修正表单键名或模板包的流程。',
  },
  BATON_E_PACK_SEED_REPLAY_UNFINISHED: {
    status: 422,
    en: 'The script ends while the instance is still running (at {open}): past instances are replayed to their end, add the missing steps.',
    'zh-CN': '脚本结束时流程仍在进行中（停留在 {open}）：历史流程需回放至结束，请补全缺少的步骤。',
  },
});
