import type { EnginePlugin } from '../registry/registry.js';
import { createTaskAction } from './actions/create-task-action.js';
import { invokeAction } from './actions/invoke-action.js';
import { notifyAction } from './actions/notify-action.js';
import { renderDocumentAction } from './actions/render-document-action.js';
import { scheduleReminderAction } from './actions/schedule-reminder-action.js';
import { setDataAction } from './actions/set-data-action.js';
import { startFlowAction } from './actions/start-flow-action.js';
import { dateOffsetTrigger } from './triggers/date-offset-trigger.js';
import { flowCompletedTrigger } from './triggers/flow-completed-trigger.js';
import { flowStartedTrigger } from './triggers/flow-started-trigger.js';
import { invokeFailedTrigger } from './triggers/invoke-failed-trigger.js';
import { nodeEnteredTrigger } from './triggers/node-entered-trigger.js';
import { nodeLeftTrigger } from './triggers/node-left-trigger.js';
import { recordCreatedTrigger } from './triggers/record-created-trigger.js';
import { recordUpdatedTrigger } from './triggers/record-updated-trigger.js';
import { scheduleTrigger } from './triggers/schedule-trigger.js';
import { taskCompletedTrigger } from './triggers/task-completed-trigger.js';
import { taskCreatedTrigger } from './triggers/task-created-trigger.js';

export const BUILTIN_TRIGGER_TYPES = [
  recordCreatedTrigger,
  recordUpdatedTrigger,
  flowStartedTrigger,
  flowCompletedTrigger,
  nodeEnteredTrigger,
  nodeLeftTrigger,
  taskCreatedTrigger,
  taskCompletedTrigger,
  invokeFailedTrigger,
  dateOffsetTrigger,
  scheduleTrigger,
] as const;

export const BUILTIN_RULE_ACTION_TYPES = [
  createTaskAction,
  notifyAction,
  invokeAction,
  setDataAction,
  startFlowAction,
  renderDocumentAction,
  scheduleReminderAction,
] as const;

/** The built-in trigger and rule action types, registered the way a third party registers its own. */
export const builtinRulesPlugin: EnginePlugin = {
  name: 'baton/builtin-rules',
  engine: '^0.1.0',
  register(registry) {
    for (const trigger of BUILTIN_TRIGGER_TYPES) registry.registerTriggerType(trigger);
    for (const action of BUILTIN_RULE_ACTION_TYPES) registry.registerActionType(action);
  },
};
