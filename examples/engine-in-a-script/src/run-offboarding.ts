// The whole engine lifecycle in one plain function: validate → compile → start → apply commands.
// No server, no database: the engine is pure, so a script, a test or a CLI can drive it directly.
import {
  compileFlow,
  compileForm,
  createMemoryDirectory,
  createRegistry,
  openTasks,
  validateDefinition,
  type DefinitionKind,
  type Effect,
  type FlowContext,
  type FlowDefinition,
  type FlowState,
  type FormDefinition,
} from '@baton/engine';

export const leaveForm: FormDefinition = {
  kind: 'form',
  key: 'leave-notice',
  version: 1,
  title: { en: 'Leave notice', 'zh-CN': '离职申请' },
  fields: [
    { key: 'lastWorkingDay', type: 'date', label: { en: 'Last working day', 'zh-CN': '最后工作日' }, required: true },
    { key: 'reason', type: 'long-text', label: { en: 'Reason', 'zh-CN': '原因' } },
    { key: 'laptopReturned', type: 'boolean', label: { en: 'Laptop returned', 'zh-CN': '电脑已归还' } },
  ],
};

export const leaveFlow: FlowDefinition = {
  kind: 'flow',
  key: 'leave-notice',
  version: 1,
  title: { en: 'Leave notice', 'zh-CN': '离职申请' },
  form: 'leave-notice',
  nodes: [
    { id: 'start', type: 'start', name: 'Start' },
    { id: 'manager', type: 'approval', name: { en: 'Manager approves', 'zh-CN': '直属上级审批' }, config: { assignees: [{ kind: 'manager-of' }] } },
    // The IT task cannot be ticked off until the laptop is marked as returned.
    { id: 'it', type: 'task', name: { en: 'Collect the laptop', 'zh-CN': '回收电脑' }, config: { assignees: [{ kind: 'role', role: 'it' }], gate: { '==': [{ var: 'laptopReturned' }, true] } } },
    { id: 'end', type: 'end', name: 'End' },
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'manager' },
    { id: 'e2', from: 'manager', to: 'it' },
    { id: 'e3', from: 'it', to: 'end' },
  ],
};

const person = (id: string, name: string, extra: { managerId?: string; roles?: string[] } = {}) => ({ id, name, roles: extra.roles ?? [], attributes: {}, ...(extra.managerId ? { managerId: extra.managerId } : {}) });

export const directory = createMemoryDirectory({
  users: [person('emp', 'Li Lei', { managerId: 'boss' }), person('boss', 'Wang Fang'), person('it1', 'Zhao Qiang', { roles: ['it'] })],
});

export interface ScriptResult {
  state: FlowState;
  /** Node ids in the order the token entered them. */
  path: string[];
  effects: Effect[];
}

/** Runs one leave notice from submission to the end; `log` receives a line per step. */
export function runOffboarding(log: (line: string) => void = () => {}): ScriptResult {
  const registry = createRegistry();

  // 1. Validate the definitions as the designer would before publishing; `resolve` lets the flow see its form.
  const resolve = (kind: DefinitionKind, key: string): unknown => (kind === 'form' && key === leaveForm.key ? leaveForm : undefined);
  for (const def of [leaveForm, leaveFlow]) {
    const result = validateDefinition(def, { registry, resolve });
    if (!result.ok) throw new Error(`${def.kind} ${def.key} is invalid: ${result.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
    log(`valid: ${def.kind} ${def.key}@${def.version}`);
  }

  // 2. Compile once, use many times.
  const form = compileForm(leaveForm, registry);
  const flow = compileFlow(leaveFlow, registry);

  // 3. Check the submitted data against the form, then start an instance with the stored (cleaned) data.
  const submitted = form.validate({ lastWorkingDay: '2025-03-31', reason: 'Moving to another city', laptopReturned: false });
  if (!submitted.ok) throw new Error(submitted.errors.map((e) => e.message).join('; '));

  // Time and ids come from the caller: a fixed clock and a counter make every run identical.
  let clock = Date.parse('2025-03-03T01:00:00Z');
  let ids = 0;
  const ctx = (): FlowContext => ({
    now: new Date((clock += 60_000)).toISOString(),
    newId: (prefix) => `${prefix}-${++ids}`,
    directory,
    // The runtime's hook: task data is validated against the form before it is merged.
    validateTaskData: ({ data, locale }) => form.validate(data, { locale }).errors,
  });

  let t = flow.start({ data: submitted.data, initiator: 'emp', instanceId: 'leave-1' }, ctx());
  const events = [...t.events];
  const effects = [...t.effects];
  const step = (label: string): void => {
    log(`${label} → at ${t.state.tokens.map((token) => token.nodeId).join(', ') || '(none)'}, status ${t.state.status}`);
    for (const effect of t.effects) log(`    effect ${effect.type}${effect.type === 'createTask' ? ` for ${effect.task.assignees.join(', ')}` : ''}`);
  };
  step('started');

  // 4. Whoever holds an open task acts on it; the engine refuses anything else.
  const act = (by: string, action: string, data?: Record<string, unknown>): void => {
    const task = openTasks(t.state).find((candidate) => candidate.assignees.includes(by));
    if (!task) throw new Error(`${by} has no open task`);
    t = flow.apply(t.state, { type: 'completeTask', taskId: task.id, action, by, ...(data ? { data } : {}) }, ctx());
    events.push(...t.events);
    effects.push(...t.effects);
    step(`${by} ${action}`);
  };
  act('boss', 'approve');
  act('it1', 'complete', { laptopReturned: true });

  const path = events.filter((e) => e.type === 'node.entered' && e.nodeId !== undefined).map((e) => e.nodeId as string);
  log(`path: ${path.join(' → ')}`);
  return { state: t.state, path, effects };
}
