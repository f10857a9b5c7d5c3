import { describe, expect, it } from 'vitest';
import { BatonError } from '../errors/error-catalogue.js';
import { Registry } from '../registry/registry.js';
import { compileFlow } from './compile-flow.js';
import { replayFlow } from './evolve-flow-state.js';
import { edges, flowDef, FlowHarness, node, testRegistry } from './flow-test-kit.js';
import type { NodeType } from './node-type.js';
import { builtinNodeTypesPlugin } from './builtin-node-types-plugin.js';

const simple = flowDef(
  [node('start', 'start'), node('approve', 'approval', { assignees: [{ kind: 'manager-of' }] }), node('end', 'end')],
  edges(['start', 'approve'], ['approve', 'end']),
);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof BatonError ? error.code : String(error);
  }
  return undefined;
}

describe('compileFlow', () => {
  it('starts an instance, opens a task for the resolved assignee and records who it is', () => {
    const h = new FlowHarness(simple);
    const t = h.start({ reason: 'moving' });
    expect(h.state.status).toBe('running');
    expect(h.positions()).toEqual(['approve']);
    const created = h.effectsOf('createTask');
    expect(created).toHaveLength(1);
    expect(created[0]!.task.assignees).toEqual(['mgr']);
    expect(created[0]!.task.actions).toContain('approve');
    const event = t.events.find((e) => e.type === 'task.created')!;
    expect((event.payload as { task: { assignees: string[] } }).task.assignees).toEqual(['mgr']);
    expect(t.events.map((e) => e.seq)).toEqual(t.events.map((_, i) => i + 1));
    expect(h.state.version).toBe(t.events.length);
  });

  it('completes on approval and its history replays to the same state without the directory', () => {
    const h = new FlowHarness(simple);
    h.start();
    const before = h.state.version;
    h.act('approve', 'mgr', 'approve', { comment: 'ok' });
    expect(h.state.status).toBe('completed');
    expect(h.state.version).toBeGreaterThan(before);
    expect(h.eventTypes()).toContain('flow.completed');
    expect(h.state.tokens).toHaveLength(0);
    expect(replayFlow(h.events)).toEqual(h.state);
    expect(h.flow.replay(h.events)).toEqual(h.state);
  });

  it('derives the same idempotency keys when the same command runs on the same state', () => {
    const a = new FlowHarness(simple);
    const b = new FlowHarness(simple);
    a.start();
    b.start();
    const keysA = a.act('approve', 'mgr').effects.map((e) => e.key);
    const keysB = b.act('approve', 'mgr').effects.map((e) => e.key);
    expect(keysA).toEqual(keysB);
    const all = [...a.effects.map((e) => e.key)];
    expect(new Set(all).size).toBe(all.length);
    expect(all[0]).toMatch(/^i1:approve:t1:\d+\.0$/);
  });

  it('does not mutate the state it was given (structural sharing, not copying)', () => {
    const h = new FlowHarness(simple);
    h.start({ big: { nested: [1, 2, 3] } });
    const before = h.state;
    const frozen = JSON.stringify(before);
    h.act('approve', 'mgr');
    expect(JSON.stringify(before)).toBe(frozen);
    expect(h.state.data).toBe(before.data);
  });

  it('refuses bad commands with catalogue codes', () => {
    const h = new FlowHarness(simple);
    h.start();
    const taskId = h.task('approve').id;
    const apply = (command: Parameters<FlowHarness['apply']>[0]) => codeOf(() => h.flow.apply(h.state, command, h.ctx()));
    expect(apply({ type: 'completeTask', taskId: 'nope', action: 'approve', by: 'mgr' })).toBe('BATON_E_FLOW_TASK_NOT_FOUND');
    expect(apply({ type: 'completeTask', taskId, action: 'approve', by: 'emp' })).toBe('BATON_E_FLOW_NOT_ASSIGNEE');
    expect(apply({ type: 'completeTask', taskId, action: 'dance', by: 'mgr' })).toBe('BATON_E_FLOW_ACTION_NOT_ALLOWED');
    expect(apply({ type: 'completeTask', taskId, action: 'delegate', by: 'mgr' })).toBe('BATON_E_FLOW_ACTION_NEEDS_TARGET');
    expect(apply({ type: 'timerFired', timerId: 'x' })).toBe('BATON_E_FLOW_TIMER_NOT_FOUND');
    h.act('approve', 'mgr');
    expect(apply({ type: 'completeTask', taskId, action: 'approve', by: 'mgr' })).toBe('BATON_E_FLOW_NOT_RUNNING');
  });

  it('refuses a second completion of the same task', () => {
    const h = new FlowHarness(flowDef(
      [node('start', 'start'), node('a', 'approval', { assignees: [{ kind: 'user', id: 'a1' }, { kind: 'user', id: 'a2' }], mode: 'all' }), node('end', 'end')],
      edges(['start', 'a'], ['a', 'end']),
    ));
    h.start();
    const taskId = h.task('a', 'a1').id;
    h.act('a', 'a1');
    const error = (() => {
      try {
        h.apply({ type: 'completeTask', taskId, action: 'approve', by: 'a1' });
      } catch (e) {
        return e as BatonError;
      }
      return undefined;
    })();
    expect(error?.code).toBe('BATON_E_FLOW_TASK_CLOSED');
    expect(error?.issues[0]?.messages['zh-CN']).toContain('已');
  });

  it('throws for unknown node types and refuses a state of another version', () => {
    expect(codeOf(() => compileFlow(flowDef([node('s', 'start'), node('x', 'acme/nope')], []), testRegistry()))).toBe('BATON_E_FLOW_UNKNOWN_NODE_TYPE');
    expect(codeOf(() => compileFlow(flowDef([node('e', 'end')], []), testRegistry()))).toBe('BATON_E_FLOW_NO_START');
    const h = new FlowHarness(simple);
    h.start();
    const v2 = compileFlow({ ...simple, version: 2 }, testRegistry());
    expect(codeOf(() => v2.apply(h.state, { type: 'cancel', by: 'admin' }, h.ctx()))).toBe('BATON_E_FLOW_VERSION_MISMATCH');
  });

  it('runs a third-party node type added only through the registry (an e-signature wait)', () => {
    const esign: NodeType<{ document: string }> = {
      type: 'acme/esign',
      version: '1.0.0',
      waitState: true,
      configSchema: { type: 'object', properties: { document: { type: 'string' } }, required: ['document'] },
      describe: () => ({ label: { en: 'E-signature', 'zh-CN': '电子签' } }),
      enter: (token, ctx) => ({
        state: { sent: true },
        effects: [{ type: 'invoke', connector: 'esign', action: 'send', params: { document: ctx.config.document, tokenId: token.id } }],
      }),
      on: (command) => (command.kind === 'signal' && command.name === 'signed' ? { setData: { signed: true }, leave: {} } : undefined),
    };
    const registry = new Registry().use(builtinNodeTypesPlugin, '0.1.0').use({ name: 'acme', engine: '^0.1.0', register: (r) => r.registerNodeType(esign) }, '0.1.0');
    const h = new FlowHarness(flowDef(
      [node('start', 'start'), node('sign', 'acme/esign', { document: 'nda' }), node('end', 'end')],
      edges(['start', 'sign'], ['sign', 'end']),
    ), registry);
    h.start();
    expect(h.effectsOf('invoke')[0]!.params).toEqual({ document: 'nda', tokenId: 't1' });
    expect(h.state.tokens.find((t) => t.id === 't1')!.state).toEqual({ sent: true });
    h.apply({ type: 'signal', name: 'signed' });
    expect(h.state.status).toBe('completed');
    expect(h.state.data.signed).toBe(true);
    expect(replayFlow(h.events)).toEqual(h.state);
  });
});
