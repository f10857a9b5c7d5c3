import type { CreateTaskEffect } from '../../effects/effect.js';
import { BatonError } from '../../errors/error-catalogue.js';
import type { JsonLogic } from '../../expressions/expression-types.js';
import { localize, type LocalizedText } from '../../i18n/localized-text.js';
import { assigneeSpecSchema, type AssigneeSpec } from '../assignee-spec.js';
import { addDuration, durationSchema, type RuleDuration } from '../rule-dates.js';
import { RULES_ERRORS } from '../rules-errors.js';
import { fallBackAssignees, type AssigneeFallback } from '../task-assignee-fallback.js';
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
  /**
   * Who gets the task when `assignees` resolve to nobody present (a role nobody holds, an empty person
   * field). Tried first; then the `hr` role's present holders, then the `admin` role's (task-assignee-fallback.ts).
   */
  fallbackAssignees?: AssigneeSpec[];
  /** What the assignee can do; ["complete"] by default. */
  actions?: string[];
  /** Due after this long from now (business units follow the calendar). */
  due?: RuleDuration;
  /** A form the assignee fills in to complete the task. */
  form?: string;
  /** Values shown with the task (JsonLogic each), e.g. { "accounts": {"var": "accounts"} }. */
  data?: Record<string, JsonLogic>;
  /**
   * A to-do about an instance is cancelled when the instance is rejected, withdrawn or cancelled; with this,
   * also when it completes (work the completion makes moot). Default false: work that still has to be done
   * after the request is closed (a failed revocation to redo by hand) stays open.
   */
  closeWhenInstanceCompletes?: boolean;
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
      fallbackAssignees: { type: 'array', items: assigneeSpecSchema, minItems: 1 },
      actions: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, uniqueItems: true },
      due: durationSchema,
      form: keySchema,
      data: expressionMapSchema,
      closeWhenInstanceCompletes: { type: 'boolean' },
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
    const { users, candidates, replaced, fallback } = assign(params, env);
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
    // The runtime records it as `assignee.fallback` and tells the people who got it why it is theirs.
    if (fallback) effect.task.assigneeFallback = fallback;
    if (params.description !== undefined) effect.task.description = env.fill(params.description);
    if (env.instanceId) effect.task.instanceId = env.instanceId;
    if (params.form) effect.task.formKey = params.form;
    if (params.closeWhenInstanceCompletes === true) effect.task.closeWhenInstanceCompletes = true;
    if (params.due) effect.task.dueAt = addDuration(env.ctx.now, params.due, env.ctx);
    return [effect];
  },
  expressions: (params) => mapExpressions(params.data, 'data'),
  templates: (params) => templatesOf([['title', params.title], ['description', params.description]]),
  fieldRefs: (params) => [
    ...assigneeFieldRefs(params.assignees, 'assignees'),
    ...assigneeFieldRefs(params.fallbackAssignees ?? [], 'fallbackAssignees'),
  ],
};

type ActionEnv = Parameters<RuleActionType<CreateTaskParams>['toEffects']>[1];

/** The task's people: its own assignees, or the fallback chain when they resolve to nobody; never nobody. */
function assign(params: CreateTaskParams, env: ActionEnv): ReturnType<ActionEnv['resolveAssignees']> & { fallback?: AssigneeFallback } {
  const own = env.resolveAssignees(params.assignees);
  if (own.users.length > 0) return own;
  const chosen = fallBackAssignees(params.fallbackAssignees, (specs) => env.resolveAssignees(specs));
  if (!chosen) throw new BatonError(RULES_ERRORS.BATON_E_RULE_TASK_NOBODY, { rule: env.rule.key, title: localize(env.fill(params.title)) });
  return { users: chosen.users, candidates: own.candidates, replaced: [...own.replaced, ...chosen.replaced], fallback: chosen.fallback };
}
