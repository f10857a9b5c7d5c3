import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../effects/domain-event.js';
import { replayFlow } from './evolve-flow-state.js';
import { edges, flowDef, FlowHarness, node } from './flow-test-kit.js';

const people = ['a1', 'a2', 'a3'].map((id) => ({ kind: 'user', id }));

function approvalFlow(config: Record<string, unknown>) {
  const h = new FlowHarness(flowDef([node('start', 'start'), node('a', 'approval', config), node('end', 'end')], edges(['start', 'a'], ['a', 'end'])));
  h.start();
  return h;
}

/** What the reducer wrote before: the leaving node's last state, recorded just before its node.left. */
function withLeavingState(events: readonly DomainEvent[], state: unknown): DomainEvent[] {
  const at = events.findIndex((e) => e.type === 'node.left' && e.nodeId === 'a');
  const left = events[at]!;
  const updated: DomainEvent = { ...left, type: 'node.updated', payload: { tokenId: left.payload!.tokenId, state } };
  return [...events.slice(0, at), updated, ...events.slice(at)].map((e, i) => ({ ...e, seq: i + 1 }));
}

const withoutVersion = <T extends { version: number }>(state: T) => ({ ...state, version: 0 });

describe('node.updated is recorded only for a state the token keeps', () => {
  it('a waiting approval records its state; the completing vote records none, and replay rebuilds the state', () => {
    const h = approvalFlow({ assignees: [{ kind: 'user', id: 'a1' }] });
    expect(h.eventTypes()).toContain('node.updated');
    h.act('a', 'a1');
    expect(h.eventTypes()).toEqual(['task.completed', 'node.left', 'node.entered', 'node.left', 'flow.completed']);
    expect(replayFlow(h.events)).toEqual(h.state);
  });

  it('a countersign records each vote while it waits, and not the vote that passes it', () => {
    const h = approvalFlow({ assignees: people, mode: 'all' });
    h.act('a', 'a1');
    expect(h.eventTypes()).toEqual(['task.completed', 'node.updated']);
    const slots = (h.state.tokens[0]!.state as { slots: Array<{ status: string }> }).slots.map((s) => s.status);
    expect(slots).toEqual(['approved', 'open', 'open']);
    h.act('a', 'a2');
    h.act('a', 'a3');
    expect(h.eventTypes()).not.toContain('node.updated');
    expect(h.state.status).toBe('completed');
    expect(replayFlow(h.events)).toEqual(h.state);
  });

  it('a rejection that ends the flow records no state; the other tasks are still cancelled', () => {
    const h = approvalFlow({ assignees: people, mode: 'all' });
    h.act('a', 'a1', 'reject');
    expect(h.eventTypes()).toEqual(['task.completed', 'task.cancelled', 'task.cancelled', 'node.left', 'flow.rejected']);
    expect(replayFlow(h.events)).toEqual(h.state);
  });

  it('histories written with the leaving state fold to the same state, the version aside', () => {
    const h = approvalFlow({ assignees: people, mode: 'any' });
    h.act('a', 'a2');
    const old = withLeavingState(h.events, { slots: [], next: 4, threshold: 1 });
    expect(old.length).toBe(h.events.length + 1);
    expect(withoutVersion(replayFlow(old))).toEqual(withoutVersion(h.state));
  });
});
