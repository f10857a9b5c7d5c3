import { defineErrors } from '../errors/error-catalogue.js';

/** Errors of scenarios (thrown before a run) and the failures a run reports. */
export const SIMULATION_ERRORS = defineErrors({
  BATON_E_SIM_INVALID_SCENARIO: {
    status: 400,
    en: 'Scenario is not valid ({count, plural, one {# problem} other {# problems}}); fix each place listed. First, at "{path}": {first}',
    'zh-CN': '测试场景无效（{count} 处问题）；请逐一修改所列位置。第一处在 "{path}"：{first}',
  },
  BATON_E_SIM_FLOW_MISMATCH: {
    status: 400,
    en: 'Scenario is written for flow "{scenarioFlow}" but was run against "{flowKey}": run it with that flow or change `flow`.',
    'zh-CN': '场景针对流程 "{scenarioFlow}"，却用流程 "{flowKey}" 运行：请使用正确的流程或修改 `flow`。',
  },
  BATON_E_SIM_UNKNOWN_NODE: {
    status: 400,
    en: 'Node "{nodeId}" is not in flow {flowKey}: use one of {nodes}.',
    'zh-CN': '流程 {flowKey} 中没有节点 "{nodeId}"：请使用以下节点之一：{nodes}。',
  },
  BATON_E_SIM_NO_TASK: {
    status: 400,
    en: 'Step {step}: there is no open task at node "{nodeId}"{forUser}. Open tasks: {open}. Check the step order or the assignee.',
    'zh-CN': '第 {step} 步：节点 "{nodeId}" 没有{forUser}待处理任务。当前待办：{open}。请检查步骤顺序或处理人。',
  },
  BATON_E_SIM_COMMAND_REFUSED: {
    status: 400,
    en: 'Step {step}: the flow refused the command ({code}): {reason}',
    'zh-CN': '第 {step} 步：流程拒绝了该操作（{code}）：{reason}',
  },
  BATON_E_SIM_REFUSAL_EXPECTED: {
    status: 400,
    en: 'Step {step}: expected the command to be refused with {expected}, but {actual}. Fix the flow or the `refused` code.',
    'zh-CN': '第 {step} 步：预期操作被拒绝（{expected}），实际 {actual}。请修改流程或 `refused` 错误码。',
  },
  BATON_E_SIM_EXPECT_STATUS: {
    status: 400,
    en: 'Step {step}: status is "{actual}", expected "{expected}".',
    'zh-CN': '第 {step} 步：流程状态为 "{actual}"，预期为 "{expected}"。',
  },
  BATON_E_SIM_EXPECT_AT: {
    status: 400,
    en: 'Step {step}: tokens are at [{actual}], expected [{expected}].',
    'zh-CN': '第 {step} 步：令牌位于 [{actual}]，预期位于 [{expected}]。',
  },
  BATON_E_SIM_EXPECT_TASKS: {
    status: 400,
    en: 'Step {step}: open tasks are [{actual}], expected [{expected}].',
    'zh-CN': '第 {step} 步：待办任务为 [{actual}]，预期为 [{expected}]。',
  },
  BATON_E_SIM_EXPECT_DATA: {
    status: 400,
    en: 'Step {step}: data at "{field}" is {actual}, expected {expected}.',
    'zh-CN': '第 {step} 步：数据 "{field}" 为 {actual}，预期为 {expected}。',
  },
  BATON_E_SIM_EXPECT_EFFECT: {
    status: 400,
    en: 'Step {step}: no effect since the previous expect matches {expected}. Emitted: {actual}.',
    'zh-CN': '第 {step} 步：自上一次检查以来没有与 {expected} 匹配的副作用。实际产生：{actual}。',
  },
  BATON_E_SIM_NOT_RUNNING: {
    status: 400,
    en: 'Step {step}: the instance already ended ({status}); remove the steps after it ended or fix the path.',
    'zh-CN': '第 {step} 步：流程实例已结束（{status}）；请删除结束后的步骤或修正路径。',
  },
});
