import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../effects/domain-event.js';
import { compileRules } from '../rules/compile-rules.js';
import { ctx as ruleCtx, rule, rulesRegistry } from '../rules/rule-test-fixtures.js';
import { replayFlow } from './evolve-flow-state.js';
import { edges, flowDef, FlowHarness, node } from './flow-test-kit.js';

const request = { employee: 'emp', lastDay: '2025-03-31', assets: [{ tag: 'L1', returned: false }], meta: { a: 1, b: [1, 2] } };

function approvalFlow(): FlowHarness {
  const h = new FlowHarness(flowDef(
    [node('start', 'start'), node('a', 'approval', { assignees: [{ kind: 'user', id: 'a1' }, { kind: 'user', id: 'a2' }], mode: 'all' }), node('end', 'end')],
    edges(['start', 'a'], ['a', 'end']),
  ));
  h.start(structuredClone(request));
  return h;
}

/** A rule on any data change (no `fields`), as the offboarding pack writes "record changed" reminders. */
const onAnyChange = compileRules(
  [rule({ key: 'any-change', trigger: { type: 'record-updated' }, actions: [{ type: 'notify', params: { to: [{ kind: 'role', role: 'hr' }], title: 'changed' } }] })],
  rulesRegistry(),
);

const firedBy = (events: readonly DomainEvent[]) => events.flatMap((e) => onAnyChange.onEvent(e, ruleCtx(e.at)).fired);

describe('data changes', () => {
  it('an approval that sends the data back unchanged (keys reordered) records no data.changed and fires no rule', () => {
    const h = approvalFlow();
    const before = h.state.data;
    const resent = { meta: { b: [1, 2], a: 1 }, assets: [{ returned: false, tag: 'L1' }], lastDay: '2025-03-31', employee: 'emp' };
    const step = h.act('a', 'a1', 'approve', { data: resent });
    expect(h.eventTypes(step)).not.toContain('data.changed');
    expect(h.effectsOf('setData', step)).toEqual([]);
    expect(firedBy(step.events)).toEqual([]);
    expect(h.state.data).toEqual(before);
    // The approval itself went through.
    expect(h.eventTypes(step)).toContain('task.completed');
  });

  it('a partial change lists only the keys that really changed, with before/after snapshots', () => {
    const h = approvalFlow();
    const step = h.act('a', 'a1', 'approve', { data: { lastDay: '2025-04-01', employee: 'emp', meta: { b: [1, 2], a: 1 }, note: 'ok' } });
    const changed = step.events.filter((e) => e.type === 'data.changed');
    expect(changed).toHaveLength(1);
    expect(changed[0]!.payload?.patch).toEqual({ lastDay: '2025-04-01', note: 'ok' });
    expect(changed[0]!.previous?.lastDay).toBe('2025-03-31');
    expect(changed[0]!.data).toMatchObject({ lastDay: '2025-04-01', note: 'ok', employee: 'emp' });
    expect(firedBy(step.events).map((f) => f.rule)).toEqual(['any-change']);
  });

  it('compares arrays by position: the same rows in another order are a change', () => {
    const h = approvalFlow();
    const step = h.act('a', 'a1', 'approve', { data: { meta: { a: 1, b: [2, 1] } } });
    expect(step.events.find((e) => e.type === 'data.changed')?.payload?.patch).toEqual({ meta: { a: 1, b: [2, 1] } });
  });

  it('a null where nothing was stored is a change; re-sending the stored value is not', () => {
    const h = approvalFlow();
    expect(h.act('a', 'a1', 'approve', { data: { note: null } }).events.map((e) => e.type)).toContain('data.changed');
    expect(h.act('a', 'a2', 'approve', { data: { note: null } }).events.map((e) => e.type)).not.toContain('data.changed');
  });

  it('an action node whose setData changes nothing records no event and no setData effect', () => {
    const h = new FlowHarness(flowDef(
      [node('start', 'start'), node('act', 'action', { effects: [{ type: 'setData', set: { status: 'leaving', n: { '+': [{ var: 'n' }, 0] } } }] }), node('end', 'end')],
      edges(['start', 'act'], ['act', 'end']),
    ));
    const step = h.start({ status: 'leaving', n: 2 });
    expect(h.eventTypes(step)).not.toContain('data.changed');
    expect(h.effectsOf('setData', step)).toEqual([]);
    expect(h.state.status).toBe('completed');
  });

  it('a read-only field sent back with its keys in another order is unchanged, so accepted', () => {
    const h = new FlowHarness(flowDef(
      [node('start', 'start'), node('a', 'approval', { assignees: [{ kind: 'user', id: 'a1' }] }, { form: { access: { meta: 'readonly' } } }), node('end', 'end')],
      edges(['start', 'a'], ['a', 'end']),
    ));
    h.start(structuredClone(request));
    const step = h.act('a', 'a1', 'approve', { data: { meta: { b: [1, 2], a: 1 } } });
    expect(h.eventTypes(step)).not.toContain('data.changed');
    expect(h.state.status).toBe('completed');
  });

  it('an older history holding a no-op data.changed still replays to the state it recorded', () => {
    const h = approvalFlow();
    const head = h.events.length;
    h.act('a', 'a1', 'approve', { data: { lastDay: '2025-03-31' } });
    const tail = h.events.slice(head);
    expect(tail.map((e) => e.type)).not.toContain('data.changed');
    // What the engine wrote before: a data.changed with the unchanged patch ahead of the approval's events.
    const seq = h.events[head - 1]!.seq! + 1;
    const noOp: DomainEvent = {
      type: 'data.changed', at: tail[0]!.at, seq, instanceId: 'i1', flowKey: 'test-flow', flowVersion: 1, nodeId: 'a', nodeType: 'approval', actor: 'a1',
      payload: { patch: { lastDay: '2025-03-31' } }, previous: h.events[0]!.data!, data: h.events[0]!.data!,
    };
    const old = [...h.events.slice(0, head), noOp, ...tail.map((e) => ({ ...e, seq: e.seq! + 1 }))];
    expect(replayFlow(old)).toEqual({ ...h.state, version: h.state.version + 1 });
    expect(replayFlow(h.events)).toEqual(h.state);
  });
});
