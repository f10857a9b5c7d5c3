import { describe, expect, it } from 'vitest';
import { replayFlow } from '../evolve-flow-state.js';
import { edges, flowDef, FlowHarness, node } from '../flow-test-kit.js';

describe('timer node', () => {
  it('waits for a duration and moves on when its timer fires', () => {
    const h = new FlowHarness(flowDef(
      [node('start', 'start'), node('wait', 'timer', { duration: { amount: 2, unit: 'hours' } }), node('end', 'end')],
      edges(['start', 'wait'], ['wait', 'end']),
    ));
    h.start();
    const [timer] = h.effectsOf('scheduleTimer');
    expect(timer).toMatchObject({ dueAt: '2025-03-03T03:00:00.000Z', purpose: 'node', instanceId: 'i1' });
    h.now = timer!.dueAt;
    h.apply({ type: 'timerFired', timerId: timer!.timerId });
    expect(h.state.status).toBe('completed');
    expect(h.state.timers).toHaveLength(0);
  });

  it('waits until a date from the data: last working day minus 3 business days at 09:00 in the flow zone', () => {
    const def = flowDef(
      [node('start', 'start'), node('wait', 'timer', { date: { var: 'lastWorkingDay' }, offset: { amount: -3, unit: 'business-days' }, time: '09:00' }), node('end', 'end')],
      edges(['start', 'wait'], ['wait', 'end']),
      { timeZone: 'Asia/Shanghai' },
    );
    const h = new FlowHarness(def);
    h.start({ lastWorkingDay: '2025-03-31' });
    expect(h.effectsOf('scheduleTimer')[0]!.dueAt).toBe('2025-03-26T01:00:00.000Z');

    const holiday = new FlowHarness(def);
    holiday.ctxExtra.calendar = { holidays: ['2025-03-28'] };
    holiday.start({ lastWorkingDay: '2025-03-31' });
    expect(holiday.effectsOf('scheduleTimer')[0]!.dueAt).toBe('2025-03-25T01:00:00.000Z');
  });

  it('a date expression that yields no date fires at once instead of never', () => {
    const h = new FlowHarness(flowDef(
      [node('start', 'start'), node('wait', 'timer', { date: { var: 'missing' } }), node('end', 'end')],
      edges(['start', 'wait'], ['wait', 'end']),
    ));
    h.start();
    expect(h.effectsOf('scheduleTimer')[0]!.dueAt).toBe(h.now);
  });
});

describe('action node', () => {
  it('emits notify, invoke, setData and renderDocument effects and continues', () => {
    const h = new FlowHarness(flowDef(
      [
        node('start', 'start'),
        node('act', 'action', {
          effects: [
            { type: 'setData', set: { status: 'leaving', total: { '+': [{ var: 'a' }, 1] } } },
            { type: 'notify', to: [{ kind: 'role', role: 'it' }], title: { en: 'Disable {name}', 'zh-CN': '停用 {name}' } },
            { type: 'invoke', connector: 'scim', action: 'deactivate', params: { userId: { var: 'employee' }, total: { var: 'total' } } },
            { type: 'renderDocument', document: 'leaving-certificate' },
          ],
        }),
        node('end', 'end'),
      ],
      edges(['start', 'act'], ['act', 'end']),
    ));
    h.start({ a: 1, employee: 'emp' });
    expect(h.state.status).toBe('completed');
    expect(h.state.data).toMatchObject({ status: 'leaving', total: 2 });
    expect(h.effectsOf('setData')[0]!.patch).toEqual({ status: 'leaving', total: 2 });
    expect(h.effectsOf('notify')[0]!.to).toEqual(['it1']);
    expect(h.effectsOf('invoke')[0]).toMatchObject({ connector: 'scim', action: 'deactivate', params: { userId: 'emp', total: 2 } });
    expect(h.effectsOf('renderDocument')[0]).toMatchObject({ document: 'leaving-certificate', instanceId: 'i1' });
    const keys = h.effects.map((e) => e.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(replayFlow(h.events)).toEqual(h.state);
  });
});

describe('subflow node', () => {
  const def = (wait?: boolean) => flowDef(
    [
      node('start', 'start'),
      node('child', 'subflow', { flow: 'asset-return', input: { employee: { var: 'employee' } }, output: { assetsCleared: 'cleared' }, ...(wait === false ? { wait } : {}) }),
      node('end', 'end'),
    ],
    edges(['start', 'child'], ['child', 'end']),
  );

  it('starts the child flow and waits for its subflowCompleted signal', () => {
    const h = new FlowHarness(def());
    h.start({ employee: 'emp' });
    const [start] = h.effectsOf('startFlow');
    expect(start).toMatchObject({ flowKey: 'asset-return', data: { employee: 'emp' }, parent: { instanceId: 'i1', nodeId: 'child', tokenId: 't1' } });
    expect(() => h.apply({ type: 'signal', name: 'somethingElse' })).toThrow(/signal/);
    h.apply({ type: 'signal', name: 'subflowCompleted', tokenId: 't1', payload: { status: 'completed', data: { cleared: true } } });
    expect(h.state.status).toBe('completed');
    expect(h.state.data.assetsCleared).toBe(true);
  });

  it('continues at once when told not to wait', () => {
    const h = new FlowHarness(def(false));
    h.start({ employee: 'emp' });
    expect(h.effectsOf('startFlow')).toHaveLength(1);
    expect(h.state.status).toBe('completed');
  });
});
