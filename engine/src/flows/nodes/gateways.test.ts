import { describe, expect, it } from 'vitest';
import { BatonError } from '../../errors/error-catalogue.js';
import { replayFlow } from '../evolve-flow-state.js';
import { edges, flowDef, FlowHarness, node } from '../flow-test-kit.js';

const todo = (id: string, user: string) => node(id, 'task', { assignees: [{ kind: 'user', id: user }] });

describe('exclusive gateway', () => {
  const def = flowDef(
    [node('start', 'start'), node('x', 'exclusive'), todo('big', 'dir'), todo('mid', 'mgr'), todo('small', 'a1'), node('end', 'end')],
    edges(
      ['start', 'x'],
      ['x', 'big', { condition: { '>': [{ var: 'amount' }, 1000] } }],
      ['x', 'mid', { condition: { '>': [{ var: 'amount' }, 100] } }],
      ['x', 'small', { default: true }],
      ['big', 'end'], ['mid', 'end'], ['small', 'end'],
    ),
  );

  it('takes the first edge whose condition holds, in edge order', () => {
    const h = new FlowHarness(def);
    h.start({ amount: 5000 });
    expect(h.positions()).toEqual(['big']);
    const m = new FlowHarness(def);
    m.start({ amount: 500 });
    expect(m.positions()).toEqual(['mid']);
  });

  it('falls back to the default edge', () => {
    const h = new FlowHarness(def);
    h.start({ amount: 5 });
    expect(h.positions()).toEqual(['small']);
  });

  it('throws when nothing holds and there is no default', () => {
    const h = new FlowHarness(flowDef(
      [node('start', 'start'), node('x', 'exclusive'), node('end', 'end')],
      edges(['start', 'x'], ['x', 'end', { condition: { '==': [1, 2] } }]),
    ));
    expect(() => h.start()).toThrow(BatonError);
  });
});

describe('parallel gateway', () => {
  const def = flowDef(
    [node('start', 'start'), node('split', 'parallel'), todo('it', 'it1'), todo('fin', 'fin1'), todo('adm', 'adm1'), node('join', 'parallel'), todo('after', 'hr1'), node('end', 'end')],
    edges(['start', 'split'], ['split', 'it'], ['split', 'fin'], ['split', 'adm'], ['it', 'join'], ['fin', 'join'], ['adm', 'join'], ['join', 'after'], ['after', 'end']),
  );

  it('splits into one token per branch and joins when all arrive', () => {
    const h = new FlowHarness(def);
    h.start();
    expect(h.positions()).toEqual(['adm', 'fin', 'it']);
    h.act('fin', 'fin1', 'complete');
    h.act('it', 'it1', 'complete');
    expect(h.positions()).toEqual(['adm', 'join', 'join']);
    expect(h.tasks('after')).toHaveLength(0);
    h.act('adm', 'adm1', 'complete');
    expect(h.positions()).toEqual(['after']);
    expect(h.state.forks).toHaveLength(0);
    h.act('after', 'hr1', 'complete');
    expect(h.state.status).toBe('completed');
    expect(replayFlow(h.events)).toEqual(h.state);
  });

  it('a rejection in one branch ends the flow and withdraws the other branches', () => {
    const h = new FlowHarness(flowDef(
      [node('start', 'start'), node('split', 'parallel'), node('a', 'approval', { assignees: [{ kind: 'user', id: 'a1' }] }), todo('b', 'a2'), node('join', 'parallel'), node('end', 'end')],
      edges(['start', 'split'], ['split', 'a'], ['split', 'b'], ['a', 'join'], ['b', 'join'], ['join', 'end']),
    ));
    h.start();
    h.act('a', 'a1', 'reject');
    expect(h.state.status).toBe('rejected');
    expect(h.tasks()).toHaveLength(0);
    expect(h.state.tokens).toHaveLength(0);
  });
});

describe('inclusive gateway', () => {
  const def = flowDef(
    [node('start', 'start'), node('split', 'inclusive'), todo('it', 'it1'), todo('sales', 'mgr'), todo('nda', 'legal1'), node('join', 'inclusive'), node('end', 'end')],
    edges(
      ['start', 'split'],
      ['split', 'it'],
      ['split', 'sales', { condition: { '==': [{ var: 'jobFamily' }, 'sales'] } }],
      ['split', 'nda', { condition: { var: 'confidential' } }],
      ['it', 'join'], ['sales', 'join'], ['nda', 'join'], ['join', 'end'],
    ),
  );

  it('activates every branch whose condition holds and joins on exactly those', () => {
    const h = new FlowHarness(def);
    h.start({ jobFamily: 'sales', confidential: false });
    expect(h.positions()).toEqual(['it', 'sales']);
    h.act('it', 'it1', 'complete');
    expect(h.state.status).toBe('running');
    h.act('sales', 'mgr', 'complete');
    expect(h.state.status).toBe('completed');
  });

  it('with a single branch activated still joins correctly', () => {
    const h = new FlowHarness(def);
    h.start({ jobFamily: 'eng', confidential: false });
    expect(h.positions()).toEqual(['it']);
    h.act('it', 'it1', 'complete');
    expect(h.state.status).toBe('completed');
  });
});

describe('nested gateways', () => {
  it('a parallel block inside a branch of an outer parallel block joins inner first, then outer', () => {
    const h = new FlowHarness(flowDef(
      [
        node('start', 'start'), node('outer', 'parallel'), todo('a', 'a1'), node('inner', 'parallel'), todo('b', 'a2'), todo('c', 'a3'),
        node('innerJoin', 'parallel'), node('route', 'exclusive'), todo('d', 'a4'), node('outerJoin', 'parallel'), node('end', 'end'),
      ],
      edges(
        ['start', 'outer'], ['outer', 'a'], ['outer', 'inner'], ['inner', 'b'], ['inner', 'c'], ['b', 'innerJoin'], ['c', 'innerJoin'],
        ['innerJoin', 'route'], ['route', 'd', { condition: { var: 'extra' } }], ['route', 'outerJoin', { default: true }],
        ['d', 'outerJoin'], ['a', 'outerJoin'], ['outerJoin', 'end'],
      ),
    ));
    h.start({ extra: true });
    expect(h.positions()).toEqual(['a', 'b', 'c']);
    h.act('b', 'a2', 'complete');
    h.act('c', 'a3', 'complete');
    expect(h.positions()).toEqual(['a', 'd']);
    h.act('a', 'a1', 'complete');
    expect(h.positions()).toEqual(['d', 'outerJoin']);
    h.act('d', 'a4', 'complete');
    expect(h.state.status).toBe('completed');
    expect(replayFlow(h.events)).toEqual(h.state);
  });
});
