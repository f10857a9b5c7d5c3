import { describe, expect, it } from 'vitest';
import { replayFlow } from './evolve-flow-state.js';
import type { SlaSpec } from './flow-definition.js';
import { edges, flowDef, FlowHarness, node } from './flow-test-kit.js';

function slaFlow(escalate: SlaSpec['escalate'], type: 'approval' | 'task' = 'approval') {
  const h = new FlowHarness(flowDef(
    [
      node('start', 'start'),
      node('review', type, { assignees: [{ kind: 'user', id: 'hr1' }] }, { sla: { due: { amount: 2, unit: 'business-days' }, escalate } }),
      node('end', 'end'),
    ],
    edges(['start', 'review'], ['review', 'end']),
    { timeZone: 'Asia/Shanghai' },
  ));
  h.now = '2025-03-07T01:00:00.000Z'; // Friday 09:00 in Shanghai
  h.start();
  return h;
}

function fireSla(h: FlowHarness) {
  const timer = h.state.timers.find((t) => t.purpose === 'sla')!;
  h.now = timer.dueAt;
  return h.apply({ type: 'timerFired', timerId: timer.id });
}

describe('node SLA', () => {
  it('schedules a business-time SLA timer on entry and dates the tasks with it', () => {
    const h = slaFlow({ action: 'notify' });
    const [timer] = h.effectsOf('scheduleTimer');
    expect(timer).toMatchObject({ purpose: 'sla', dueAt: '2025-03-11T01:00:00.000Z' });
    expect(h.effectsOf('createTask')[0]!.task.dueAt).toBe('2025-03-11T01:00:00.000Z');
  });

  it('cancels the SLA timer when the node is left in time', () => {
    const h = slaFlow({ action: 'notify' });
    const timerId = h.effectsOf('scheduleTimer')[0]!.timerId;
    h.act('review', 'hr1');
    expect(h.effectsOf('cancelTimer').map((e) => e.timerId)).toEqual([timerId]);
    expect(h.state.timers).toHaveLength(0);
  });

  it('notify: tells the assignee\'s manager and reports the breach', () => {
    const h = slaFlow({ action: 'notify' });
    const t = fireSla(h);
    expect(h.eventTypes(t)).toEqual(['timer.fired', 'sla.breached']);
    expect(h.effectsOf('notify', t)[0]!.to).toEqual(['hrhead']);
    expect(h.state.status).toBe('running');
  });

  it('reassign: moves the task to the manager, or to whom the SLA names', () => {
    const h = slaFlow({ action: 'reassign' });
    fireSla(h);
    expect(h.task('review').assignees).toEqual(['hrhead']);
    h.act('review', 'hrhead');
    expect(h.state.status).toBe('completed');

    const named = slaFlow({ action: 'reassign', to: { kind: 'role', role: 'hr-head' } });
    fireSla(named);
    expect(named.task('review').assignees).toEqual(['hrhead']);
    expect(replayFlow(named.events)).toEqual(named.state);
  });

  it('auto-approve and auto-reject decide for the assignees', () => {
    const approve = slaFlow({ action: 'auto-approve' });
    fireSla(approve);
    expect(approve.state.status).toBe('completed');
    const reject = slaFlow({ action: 'auto-reject' });
    fireSla(reject);
    expect(reject.state.status).toBe('rejected');
    const task = slaFlow({ action: 'auto-approve' }, 'task');
    fireSla(task);
    expect(task.state.status).toBe('completed');
  });
});
