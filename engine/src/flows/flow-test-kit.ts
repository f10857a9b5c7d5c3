// Test support for flow tests (and the simulation / property tests built on top): a registry with the
// built-ins, a small organisation, a deterministic ctx and a harness that keeps one instance's history.
import { createMemoryDirectory, type DirectoryReader } from '../directory/directory.js';
import { DEFAULT_COMMENT_REQUIRED } from './task-action-rules.js';
import { BatonError } from '../errors/error-catalogue.js';
import type { DomainEvent } from '../effects/domain-event.js';
import type { Effect } from '../effects/effect.js';
import { Registry } from '../registry/registry.js';
import { builtinNodeTypesPlugin } from './builtin-node-types-plugin.js';
import { compileFlow } from './compile-flow.js';
import type { CompiledFlow } from './compiled-flow.js';
import type { FlowDefinition, FlowEdgeDefinition, FlowNodeDefinition } from './flow-definition.js';
import type { FlowCommand, FlowContext, Transition } from './flow-command.js';
import { openTasks, type FlowState, type FlowTask } from './flow-state.js';

export function testRegistry(): Registry {
  return new Registry().use(builtinNodeTypesPlugin, '0.1.0');
}

const user = (id: string, departmentId: string, managerId: string | undefined, roles: string[] = []) => ({
  id, name: id, departmentId, ...(managerId ? { managerId } : {}), roles, attributes: {},
});

/** emp → mgr → dir; hr, it, finance, admin, legal people; a1..a4 for multi-person approvals. */
export const testDirectory: DirectoryReader = createMemoryDirectory({
  users: [
    user('emp', 'sales', 'mgr'), user('mgr', 'sales', 'dir'), user('dir', 'sales', undefined),
    user('hr1', 'hr', 'hrhead', ['hr']), user('hr2', 'hr', 'hrhead', ['hr']), user('hrhead', 'hr', undefined, ['hr-head']),
    user('it1', 'it', 'dir', ['it']), user('fin1', 'finance', 'dir', ['finance']), user('adm1', 'admin', 'dir', ['admin']),
    user('legal1', 'legal', 'dir', ['legal']), user('a1', 'ops', 'dir'), user('a2', 'ops', 'dir'), user('a3', 'ops', 'dir'), user('a4', 'ops', 'dir'),
  ],
  departments: [{ id: 'sales', name: 'Sales', headId: 'dir' }, { id: 'hr', name: 'HR', headId: 'hrhead' }],
});

export function flowDef(nodes: FlowNodeDefinition[], edges: FlowEdgeDefinition[], extra: Partial<FlowDefinition> = {}): FlowDefinition {
  return { kind: 'flow', key: 'test-flow', version: 1, title: 'Test', nodes: nodes as FlowDefinition['nodes'], edges, ...extra };
}

export const node = (id: string, type: string, config?: Record<string, unknown>, extra: Partial<FlowNodeDefinition> = {}): FlowNodeDefinition => ({
  id, type, name: { en: id, 'zh-CN': id }, ...(config ? { config } : {}), ...extra,
});

/** Edges from a compact list: [from, to] or [from, to, extra]. */
export function edges(...list: Array<[string, string] | [string, string, Partial<FlowEdgeDefinition>]>): FlowEdgeDefinition[] {
  return list.map(([from, to, extra], i) => ({ id: `e${i + 1}`, from, to, ...(extra ?? {}) }));
}

/** One instance driven command by command, keeping its full history. */
/** The BatonError a command throws, or undefined when it goes through (any other error still fails the test). */
export function batonErrorOf(fn: () => unknown): BatonError | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof BatonError) return error;
    throw error;
  }
  return undefined;
}

export class FlowHarness {
  readonly flow: CompiledFlow;
  state!: FlowState;
  events: DomainEvent[] = [];
  effects: Effect[] = [];
  last!: Transition;
  now = '2025-03-03T01:00:00.000Z';
  private ids = 0;
  ctxExtra: Partial<FlowContext> = {};

  constructor(def: FlowDefinition | CompiledFlow, registry: Registry = testRegistry()) {
    this.flow = 'apply' in def ? def : compileFlow(def, registry);
  }

  ctx(): FlowContext {
    return { now: this.now, newId: (prefix) => `${prefix}-${++this.ids}`, directory: testDirectory, ...this.ctxExtra };
  }

  private record(transition: Transition): Transition {
    this.last = transition;
    this.state = transition.state;
    this.events = [...this.events, ...transition.events];
    this.effects = [...this.effects, ...transition.effects];
    return transition;
  }

  start(data: Record<string, unknown> = {}, initiator = 'emp'): Transition {
    return this.record(this.flow.start({ data, initiator, instanceId: 'i1' }, this.ctx()));
  }

  apply(command: FlowCommand, flow: CompiledFlow = this.flow): Transition {
    return this.record(flow.apply(this.state, command, this.ctx()));
  }

  tasks(nodeId?: string): FlowTask[] {
    return openTasks(this.state).filter((t) => nodeId === undefined || t.nodeId === nodeId);
  }

  task(nodeId: string, user?: string): FlowTask {
    const task = this.tasks(nodeId).find((t) => user === undefined || t.assignees.includes(user));
    if (!task) throw new Error(`no open task at ${nodeId}${user ? ` for ${user}` : ''}`);
    return task;
  }

  /** Completes the open task of `nodeId` assigned to `by`. */
  act(nodeId: string, by: string, action = 'approve', extra: { data?: Record<string, unknown>; comment?: string; to?: string | string[] } = {}): Transition {
    // Reject and return need a reason (task-action-rules.ts): tests that do not care get one.
    const reason = DEFAULT_COMMENT_REQUIRED.includes(action) && extra.comment === undefined ? { comment: `${action}: reason` } : {};
    return this.apply({ type: 'completeTask', taskId: this.task(nodeId, by).id, action, by, ...reason, ...extra });
  }

  /** Node ids where tokens sit, sorted. */
  positions(): string[] {
    return this.state.tokens.map((t) => t.nodeId).sort();
  }

  eventTypes(transition: Transition = this.last): string[] {
    return transition.events.map((e) => e.type);
  }

  effectsOf<T extends Effect['type']>(type: T, transition: Transition = this.last): Array<Extract<Effect, { type: T }>> {
    return transition.effects.filter((e): e is Extract<Effect, { type: T }> => e.type === type);
  }
}

/** The offboarding request form, as far as the flow checks read it. */
export const offboardingForm = {
  kind: 'form',
  key: 'offboarding-request',
  fields: [
    { key: 'employee', type: 'user' }, { key: 'lastWorkingDay', type: 'date' }, { key: 'jobFamily', type: 'select' },
    { key: 'confidential', type: 'boolean' }, { key: 'reason', type: 'long-text' }, { key: 'interviewNotes', type: 'long-text' },
    { key: 'assets', type: 'sub-table', fields: [{ key: 'tag', type: 'text' }, { key: 'returned', type: 'boolean' }] },
    { key: 'customers', type: 'sub-table', fields: [{ key: 'name', type: 'text' }, { key: 'successor', type: 'user' }] },
  ],
};

/**
 * Shaped like the offboarding template: request → manager approval → HR interview → in parallel IT,
 * finance, admin (asset gate), customer handover (sales only), NDA (confidential only) → HR confirmation.
 */
export function offboardingFlow(): FlowDefinition {
  const role = (r: string) => [{ kind: 'role' as const, role: r }];
  return flowDef(
    [
      node('request', 'start'),
      node('managerApproval', 'approval', { assignees: [{ kind: 'manager-of', path: 'employee' }] }, {
        sla: { due: { amount: 2, unit: 'business-days' }, escalate: { action: 'notify' } },
        form: { access: { lastWorkingDay: 'editable', reason: 'readonly' } },
      }),
      node('hrInterview', 'task', { assignees: role('hr') }, { form: { access: { interviewNotes: 'editable', reason: 'hidden' } } }),
      node('split', 'inclusive'),
      node('itAccess', 'task', { assignees: role('it') }),
      node('financeSettlement', 'task', { assignees: role('finance') }),
      node('assetReturn', 'task', {
        assignees: role('admin'),
        // `none` rather than `all`: JsonLogic's `all` is false on an empty list, and no assets means done.
        gate: { none: [{ var: 'assets' }, { '!': [{ var: 'returned' }] }] },
      }, { form: { access: { 'assets.tag': 'readonly' } } }),
      node('customerHandover', 'task', {
        assignees: [{ kind: 'manager-of', path: 'employee' }],
        gate: { none: [{ var: 'customers' }, { '!': [{ var: 'successor' }] }] },
      }),
      node('nda', 'task', { assignees: role('legal') }),
      node('join', 'inclusive'),
      node('hrConfirmation', 'approval', { assignees: role('hr'), mode: 'single' }),
      node('end', 'end'),
    ],
    [
      { id: 'toManager', from: 'request', to: 'managerApproval' },
      { id: 'toInterview', from: 'managerApproval', to: 'hrInterview' },
      { id: 'toSplit', from: 'hrInterview', to: 'split' },
      { id: 'toIt', from: 'split', to: 'itAccess' },
      { id: 'toFinance', from: 'split', to: 'financeSettlement' },
      { id: 'toAssets', from: 'split', to: 'assetReturn' },
      { id: 'toCustomers', from: 'split', to: 'customerHandover', condition: { '==': [{ var: 'jobFamily' }, 'sales'] } },
      { id: 'toNda', from: 'split', to: 'nda', condition: { '==': [{ var: 'confidential' }, true] } },
      { id: 'itDone', from: 'itAccess', to: 'join' },
      { id: 'financeDone', from: 'financeSettlement', to: 'join' },
      { id: 'assetsDone', from: 'assetReturn', to: 'join' },
      { id: 'customersDone', from: 'customerHandover', to: 'join' },
      { id: 'ndaDone', from: 'nda', to: 'join' },
      { id: 'toConfirmation', from: 'join', to: 'hrConfirmation' },
      { id: 'toEnd', from: 'hrConfirmation', to: 'end' },
    ],
    { key: 'offboarding', form: 'offboarding-request', timeZone: 'Asia/Shanghai', title: { en: 'Employee offboarding', 'zh-CN': '员工离职' } },
  );
}
