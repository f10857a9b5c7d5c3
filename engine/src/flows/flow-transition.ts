import type { DomainEvent, DomainEventType } from '../effects/domain-event.js';
import type { Effect, TaskSpec } from '../effects/effect.js';
import { BatonError } from '../errors/error-catalogue.js';
import type { EvalContext } from '../expressions/expression-types.js';
import type { LocalizedText } from '../i18n/localized-text.js';
import type { CompiledFlow, CompiledEdge, CompiledNode } from './compiled-flow.js';
import type { FlowContext, Transition } from './flow-command.js';
import { FLOW_ERRORS } from './flow-errors.js';
import { FlowStateFolder, type FlowEventPayloads } from './evolve-flow-state.js';
import { findFork, findTask, findToken, openTasks, timersOf, type FlowState, type FlowStatus, type FlowTask, type FlowToken } from './flow-state.js';
import { addDuration } from '../calendar/add-duration.js';
import { changedPatch } from '../shared/changed-patch.js';
import { FlowNodeContext } from './flow-node-context.js';
import type { EffectWithoutKey, NodeContext, NodeOutcome, TaskRequest } from './node-type.js';
import type { AssigneeScope } from './resolve-assignees.js';
import { todayIn } from '../directory/person-presence.js';
import { fillTemplate } from '../rules/fill-template.js';

/** Loops through automatic nodes only (no wait state) would never return; the checker reports them too. */
const MAX_STEPS = 10_000;

/**
 * One transition under construction: decide → event → evolve, one event at a time, so the events it
 * returns fold into exactly the state it returns. Effects ride along; they are never folded.
 */
export class FlowTransition {
  private readonly folder: FlowStateFolder;
  readonly events: DomainEvent[] = [];
  readonly effects: Effect[] = [];
  private effectSeq = 0;
  private effectVersion = -1;
  private steps = 0;
  readonly timeZone: string;
  readonly evalCtx: EvalContext;
  private today: string | undefined;

  constructor(readonly flow: CompiledFlow, state: FlowState, readonly ctx: FlowContext, readonly actor?: string) {
    this.folder = new FlowStateFolder(state);
    this.timeZone = flow.definition.timeZone ?? ctx.timeZone ?? 'UTC';
    this.evalCtx = { now: ctx.now, timeZone: this.timeZone, calendar: ctx.calendar ?? {}, directory: ctx.directory };
  }

  /** The state so far (a working copy: read it, never write it). */
  get state(): FlowState {
    return this.folder.state;
  }

  result(): Transition {
    return { state: this.state, effects: this.effects, events: this.events };
  }

  emit(type: DomainEventType, fields: Partial<DomainEvent>, payload?: object): DomainEvent {
    const s = this.state;
    // Field by field in one order rather than `...fields`: callers pass many shapes, and a megamorphic
    // object spread was the reducer's single largest cost.
    const event: DomainEvent = {
      type, at: this.ctx.now, seq: s.version + 1, instanceId: s.instanceId, flowKey: s.flowKey, flowVersion: s.flowVersion,
    };
    if (fields.nodeId !== undefined) event.nodeId = fields.nodeId;
    if (fields.nodeType !== undefined) event.nodeType = fields.nodeType;
    if (fields.taskId !== undefined) event.taskId = fields.taskId;
    const actor = fields.actor ?? this.actor;
    if (actor !== undefined) event.actor = actor;
    if (fields.data !== undefined) event.data = fields.data;
    if (fields.previous !== undefined) event.previous = fields.previous;
    if (payload !== undefined) event.payload = payload as Record<string, unknown>;
    this.folder.apply(event);
    this.events.push(event);
    return event;
  }

  /** Keys are instance + node + token + event sequence + a counter within that sequence: stable on replay. */
  effect(request: EffectWithoutKey, nodeId?: string, tokenId?: string): void {
    if (this.effectVersion !== this.state.version) {
      this.effectVersion = this.state.version;
      this.effectSeq = 0;
    }
    const key = `${this.state.instanceId}:${nodeId ?? '-'}:${tokenId ?? '-'}:${this.state.version}.${this.effectSeq++}`;
    // Requests are fresh objects built for this call (node types' effects are copied in applyOutcome), so
    // the key is set in place: spreading requests of every effect shape was a hot, megamorphic copy.
    const effect = request as Effect;
    effect.key = key;
    this.effects.push(effect);
  }

  node(id: string): CompiledNode {
    const node = this.flow.node(id);
    if (!node) throw new Error(`node ${id} is not in flow ${this.flow.key}@${this.flow.version}`);
    return node;
  }

  nodeFields(node: CompiledNode): Partial<DomainEvent> {
    return { nodeId: node.id, nodeType: node.nodeType.type };
  }

  /**
   * Today for presence ("has X left?"), in the organisation's time zone (ctx.timeZone), never the flow's
   * own: the runtime's handover sweep judges the same people by the same date, so around midnight a flow
   * in another zone cannot assign to someone the sweep already treats as gone (or the reverse).
   */
  presenceToday(): string {
    // ctx.now is fixed for the transition: the date is worked out once (~2 µs) however many nodes it enters.
    this.today ??= todayIn(this.ctx.now, this.ctx.timeZone ?? 'UTC');
    return this.today;
  }

  /**
   * Whom assignee specs resolve against: people who have left by today (presenceToday) are replaced by
   * their nearest present manager, and each replacement is kept in the history (`assignee.replaced`, at
   * `node`) so the inbox can say why the work went elsewhere.
   */
  assigneeScope(node?: CompiledNode): AssigneeScope {
    const s = this.state;
    return {
      data: s.data, initiator: s.initiator, directory: this.ctx.directory, today: this.presenceToday(),
      onReplaced: (replacement) => this.emit('assignee.replaced', node ? { ...this.nodeFields(node), actor: 'system' } : { actor: 'system' }, replacement),
    };
  }

  localId(prefix: string): string {
    return `${prefix}${this.state.nextLocalId}`;
  }

  slaDueOf(tokenId: string): string | undefined {
    for (const timer of this.state.timers) if (timer.tokenId === tokenId && timer.purpose === 'sla') return timer.dueAt;
    return undefined;
  }

  nodeContext(node: CompiledNode, token: FlowToken, slaDueAt?: string): NodeContext {
    return new FlowNodeContext(this, node, openTasks(this.state, token.id), slaDueAt ?? this.slaDueOf(token.id));
  }

  holds(edge: CompiledEdge): boolean {
    return edge.condition === undefined || Boolean(edge.condition(this.state.data, this.evalCtx));
  }

  // ---- tokens -------------------------------------------------------------------------------------

  /** Places a token on its node; returns it when it should be activated (not when it waits at a join). */
  arrive(token: FlowToken, created: boolean): FlowToken | undefined {
    const node = this.node(token.nodeId);
    const fields = this.nodeFields(node);
    const forkId = token.forks[token.forks.length - 1];
    const fork = node.joins && forkId !== undefined ? findFork(this.state, forkId) : undefined;
    if (fork) {
      const siblings = this.state.tokens.filter(
        (t) => t.nodeId === node.id && t.waiting && t.forks[t.forks.length - 1] === fork.id,
      );
      if (siblings.length + 1 < fork.expected) {
        this.emit('node.entered', fields, { token: { ...token, waiting: true }, created });
        return undefined;
      }
      for (const sibling of siblings) this.emit('node.left', fields, { tokenId: sibling.id, merged: true });
      const merged: FlowToken = { id: token.id, nodeId: node.id, enteredAt: this.ctx.now, forks: token.forks.slice(0, -1), trail: fork.trail };
      this.emit('node.entered', fields, { token: merged, created, joined: fork.id });
      return merged;
    }
    this.emit('node.entered', fields, { token, created });
    return token;
  }

  activate(token: FlowToken): void {
    if (++this.steps > MAX_STEPS) throw new Error(`flow ${this.flow.key} loops without waiting at node ${token.nodeId}`);
    const node = this.node(token.nodeId);
    const sla = node.def.sla;
    const slaDueAt = sla ? addDuration(this.ctx.now, sla.due, this.ctx.calendar ?? {}, this.timeZone) : undefined;
    const outcome = node.nodeType.enter(token, this.nodeContext(node, token, slaDueAt));
    const moves = outcome.leave !== undefined || outcome.end !== undefined || outcome.returnTo !== undefined;
    if (slaDueAt !== undefined && !moves) this.scheduleTimer(node, token.id, 'sla', slaDueAt);
    this.applyOutcome(node, token.id, outcome);
  }

  applyOutcome(node: CompiledNode, tokenId: string, outcome: NodeOutcome, by?: { by: string; comment?: string }): void {
    const fields = this.nodeFields(node);
    const changed = outcome.setData ? this.changeData(outcome.setData, node, tokenId) : undefined;
    if (changed) this.effect({ type: 'setData', instanceId: this.state.instanceId, patch: changed }, node.id, tokenId);
    // A state the token takes along as it leaves (or ends) is dropped by its node.left in this transition,
    // and nothing in between reads it: recording it would fold to the same state (runtime-api README).
    const moves = outcome.end !== undefined || outcome.returnTo !== undefined || outcome.leave !== undefined;
    if (outcome.note) this.emit(outcome.note.type, { ...fields, actor: 'system' }, { tokenId, ...outcome.note.payload });
    if ('state' in outcome && !moves) this.emit('node.updated', fields, { tokenId, state: outcome.state });
    for (const taskId of outcome.cancelTasks ?? []) this.cancelTask(taskId, 'node');
    for (const request of outcome.tasks ?? []) this.createTask(node, tokenId, request);
    for (const timer of outcome.timers ?? []) this.scheduleTimer(node, tokenId, 'node', timer.dueAt, timer.payload);
    for (const effect of outcome.effects ?? []) this.effect({ ...effect }, node.id, tokenId);
    if (outcome.end) this.consume(tokenId, outcome.end.status, outcome.end.terminate === true);
    else if (outcome.returnTo !== undefined) this.returnToken(tokenId, outcome.returnTo, by ?? { by: this.actor ?? 'system' });
    else if (outcome.leave) this.leave(tokenId, outcome.leave);
  }

  /** Cancels what the token left behind at its node: open tasks and pending timers. */
  cleanup(tokenId: string, reason: string): void {
    for (const task of openTasks(this.state, tokenId)) this.cancelTask(task.id, reason);
    for (const timer of timersOf(this.state, tokenId)) {
      this.emit('timer.cancelled', { nodeId: timer.nodeId }, { timerId: timer.id });
      this.effect({ type: 'cancelTimer', timerId: timer.id }, timer.nodeId, tokenId);
    }
  }

  selectEdges(node: CompiledNode, how: NonNullable<NodeOutcome['leave']>): CompiledEdge[] {
    if ('edges' in how) {
      return how.edges.map((id) => {
        const edge = node.outgoing.find((e) => e.id === id);
        if (!edge) throw new BatonError(FLOW_ERRORS.BATON_E_FLOW_NO_EDGE, { nodeId: node.id, port: id });
        return edge;
      });
    }
    const candidates: CompiledEdge[] = [];
    for (const edge of node.outgoing) if (edge.port === how.port) candidates.push(edge);
    if (candidates.length === 0) throw new BatonError(FLOW_ERRORS.BATON_E_FLOW_NO_EDGE, { nodeId: node.id, port: how.port ?? 'out' });
    if (candidates.length === 1) return candidates;
    let fallback: CompiledEdge | undefined;
    for (const edge of candidates) {
      if (edge.default) fallback ??= edge;
      else if (this.holds(edge)) return [edge];
    }
    if (!fallback) throw new BatonError(FLOW_ERRORS.BATON_E_FLOW_NO_BRANCH, { nodeId: node.id });
    return [fallback];
  }

  leave(tokenId: string, how: NonNullable<NodeOutcome['leave']>): void {
    const token = findToken(this.state, tokenId);
    if (!token) return;
    const node = this.node(token.nodeId);
    const fields = this.nodeFields(node);
    const resume = token.resume ?? [];
    const target = resume[resume.length - 1];
    const edges = target === undefined ? this.selectEdges(node, how) : [];
    this.cleanup(tokenId, 'left');
    const remembers = node.nodeType.waitState === true || node.role === 'start';
    const trail = remembers ? [...token.trail, node.id] : token.trail;
    if (target !== undefined) {
      this.emit('node.left', fields, { tokenId, edges: [] });
      const next: FlowToken = { id: token.id, nodeId: target, enteredAt: this.ctx.now, forks: token.forks, trail };
      if (resume.length > 1) next.resume = resume.slice(0, -1);
      this.move(next, false);
      return;
    }
    // A splitting node forks even when one branch is taken, so its join counts the right tokens.
    const forks = 'edges' in how && node.nodeType.splits === true && node.outgoing.length > 1;
    if (edges.length === 1 && !forks) {
      const edge = edges[0]!;
      this.emit('node.left', fields, { tokenId, edges: [edge.id] });
      const next: FlowToken = { id: token.id, nodeId: edge.to, enteredAt: this.ctx.now, forks: token.forks, trail };
      if (token.resume?.length) next.resume = token.resume;
      this.move(next, false);
      return;
    }
    const fork = { id: this.localId('f'), nodeId: node.id, expected: edges.length, trail };
    this.emit('node.left', fields, { tokenId, edges: edges.map((e) => e.id), fork });
    for (const edge of edges) {
      const child: FlowToken = { id: this.localId('t'), nodeId: edge.to, enteredAt: this.ctx.now, forks: [...token.forks, fork.id], trail: [] };
      this.move(child, true);
      if (this.state.status !== 'running') return;
    }
  }

  move(token: FlowToken, created: boolean): void {
    const placed = this.arrive(token, created);
    if (placed) this.activate(placed);
  }

  /** Sends the token back to an earlier node; leaving that node later resumes at this one. */
  returnToken(tokenId: string, target: string, by: { by: string; comment?: string }): void {
    const token = findToken(this.state, tokenId);
    if (!token) return;
    const node = this.node(token.nodeId);
    const at = token.trail.lastIndexOf(target);
    this.cleanup(tokenId, 'returned');
    this.emit('node.left', this.nodeFields(node), { tokenId, edges: [] });
    const returned: FlowToken['returned'] = { from: node.id, by: by.by };
    if (by.comment !== undefined) returned.comment = by.comment;
    this.move({
      id: token.id, nodeId: target, enteredAt: this.ctx.now, forks: token.forks,
      trail: token.trail.slice(0, Math.max(at, 0)), resume: [...(token.resume ?? []), node.id], returned,
    }, false);
  }

  consume(tokenId: string, status: 'completed' | 'rejected', terminate: boolean): void {
    const token = findToken(this.state, tokenId);
    if (!token) return;
    this.cleanup(tokenId, 'ended');
    this.emit('node.left', this.nodeFields(this.node(token.nodeId)), { tokenId, consumed: true });
    if (terminate || status === 'rejected' || this.state.tokens.length === 0) this.finish(status);
  }

  /** Ends the instance: every remaining token, task and timer is withdrawn first. */
  finish(status: Exclude<FlowStatus, 'running'>, reason?: string): void {
    for (const token of [...this.state.tokens]) {
      this.cleanup(token.id, status);
      this.emit('node.left', this.nodeFields(this.node(token.nodeId)), { tokenId: token.id, consumed: true });
    }
    this.emit(`flow.${status}`, { data: this.state.data as Record<string, unknown> }, reason === undefined ? {} : { reason });
  }

  // ---- tasks, timers, data --------------------------------------------------------------------------

  taskSpec(task: FlowTask, title: LocalizedText, data?: Record<string, unknown>): TaskSpec {
    const spec: TaskSpec = {
      taskId: task.id, instanceId: this.state.instanceId, nodeId: task.nodeId, kind: task.kind, title,
      assignees: task.assignees, actions: task.actions,
    };
    const instructions = this.instructionsOf(task.nodeId);
    if (instructions !== undefined) spec.description = instructions;
    if (task.candidates) spec.candidates = task.candidates;
    if (task.dueAt !== undefined) spec.dueAt = task.dueAt;
    if (task.formKey !== undefined) spec.formKey = task.formKey;
    if (data) spec.data = data;
    return spec;
  }

  /**
   * The step's instructions: its node's description with `{path}` placeholders filled from the data as rule
   * task templates are ("{employeeId.name}", "{assets.assetId.tag}"), so the step's own to-do says what to do
   * and no rule has to create a second one for the same work.
   */
  private instructionsOf(nodeId: string): LocalizedText | undefined {
    const text = this.flow.node(nodeId)?.def.description as LocalizedText | undefined;
    if (text === undefined) return undefined;
    return fillTemplate(text, this.state.data, this.ctx.directory, this.ctx.records);
  }

  createTask(node: CompiledNode, tokenId: string, request: TaskRequest): FlowTask {
    const task: FlowTask = {
      id: this.ctx.newId('task'), nodeId: node.id, tokenId, kind: request.kind, assignees: request.assignees,
      actions: request.actions, status: 'open', createdAt: this.ctx.now,
    };
    if (request.slot !== undefined) task.slot = request.slot;
    if (request.candidates) task.candidates = request.candidates;
    const dueAt = request.dueAt ?? this.slaDueOf(tokenId);
    if (dueAt !== undefined) task.dueAt = dueAt;
    const formKey = request.formKey ?? node.def.form?.key ?? this.flow.definition.form;
    if (formKey !== undefined) task.formKey = formKey;
    if (request.onBehalfOf !== undefined) task.onBehalfOf = request.onBehalfOf;
    this.emit('task.created', { nodeId: node.id, nodeType: node.nodeType.type, taskId: task.id }, { task });
    this.effect({ type: 'createTask', task: this.taskSpec(task, request.title ?? (node.def.name as LocalizedText), request.data) }, node.id, tokenId);
    return task;
  }

  cancelTask(taskId: string, reason: string): void {
    const task = findTask(this.state, taskId);
    if (!task || task.status !== 'open') return;
    this.emit('task.cancelled', { nodeId: task.nodeId, taskId }, { reason });
    this.effect({ type: 'cancelTask', taskId, reason }, task.nodeId, task.tokenId);
  }

  /** Replaces a task by one for other people (delegate, transfer, SLA reassignment). */
  reassignTask(task: FlowTask, assignees: string[], reason: string, extra: { by?: string; comment?: string; onBehalfOf?: string } = {}): FlowTask {
    const node = this.node(task.nodeId);
    const next: FlowTask = { ...task, id: this.ctx.newId('task'), assignees, createdAt: this.ctx.now };
    delete next.onBehalfOf;
    if (extra.onBehalfOf !== undefined) next.onBehalfOf = extra.onBehalfOf;
    const payload: FlowEventPayloads['task.reassigned'] = { from: task.id, task: next, reason };
    if (extra.by !== undefined) payload.by = extra.by;
    if (extra.comment !== undefined) payload.comment = extra.comment;
    this.emit('task.reassigned', { ...this.nodeFields(node), taskId: next.id }, payload);
    this.effect({ type: 'cancelTask', taskId: task.id, reason }, node.id, task.tokenId);
    this.effect({ type: 'createTask', task: this.taskSpec(next, node.def.name as LocalizedText) }, node.id, task.tokenId);
    return next;
  }

  scheduleTimer(node: CompiledNode, tokenId: string, purpose: 'node' | 'sla', dueAt: string, payload?: Record<string, unknown>): void {
    const timer = { id: this.ctx.newId('timer'), nodeId: node.id, tokenId, purpose, dueAt, ...(payload ? { payload } : {}) };
    this.emit('timer.scheduled', this.nodeFields(node), { timer });
    this.effect({ type: 'scheduleTimer', timerId: timer.id, dueAt, purpose, instanceId: this.state.instanceId, ...(payload ? { payload } : {}) }, node.id, tokenId);
  }

  /**
   * Records a data change with only the keys whose value really changes; a patch that changes nothing
   * records no event (so no rule on data changes runs and no timer is re-planned for a no-op). Histories
   * written before this may hold such no-op events: folding one in leaves the data as it was.
   * Returns what changed, or undefined.
   */
  changeData(patch: Record<string, unknown>, node?: CompiledNode, tokenId?: string): Record<string, unknown> | undefined {
    const previous = this.state.data as Record<string, unknown>;
    const changed = changedPatch(previous, patch);
    if (!changed) return undefined;
    const event = this.emit('data.changed', node ? this.nodeFields(node) : {}, { patch: changed, ...(tokenId ? { tokenId } : {}) });
    event.previous = previous;
    event.data = this.state.data as Record<string, unknown>;
    return changed;
  }
}
