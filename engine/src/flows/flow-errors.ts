import { defineErrors } from '../errors/error-catalogue.js';

/** Errors of flow commands (thrown as BatonError) and of compiling a flow. */
export const FLOW_ERRORS = defineErrors({
  BATON_E_FLOW_NOT_RUNNING: {
    status: 409,
    en: 'Instance {instanceId} is {status}, so it takes no more commands: start a new instance instead.',
    'zh-CN': '流程实例 {instanceId} 已{status}，不再接受操作：请发起新的流程实例。',
  },
  BATON_E_FLOW_VERSION_MISMATCH: {
    status: 409,
    en: 'Instance {instanceId} runs {flowKey} version {stateVersion}, but the command was applied with version {compiledVersion}: load the flow version the instance runs (or migrate it first).',
    'zh-CN': '流程实例 {instanceId} 运行在 {flowKey} 第 {stateVersion} 版，但命令使用了第 {compiledVersion} 版：请加载实例所用的流程版本（或先迁移实例）。',
  },
  BATON_E_FLOW_TASK_NOT_FOUND: {
    status: 404,
    en: 'Task {taskId} does not belong to instance {instanceId}: check the task id.',
    'zh-CN': '任务 {taskId} 不属于流程实例 {instanceId}：请检查任务编号。',
  },
  BATON_E_FLOW_TASK_CLOSED: {
    status: 409,
    en: 'Task {taskId} is already {status}: refresh your task list; there is nothing left to do on it.',
    'zh-CN': '任务 {taskId} 已{status}：请刷新待办列表，此任务无需再处理。',
  },
  BATON_E_FLOW_HANDOVER_NOT_NEEDED: {
    status: 409,
    en: 'Task {taskId} still has an assignee who is here ({assignees}): there is nothing to hand over.',
    'zh-CN': '任务 {taskId} 仍有在职的处理人（{assignees}）：无需交接。',
  },
  BATON_E_FLOW_HANDOVER_NOBODY: {
    status: 409,
    en: 'Nobody above {assignees} in the reporting line is still here to take task {taskId}: give them a present manager in the directory, and the task is handed over at the next run.',
    'zh-CN': '{assignees} 的汇报线上已无在职的上级可接手任务 {taskId}：请在通讯录中为其设置在职的上级，下次运行时即会交接。',
  },
  BATON_E_FLOW_NOT_ASSIGNEE: {
    status: 403,
    en: 'User {user} is not an assignee of task {taskId}: ask one of its assignees ({assignees}) to act, or have it transferred to you.',
    'zh-CN': '用户 {user} 不是任务 {taskId} 的处理人：请由处理人（{assignees}）处理，或请其转交给你。',
  },
  BATON_E_FLOW_ASSIGNEE_LEFT: {
    status: 403,
    en: 'User {user} has left (their leave date has passed), so they cannot act on task {taskId} any more: it goes to the people still on it or to their manager.',
    'zh-CN': '用户 {user} 已离职（已过最后工作日），不能再处理任务 {taskId}：该任务将由其他在职处理人或其上级接手。',
  },
  BATON_E_FLOW_ACTION_NOT_ALLOWED: {
    status: 400,
    en: 'Action "{action}" is not allowed on task {taskId} at node {nodeId}: use one of {allowed}.',
    'zh-CN': '节点 {nodeId} 的任务 {taskId} 不允许操作 "{action}"：请使用以下操作之一：{allowed}。',
  },
  BATON_E_FLOW_ACTION_NEEDS_TARGET: {
    status: 400,
    en: 'Action "{action}" needs `to`: name the user(s) it goes to.',
    'zh-CN': '操作 "{action}" 需要填写 `to`：请指定目标用户。',
  },
  BATON_E_FLOW_GATE_NOT_MET: {
    status: 409,
    en: 'Step "{step}" cannot be completed yet: its checklist is not finished{detail}. Finish each open item, then complete the step.',
    'zh-CN': '步骤“{stepZh}”还不能完成：检查清单尚未完成{detailZh}。请先完成每一项未完成的事项再提交。',
  },
  BATON_E_FLOW_GATE_ITEM_OPEN: {
    status: 409,
    en: 'Not done yet: "{item}" on the checklist of step "{step}" must be done before the step can be completed.',
    'zh-CN': '尚未完成：步骤“{stepZh}”的检查清单中的“{itemZh}”，完成后才能提交该步骤。',
  },
  BATON_E_FLOW_FIELD_NOT_EDITABLE: {
    status: 403,
    en: 'Field "{field}" is {access} at node {nodeId}: remove it from the submitted data.',
    'zh-CN': '字段 "{field}" 在节点 {nodeId} 为{access}：请不要提交该字段。',
  },
  BATON_E_FLOW_SUBJECT_LOCKED: {
    status: 422,
    en: '"{label}" names the person this request is about, and it cannot change once it has started: leave it as it was, or withdraw this request and start a new one for the other person.',
    'zh-CN': '“{labelZh}”是本申请所涉的人员，申请发起后不能更改：请保持原值；如需为他人办理，请撤回本申请后重新发起。',
  },
  BATON_E_FLOW_ROW_NOT_YOURS: {
    status: 403,
    en: 'Row {row} of {table} was handed over to {holder}; this task at step {nodeId} covers only the rows of {owner}: leave that row as it was (its successor confirms it on their own task).',
    'zh-CN': '{table} 第 {row} 行交接给了{holder}；步骤 {nodeId} 的这条任务只处理交接给{owner}的行：请保持该行不变（由其接手人在自己的任务中确认）。',
  },
  BATON_E_FLOW_TASK_DATA_INVALID: {
    status: 400,
    en: 'The data submitted with task {taskId} is not valid ({count, plural, one {# problem} other {# problems}}): correct the fields listed.',
    'zh-CN': '任务 {taskId} 提交的数据有 {count} 处错误：请修改所列字段。',
  },
  BATON_E_FLOW_RETURN_TARGET: {
    status: 400,
    en: 'Cannot return task {taskId} to node "{target}": it is not an earlier step of this path. Pick one of {allowed}.',
    'zh-CN': '无法将任务 {taskId} 退回到节点 "{target}"：它不是当前路径上已经过的步骤。请选择：{allowed}。',
  },
  BATON_E_FLOW_TIMER_NOT_FOUND: {
    status: 404,
    en: 'Timer {timerId} is not pending on instance {instanceId} (it fired or was cancelled): drop the stale timer job.',
    'zh-CN': '定时器 {timerId} 不在流程实例 {instanceId} 的等待列表中（已触发或已取消）：请丢弃该过期任务。',
  },
  BATON_E_FLOW_SIGNAL_UNHANDLED: {
    status: 404,
    en: 'No node of instance {instanceId} waits for signal "{name}": check the signal name and its tokenId or nodeId.',
    'zh-CN': '流程实例 {instanceId} 中没有节点在等待信号 "{name}"：请检查信号名称及 tokenId / nodeId。',
  },
  BATON_E_FLOW_NOT_INITIATOR: {
    status: 403,
    en: 'Only the initiator ({initiator}) may withdraw instance {instanceId}: ask them, or cancel it as an administrator.',
    'zh-CN': '只有发起人（{initiator}）可以撤回流程实例 {instanceId}：请联系发起人，或由管理员取消。',
  },
  BATON_E_FLOW_NO_BRANCH: {
    status: 409,
    en: 'Gateway {nodeId} found no edge whose condition holds and has no default edge: add a default edge to it.',
    'zh-CN': '网关 {nodeId} 没有满足条件的分支，也没有默认分支：请为它添加一条默认连线。',
  },
  BATON_E_FLOW_NO_EDGE: {
    status: 409,
    en: 'Node {nodeId} has no outgoing edge for port "{port}": connect that output to the next node.',
    'zh-CN': '节点 {nodeId} 的输出端口 "{port}" 没有连线：请将该输出连接到下一个节点。',
  },
  BATON_E_FLOW_MIGRATE_OTHER_FLOW: {
    status: 400,
    en: 'Instance {instanceId} runs flow {flowKey}; it cannot migrate to flow {targetKey}: pick a version of the same flow.',
    'zh-CN': '流程实例 {instanceId} 属于流程 {flowKey}，无法迁移到流程 {targetKey}：请选择同一流程的其他版本。',
  },
  BATON_E_FLOW_MIGRATE_REMOVED_NODE: {
    status: 409,
    en: 'Cannot migrate instance {instanceId} to version {toVersion}: {count, plural, one {# token or task sits on a node that is gone or changed type} other {# tokens or tasks sit on nodes that are gone or changed type}} ({nodes}). Map each of them to a node of the new version in nodeMapping.',
    'zh-CN': '无法将流程实例 {instanceId} 迁移到第 {toVersion} 版：有 {count} 个令牌或任务停留在已删除或类型已变的节点（{nodes}）。请在 nodeMapping 中把它们映射到新版本的节点。',
  },
  BATON_E_FLOW_UNKNOWN_NODE_TYPE: {
    status: 400,
    en: 'Node {nodeId} has type "{type}", which no installed plugin provides: install the plugin or change the node type.',
    'zh-CN': '节点 {nodeId} 的类型 "{type}" 没有任何已安装插件提供：请安装对应插件或更换节点类型。',
  },
  BATON_E_FLOW_NO_START: {
    status: 400,
    en: 'Flow {flowKey} has no start node: add exactly one node of a start type.',
    'zh-CN': '流程 {flowKey} 没有开始节点：请添加且仅添加一个开始节点。',
  },
});
