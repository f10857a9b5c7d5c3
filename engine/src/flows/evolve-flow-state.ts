import type { DomainEvent } from '../effects/domain-event.js';
import type { FlowFork, FlowState, FlowTask, FlowTimer, FlowToken } from './flow-state.js';

/** Event payload shapes the flow reducer writes, by event type. */
export interface FlowEventPayloads {
  'flow.started': { initiator: string; businessKey?: string };
  'node.entered': { token: FlowToken; created?: boolean; joined?: string };
  'node.updated': { tokenId: string; state: unknown };
  'node.left': { tokenId: string; fork?: FlowFork; edges?: string[]; merged?: boolean; consumed?: boolean };
  'task.created': { task: FlowTask };
  'task.completed': { action: string; by: string; comment?: string };
  'task.cancelled': { reason?: string };
  'task.reassigned': { from: string; task: FlowTask; reason: string; by?: string; comment?: string };
  'timer.scheduled': { timer: FlowTimer };
  'timer.fired': { timerId: string };
  'timer.cancelled': { timerId: string };
  'data.changed': { patch: Record<string, unknown> };
  'flow.migrated': { fromVersion: number; toVersion: number; nodeMapping: Record<string, string> };
  /** History only: a resolved assignee had left or was inactive (resolve-assignees.ts). */
  'assignee.replaced': { from: string; to: string | null; presence: 'inactive' | 'left'; leaveDate?: string; spec: string; taskId?: string };
  /** History only: a departed assignee taken off a task others still cover (hand-over-task.ts). */
  'assignee.removed': { from: string; presence: 'inactive' | 'left'; leaveDate?: string; coveredBy: 'assignees' | 'candidates' | 'co-signer'; signer?: string; taskId: string };
}

type MapKey = 'tokens' | 'tasks' | 'timers' | 'forks';
type Writable<K extends MapKey> = Array<FlowState[K][number]>;

function indexOf(list: ReadonlyArray<{ id: string }>, id: string): number {
  for (let i = 0; i < list.length; i++) if (list[i]!.id === id) return i;
  return -1;
}

/**
 * Folds events into a state. The first write in a fold copies the state object and each map it touches
 * once; later events write those copies in place. Entities (tokens, tasks, timers) are never mutated, only
 * replaced, so every earlier state stays intact and shares whatever did not change.
 */
export class FlowStateFolder {
  private current: FlowState | undefined;
  private ownState = false;
  /** Which maps of the current state are this folder's own copies (plain flags: this is the hot path). */
  private owned: Record<MapKey, boolean> = { tokens: false, tasks: false, timers: false, forks: false };

  constructor(state?: FlowState) {
    this.current = state;
  }

  get state(): FlowState {
    if (!this.current) throw new Error('a flow history starts with flow.started');
    return this.current;
  }

  private writable(): FlowState {
    if (!this.ownState) {
      this.current = { ...this.state };
      this.ownState = true;
      this.owned = { tokens: false, tasks: false, timers: false, forks: false };
    }
    return this.current!;
  }

  private map<K extends MapKey>(key: K): Writable<K> {
    const s = this.writable();
    if (!this.owned[key]) {
      (s as unknown as Record<K, Writable<K>>)[key] = s[key].slice() as Writable<K>;
      this.owned[key] = true;
    }
    return s[key] as Writable<K>;
  }

  /** Replaces the entry with the same id, or appends. */
  private put<K extends MapKey>(key: K, item: FlowState[K][number]): void {
    const list = this.map(key);
    const at = indexOf(list, item.id);
    if (at < 0) list.push(item);
    else list[at] = item;
  }

  private remove(key: MapKey, id: string): void {
    const at = indexOf(this.state[key], id);
    if (at >= 0) this.map(key).splice(at, 1);
  }

  private replaceTask(taskId: string, patch: Partial<FlowTask>): void {
    const at = indexOf(this.state.tasks, taskId);
    if (at >= 0) this.map('tasks')[at] = Object.assign({}, this.state.tasks[at]!, patch);
  }

  apply(event: DomainEvent): void {
    const p = (event.payload ?? {}) as Record<string, unknown>;
    if (event.type === 'flow.started') {
      const payload = p as unknown as FlowEventPayloads['flow.started'];
      this.current = {
        instanceId: event.instanceId ?? '', flowKey: event.flowKey ?? '', flowVersion: event.flowVersion ?? 1,
        initiator: payload.initiator, status: 'running', version: event.seq ?? 1, startedAt: event.at,
        data: event.data ?? {}, tokens: [], forks: [], tasks: [], timers: [], nextLocalId: 1,
      };
      if (payload.businessKey !== undefined) this.current.businessKey = payload.businessKey;
      this.ownState = true;
      this.owned = { tokens: true, tasks: true, timers: true, forks: true };
      return;
    }
    const s = this.writable();
    s.version = event.seq ?? s.version + 1;
    switch (event.type) {
      case 'node.entered': {
        const payload = p as unknown as FlowEventPayloads['node.entered'];
        this.put('tokens', payload.token);
        if (payload.created) s.nextLocalId++;
        if (payload.joined) this.remove('forks', payload.joined);
        break;
      }
      case 'node.updated': {
        const payload = p as unknown as FlowEventPayloads['node.updated'];
        const token = s.tokens[indexOf(s.tokens, payload.tokenId)];
        if (token) this.put('tokens', { ...token, state: payload.state });
        break;
      }
      case 'node.left': {
        const payload = p as unknown as FlowEventPayloads['node.left'];
        this.remove('tokens', payload.tokenId);
        if (payload.fork) {
          this.put('forks', payload.fork);
          s.nextLocalId++;
        }
        break;
      }
      case 'task.created': {
        const payload = p as unknown as FlowEventPayloads['task.created'];
        this.put('tasks', payload.task);
        break;
      }
      case 'task.completed': {
        const payload = p as unknown as FlowEventPayloads['task.completed'];
        this.replaceTask(event.taskId ?? '', { status: 'completed', action: payload.action, by: payload.by, closedAt: event.at });
        break;
      }
      case 'task.cancelled':
        this.replaceTask(event.taskId ?? '', { status: 'cancelled', closedAt: event.at });
        break;
      case 'task.reassigned': {
        const payload = p as unknown as FlowEventPayloads['task.reassigned'];
        this.replaceTask(payload.from, { status: 'reassigned', closedAt: event.at });
        this.put('tasks', payload.task);
        break;
      }
      case 'timer.scheduled': {
        const payload = p as unknown as FlowEventPayloads['timer.scheduled'];
        this.put('timers', payload.timer);
        break;
      }
      case 'timer.fired':
      case 'timer.cancelled':
        this.remove('timers', (p as unknown as FlowEventPayloads['timer.fired']).timerId);
        break;
      case 'data.changed':
        s.data = { ...s.data, ...(p as unknown as FlowEventPayloads['data.changed']).patch };
        break;
      case 'flow.completed':
      case 'flow.rejected':
      case 'flow.cancelled':
      case 'flow.withdrawn':
        s.status = event.type.slice(5) as FlowState['status'];
        s.endedAt = event.at;
        break;
      case 'flow.migrated': {
        const payload = p as unknown as FlowEventPayloads['flow.migrated'];
        s.flowVersion = payload.toVersion;
        this.remap('tokens', payload.nodeMapping);
        this.remap('timers', payload.nodeMapping);
        this.remap('tasks', payload.nodeMapping);
        break;
      }
      default:
        // History-only events (sla.breached, task.reminded, signal.received…) advance the version alone.
        break;
    }
  }

  private remap(key: MapKey, mapping: Record<string, string>): void {
    const list = this.map(key) as Array<{ nodeId: string; status?: string }>;
    list.forEach((item, i) => {
      const to = mapping[item.nodeId];
      if (to !== undefined && (item.status === undefined || item.status === 'open')) list[i] = { ...item, nodeId: to };
    });
  }
}

/** Folds one event into the state; pure (the given state is not changed). */
export function evolveFlowState(state: FlowState | undefined, event: DomainEvent): FlowState {
  const folder = new FlowStateFolder(state);
  folder.apply(event);
  return folder.state;
}

/** Rebuilds an instance's state from its history alone: no directory, no definition, no clock. */
export function replayFlow(events: readonly DomainEvent[]): FlowState {
  if (events[0]?.type !== 'flow.started') throw new Error('a flow history starts with flow.started');
  const folder = new FlowStateFolder();
  for (const event of events) folder.apply(event);
  return folder.state;
}
