import type { CreateTaskEffect } from '../../effects/effect.js';
import type { JsonLogic } from '../../expressions/expression-types.js';
import type { LocalizedText } from '../../i18n/localized-text.js';
import { assigneeSpecSchema, type AssigneeSpec } from '../assignee-spec.js';
import { addDuration, durationSchema, type RuleDuration } from '../rule-dates.js';
import type { RuleActionType } from '../trigger-type.js';
import {
  assigneeFieldRefs,
  evaluateMap,
  expressionMapSchema,
  keySchema,
  localizedTextSchema,
  mapExpressions,
  templatesOf,
} from './action-helpers.js';

export interface CreateTaskParams {
  /** Template: "Disable accounts of {employee.name}". */
  title: LocalizedText;
  description?: LocalizedText;
  assignees: AssigneeSpec[];
  /** What the assignee can do; ["complete"] by default. */
  actions?: string[];
  /** Due after this long from now (business units follow the calendar). */
  due?: RuleDuration;
  /** A form the assignee fills in to complete the task. */
  form?: string;
  /** Values shown with the task (JsonLogic each), e.g. { "accounts": {"var": "accounts"} }. */
  data?: Record<string, JsonLogic>;
}

/** Creates a to-do for people resolved from the directory (users, a role, a department, a field, a manager). */
export const createTaskAction: RuleActionType<CreateTaskParams> = {
  type: 'create-task',
  version: '1.0.0',
  paramsSchema: {
    type: 'object',
    properties: {
      title: localizedTextSchema,
      description: localizedTextSchema,
      assignees: { type: 'array', items: assigneeSpecSchema, minItems: 1 },
      actions: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, uniqueItems: true },
      due: durationSchema,
      form: keySchema,
      data: expressionMapSchema,
    },
    required: ['title', 'assignees'],
    additionalProperties: false,
  },
  describe: () => ({
    label: { en: 'Create a task', 'zh-CN': '创建待办' },
    description: {
      en: 'Assigns a to-do with a title filled from the data, e.g. "Disable accounts of {employee.name}".',
      'zh-CN': '生成一条待办，标题可引用数据，如“停用 {employee.name} 的账号”。',
    },
    icon: 'check-square',
    category: 'task',
  }),
  toEffects: (params, env) => {
    const { users, candidates, replaced } = env.resolveAssignees(params.assignees);
    const effect: CreateTaskEffect = {
      type: 'createTask',
      key: env.key,
      task: {
        taskId: env.key,
        kind: 'task',
        title: env.fill(params.title),
        assignees: users,
        candidates,
        actions: params.actions ?? ['complete'],
        data: evaluateMap(params.data, env),
      },
    };
    // The runtime records each as `assignee.replaced` with the task, as a flow does for its own tasks.
    if (replaced.length > 0) effect.task.replacedAssignees = replaced;
    if (params.description !== undefined) effect.task.description = env.fill(params.description);
    if (env.instanceId) effect.task.instanceId = env.instanceId;
    if (params.form) effect.task.formKey = params.form;
    if (params.due) effect.task.dueAt = addDuration(env.ctx.now, params.due, env.ctx);
    return [effect];
  },
  expressions: (params) => mapExpressions(params.data, 'data'),
  templates: (params) => templatesOf([['title', params.title], ['description', params.description]]),
  fieldRefs: (params) => assigneeFieldRefs(params.assignees, 'assignees'),
};
