import { BatonError, issue } from '../../errors/error-catalogue.js';
import type { JsonLogic } from '../../expressions/expression-types.js';
import type { AssigneeSpec } from '../flow-definition.js';
import { FLOW_ERRORS } from '../flow-errors.js';
import { pointer } from '../../errors/issue.js';
import { describeBlockers, gateBlockers, type GateBlocker } from '../gate-blockers.js';
import { plainRowLabel } from '../../forms/row-label.js';
import { localize, type Locale, type LocalizedText } from '../../i18n/localized-text.js';
import { ownRowsOf, ownRowsView } from '../own-rows.js';
import type { NodeContext, NodeOutcome, NodeType } from '../node-type.js';
import { describeCandidates } from '../resolve-assignees.js';
import { assigneeListSchema, both, jsonLogicSchema, MAIN_IN, MAIN_OUT, worded } from './node-schemas.js';
import { COMMENT_REQUIRED_WORDS, HAND_OVER_WORDS } from './task-words.js';

export interface TaskConfig {
  /** A person, role, department or a user named in the data; anyone of them may complete it. */
  assignees: AssigneeSpec[];
  /** Checklist gate: JsonLogic over the data that must hold before the task can be completed. */
  gate?: JsonLogic;
  /** Actions offered; default complete, delegate, transfer. An action other than these leaves through the port of the same name when connected. */
  actions?: string[];
  /** Actions that need a comment (the reason); default reject and return (task-action-rules.ts), [] asks for none. */
  commentRequired?: string[];
  /** Whom delegate, transfer and add-signer may name: anyone (default) or the task's candidates (task-action-rules.ts). */
  handOverTo?: 'anyone' | 'candidates';
  /** When nobody resolves: give the task to the initiator (default) or skip the step. */
  whenEmpty?: 'initiator' | 'skip';
  /**
   * One task per resolved person instead of one shared task (e.g. each successor confirms the handover):
   * the node moves on when every one of them is done; the gate is checked on the last completion.
   */
  each?: boolean;
}

const DEFAULT_ACTIONS = ['complete', 'delegate', 'transfer'];

function gateHolds(ctx: NodeContext<TaskConfig>, data?: Record<string, unknown>): boolean {
  return ctx.config.gate === undefined || Boolean(ctx.evaluate(ctx.config.gate, data));
}

/** A blocker found in an `each` task's own rows, numbered as the whole table numbers it. */
function remapped(blockers: GateBlocker[], index: Map<string, number[]> | undefined): GateBlocker[] {
  if (!index) return blockers;
  return blockers.map((b) => {
    const rows = b.row === undefined ? undefined : index.get(b.field);
    const row = rows?.[b.row as number];
    if (row === undefined) return b;
    return { ...b, row, path: b.column ? pointer('data', b.field, row, b.column) : pointer('data', b.field, row) };
  });
}

/**
 * The refusal of a failing gate, naming what blocks it: one issue per field or row (its JSON Pointer into
 * the submission, e.g. "/data/assets/1/returned"), so a task page can show each at its field.
 */
function gateNotMet(ctx: NodeContext<TaskConfig>, taskId: string, own?: ReturnType<typeof ownRowsView>): BatonError {
  // Rows are named as people know them: an asset row by the asset's tag, not the record id in its cell.
  const labelRow = (table: string, row: unknown) => (ctx.rowLabel ? ctx.rowLabel(table, row, ctx.node.form?.key) : plainRowLabel(row));
  const blockers = remapped(gateBlockers(ctx.config.gate!, own?.data ?? ctx.data, (logic, data) => ctx.evaluate(logic, data), labelRow), own?.index);
  // People read labels ("Finance: final settlement", "Settlement completed"); ids stay in paths and params.
  const say = (list: readonly GateBlocker[], l: Locale) => describeBlockers(list, l, (field) => ctx.fieldLabel?.(field, ctx.node.form?.key, l));
  const en = say(blockers, 'en');
  const zh = say(blockers, 'zh-CN');
  const step = { step: localize(ctx.node.name as LocalizedText, 'en') || ctx.node.id, stepZh: localize(ctx.node.name as LocalizedText, 'zh-CN') || ctx.node.id };
  const params = { taskId, nodeId: ctx.node.id, ...step, detail: en ? ` (still open: ${en})` : '', detailZh: zh ? `（未完成：${zh}）` : '' };
  const items = blockers.map((b) =>
    issue(FLOW_ERRORS.BATON_E_FLOW_GATE_ITEM_OPEN, b.path, { nodeId: ctx.node.id, field: b.field, ...step, item: say([b], 'en'), itemZh: say([b], 'zh-CN') }, ctx.locale),
  );
  const head = issue(FLOW_ERRORS.BATON_E_FLOW_GATE_NOT_MET, blockers[0]?.path ?? '', params, ctx.locale);
  return new BatonError(FLOW_ERRORS.BATON_E_FLOW_GATE_NOT_MET, params, [head, ...items], head.path);
}

/** A to-do: someone does something outside the system (return a laptop) and ticks it off. */
export const taskNodeType: NodeType<TaskConfig> = {
  type: 'task',
  version: '1.0.0',
  waitState: true,
  actions: DEFAULT_ACTIONS,
  configSchema: {
    type: 'object',
    properties: {
      assignees: worded(assigneeListSchema, { title: both('Assignees', '处理人') }),
      gate: worded(jsonLogicSchema, { title: both('Can be completed only when', '满足以下条件才能完成') }),
      actions: worded({ type: 'array', items: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' }, minItems: 1, uniqueItems: true }, {
        title: both('Buttons offered', '可用操作'),
        description: both(
          'Default: complete, delegate and transfer. Another name adds a button that leaves through the exit of the same name.',
          '默认：完成、委派、转交。其他名称会增加一个按钮，并从同名出口离开。',
        ),
      }),
      handOverTo: worded({ enum: ['anyone', 'candidates'] }, HAND_OVER_WORDS),
      commentRequired: worded({ type: 'array', items: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' }, uniqueItems: true }, COMMENT_REQUIRED_WORDS),
      whenEmpty: worded({ enum: ['initiator', 'skip'] }, {
        title: both('When nobody is found', '处理人为空时'),
        enumTitles: { initiator: both('Give it to the person who started the flow', '交给发起人'), skip: both('Skip the step', '跳过此步') },
      }),
      each: worded({ type: 'boolean' }, {
        title: both('One task for each person', '每人一个待办'),
        description: both('Otherwise one shared task, done by whoever acts first.', '否则为一个共享待办，由第一个处理的人完成。'),
      }),
    },
    required: ['assignees'],
    additionalProperties: false,
  },
  describe: () => ({
    label: { en: 'Task', 'zh-CN': '待办任务' },
    description: {
      en: 'A to-do for a person, role or department (shared, or one each), optionally gated by a checklist condition.',
      'zh-CN': '指派给人员、角色或部门的待办（共享一条或每人一条），可设置完成前必须满足的检查条件。',
    },
    icon: 'checklist',
    category: 'people',
    ports: { inputs: [MAIN_IN], outputs: [MAIN_OUT] },
  }),
  assignees: (config) => config.assignees,
  enter(_token, ctx) {
    const { config } = ctx;
    let users = ctx.resolveAssignees(config.assignees);
    if (users.length === 0) {
      if (config.whenEmpty === 'skip') return { leave: {} };
      users = [ctx.instance.initiator];
    }
    const candidates = describeCandidates(config.assignees);
    const groups = config.each === true ? users.map((user) => [user]) : [users];
    const tasks = groups.map((assignees) => {
      const task: NonNullable<NodeOutcome['tasks']>[number] = { kind: 'task', assignees, candidates, actions: config.actions ?? DEFAULT_ACTIONS };
      if (config.each === true) task.slot = assignees[0]!;
      if (ctx.slaDueAt !== undefined) task.dueAt = ctx.slaDueAt;
      return task;
    });
    return { tasks };
  },
  on(command, _token, ctx) {
    if (command.kind === 'decide') {
      if (command.decision === 'reject') return { end: { status: 'rejected', terminate: true } };
      // Auto-completion never skips the checklist: while the gate fails the task stays open.
      return gateHolds(ctx) ? { leave: {} } : {};
    }
    if (command.kind !== 'task') return undefined;
    // One task per person for the rows naming them (each successor's customers): each judges the checklist
    // on its own rows, since nobody else may tick them (own-rows.ts).
    const own = ctx.config.each === true ? ownRowsOf(ctx.node, command.task) : undefined;
    if (own && command.action === 'complete') {
      const view = ownRowsView(own, ctx.data);
      if (!gateHolds(ctx, view.data)) throw gateNotMet(ctx, command.task.id, view);
    }
    // With one task per person the node waits for the others; the checklist is judged on the last one.
    if (ctx.config.each === true && ctx.openTasks.length > 0) return {};
    if (!gateHolds(ctx)) {
      throw gateNotMet(ctx, command.task.id);
    }
    if (command.action === 'complete') return { leave: {} };
    return ctx.outgoing.some((e) => e.port === command.action) ? { leave: { port: command.action } } : { leave: {} };
  },
};
