import { defineErrors } from '../errors/error-catalogue.js';

/** Problems found by checkFlowDefinition; each message says what to change in the designer. */
export const FLOW_CHECK_ERRORS = defineErrors({
  BATON_E_FLOW_UNKNOWN_TYPE: {
    status: 400,
    en: 'Node "{nodeId}" has type "{type}", which is not installed: install the plugin that provides it or pick another type.',
    'zh-CN': '节点 "{nodeId}" 的类型 "{type}" 未安装：请安装提供该类型的插件，或改用其他类型。',
  },
  BATON_E_FLOW_DUPLICATE_NODE_ID: {
    status: 400,
    en: 'Node id "{nodeId}" is used more than once: give each node its own id.',
    'zh-CN': '节点编号 "{nodeId}" 重复：请为每个节点设置唯一编号。',
  },
  BATON_E_FLOW_UNKNOWN_PORT: {
    status: 400,
    en: 'Edge "{edgeId}" leaves node "{nodeId}" through port "{port}", which that node does not have: connect it to one of {ports}.',
    'zh-CN': '连线 "{edgeId}" 从节点 "{nodeId}" 的端口 "{port}" 引出，但该节点没有此端口：请改接到 {ports} 之一。',
  },
  BATON_E_FLOW_DUPLICATE_EDGE_ID: {
    status: 400,
    en: 'Edge id "{edgeId}" is used more than once: give each edge its own id.',
    'zh-CN': '连线编号 "{edgeId}" 重复：请为每条连线设置唯一编号。',
  },
  BATON_E_FLOW_MISSING_START: {
    status: 400,
    en: 'The flow has no start node: add one start node.',
    'zh-CN': '流程没有开始节点：请添加一个开始节点。',
  },
  BATON_E_FLOW_SEVERAL_STARTS: {
    status: 400,
    en: 'Node "{nodeId}" is a second start node: keep exactly one start node and delete or change the others.',
    'zh-CN': '节点 "{nodeId}" 是多余的开始节点：只保留一个开始节点，删除或修改其余的。',
  },
  BATON_E_FLOW_MISSING_END: {
    status: 400,
    en: 'The flow has no end node: add an end node and connect the last steps to it.',
    'zh-CN': '流程没有结束节点：请添加结束节点，并将最后的步骤连接到它。',
  },
  BATON_E_FLOW_DANGLING_EDGE: {
    status: 400,
    en: 'Edge "{edgeId}" points at node "{nodeId}", which does not exist: reconnect the edge or delete it.',
    'zh-CN': '连线 "{edgeId}" 指向不存在的节点 "{nodeId}"：请重新连接或删除该连线。',
  },
  BATON_E_FLOW_UNREACHABLE_NODE: {
    status: 400,
    en: 'Node "{nodeId}" cannot be reached from the start: connect an edge into it or delete it.',
    'zh-CN': '从开始节点无法到达节点 "{nodeId}"：请为它连入一条连线，或删除该节点。',
  },
  BATON_E_FLOW_DEAD_END: {
    status: 400,
    en: 'From node "{nodeId}" no path leads to an end: connect it onwards to an end node.',
    'zh-CN': '从节点 "{nodeId}" 出发无法到达结束节点：请将它继续连接到结束节点。',
  },
  BATON_E_FLOW_NO_DEFAULT_BRANCH: {
    status: 400,
    en: 'Gateway "{nodeId}" has no default branch, so the flow stops when no condition holds: mark one outgoing edge as default.',
    'zh-CN': '网关 "{nodeId}" 没有默认分支，所有条件都不满足时流程会停住：请将一条出线设为默认分支。',
  },
  BATON_E_FLOW_JOIN_WITHOUT_SPLIT: {
    status: 400,
    en: 'Join "{nodeId}" merges paths that were never split in parallel, so it would wait forever: use an exclusive gateway to merge them, or split them with a parallel gateway first.',
    'zh-CN': '汇聚节点 "{nodeId}" 合并的分支并非由并行拆分产生，会一直等待：请改用排他网关合并，或先用并行网关拆分。',
  },
  BATON_E_FLOW_SPLIT_JOIN_MISMATCH: {
    status: 400,
    en: 'The branches of split "{nodeId}" do not meet at one join ({detail}): route every branch to the same join gateway.',
    'zh-CN': '拆分节点 "{nodeId}" 的各分支没有汇聚到同一个汇聚网关（{detail}）：请把所有分支连到同一个汇聚网关。',
  },
  BATON_E_FLOW_LOOP_WITHOUT_WAIT: {
    status: 400,
    en: 'The loop through {nodes} has no approval, task, timer or other waiting step, so it would spin forever: add a waiting step to the loop or remove the loop.',
    'zh-CN': '经过 {nodes} 的循环中没有审批、待办、定时等等待步骤，会无限循环：请在循环中加入等待步骤，或去掉该循环。',
  },
  BATON_E_FLOW_NO_ASSIGNEES: {
    status: 400,
    en: 'Node "{nodeId}" has no assignees: add at least one person, role, department or data field.',
    'zh-CN': '节点 "{nodeId}" 没有处理人：请至少添加一个人员、角色、部门或数据字段。',
  },
  BATON_E_FLOW_UNKNOWN_FIELD: {
    status: 400,
    en: 'The condition of edge "{edgeId}" reads field "{field}", which is not in the flow\'s form: pick an existing field or add it to the form.',
    'zh-CN': '连线 "{edgeId}" 的条件引用了字段 "{field}"，该字段不在流程表单中：请选择已有字段，或先在表单中添加。',
  },
  BATON_E_FLOW_UNKNOWN_PLACEHOLDER: {
    status: 400,
    en: 'A text of node "{nodeId}" names "{placeholder}", which is no field of the flow\'s forms: use a field key (e.g. {example}), or $item inside an each section.',
    'zh-CN': '节点 "{nodeId}" 的文字引用了 "{placeholder}"，它不是流程表单的字段：请使用字段键（如 {example}），或在 each 段落中使用 $item。',
  },
  BATON_E_FLOW_UNKNOWN_ACCESS_FIELD: {
    status: 400,
    en: 'Node "{nodeId}" sets access for field "{field}", which is not in form "{formKey}": remove the entry or pick an existing field.',
    'zh-CN': '节点 "{nodeId}" 为字段 "{field}" 设置了权限，但表单 "{formKey}" 中没有该字段：请删除该项或选择已有字段。',
  },
  BATON_E_FLOW_QUORUM_MISSING: {
    status: 400,
    en: 'Approval "{nodeId}" uses quorum mode but sets no quorum: add quorum.count or quorum.percent.',
    'zh-CN': '审批节点 "{nodeId}" 使用按比例通过模式但未设置比例：请添加 quorum.count 或 quorum.percent。',
  },
  BATON_E_FLOW_FALLBACK_MISSING: {
    status: 400,
    en: 'Approval "{nodeId}" hands the step to fallback people when nobody is found, but names none: add fallbackAssignees (e.g. the HR role), or choose approve or reject.',
    'zh-CN': '审批节点 "{nodeId}" 设置了“审批人为空时转交指定人员”，但未指定人员：请添加 fallbackAssignees（例如 HR 角色），或改为自动通过或自动驳回。',
  },
  BATON_E_FLOW_REJECT_PORT_UNCONNECTED: {
    status: 400,
    en: 'Approval "{nodeId}" routes rejections through its "rejected" port, but nothing is connected to it: connect that port or set onReject to "end".',
    'zh-CN': '审批节点 "{nodeId}" 的驳回走 "rejected" 端口，但该端口没有连线：请连接该端口，或把 onReject 设为 "end"。',
  },
  BATON_E_FLOW_SUBJECT_WITHOUT_FORM: {
    status: 400,
    en: 'The flow takes the person it is about from field "{field}", but it has no start form: choose the flow\'s form, or remove the subject setting.',
    'zh-CN': '流程从字段 "{field}" 读取所涉人员，但流程没有发起表单：请选择流程表单，或删除“所涉人员”设置。',
  },
  BATON_E_FLOW_SUBJECT_UNKNOWN_FIELD: {
    status: 400,
    en: 'The person this flow is about is read from field "{field}", which is not a top-level field of the start form "{formKey}": {fix}.',
    'zh-CN': '流程所涉人员读取自字段 "{field}"，但它不是发起表单 "{formKey}" 的顶层字段：{fixZh}。',
  },
  BATON_E_FLOW_SUBJECT_NOT_PERSON: {
    status: 400,
    en: 'The person this flow is about is read from field "{field}" of the start form "{formKey}", but that field is of type "{type}" and holds no person: {fix}.',
    'zh-CN': '流程所涉人员读取自发起表单 "{formKey}" 的字段 "{field}"，但该字段类型为 "{type}"，不是人员：{fixZh}。',
  },
  BATON_E_FLOW_SUBJECT_ROLE_BLANK: {
    status: 400,
    en: 'Entry {position} of the roles that may start this flow for someone else is empty: type a role (e.g. hr) or remove the entry.',
    'zh-CN': '可代他人发起的角色中第 {position} 项为空：请填写角色（如 hr），或删除该项。',
  },
  BATON_E_FLOW_SUBJECT_ROLE_SPACES: {
    status: 400,
    en: 'The role "{role}" that may start this flow for someone else has spaces at its ends, so it matches nobody\'s role: write it as "{trimmed}".',
    'zh-CN': '可代他人发起的角色 "{role}" 首尾带有空格，不会与任何人的角色匹配：请改为 "{trimmed}"。',
  },
  BATON_E_FLOW_START_CHECK_UNKNOWN_FIELD: {
    status: 400,
    en: 'Start check "{check}" shows its message at "{field}", which is not a top-level field of the start form "{formKey}": name one of its fields.',
    'zh-CN': '发起校验 "{check}" 的提示显示在 "{field}"，但它不是发起表单 "{formKey}" 的顶层字段：请改为该表单的字段。',
  },
});
