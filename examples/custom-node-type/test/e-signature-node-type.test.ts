import {
  BatonError,
  checkFlowDefinition,
  compileFlow,
  createRegistry,
  validateDefinition,
  type DomainEvent,
  type Effect,
  type FlowCommand,
  type FlowContext,
  type FlowDefinition,
  type InvokeEffect,
  type Transition,
} from '@baton/engine';
import { beforeEach, describe, expect, it } from 'vitest';
import { ESIGN_COMPLETED, ESIGN_DECLINED, eSignatureNodeType } from '../src/e-signature-node-type.js';
import { eSignaturePlugin } from '../src/e-signature-plugin.js';
import { directory, separationFlow } from '../src/separation-flow.js';

const registry = createRegistry({ plugins: [eSignaturePlugin] });
const flow = compileFlow(separationFlow, registry);
const START = '2025-03-03T01:00:00.000Z';

/** Drives one instance; ids are a counter and the clock is whatever the test says. */
class Run {
  private ids = 0;
  now = START;
  t!: Transition;
  events: DomainEvent[] = [];
  ctx = (): FlowContext => ({ now: this.now, newId: (prefix) => `${prefix}-${++this.ids}`, directory });
  start(data: Record<string, unknown> = { employeeId: 'emp1' }): Transition {
    return this.keep(flow.start({ data, initiator: 'hr1', instanceId: 'i1' }, this.ctx()));
  }
  apply(command: FlowCommand): Transition {
    return this.keep(flow.apply(this.t.state, command, this.ctx()));
  }
  private keep(t: Transition): Transition {
    this.events.push(...t.events);
    return (this.t = t);
  }
  get at(): string[] {
    return this.t.state.tokens.map((token) => token.nodeId);
  }
  openTask(nodeId: string) {
    return this.t.state.tasks.find((task) => task.status === 'open' && task.nodeId === nodeId);
  }
}

const invokes = (effects: Effect[]): InvokeEffect[] => effects.filter((e): e is InvokeEffect => e.type === 'invoke');
const envelopeOf = (t: Transition): string => invokes(t.effects)[0]!.params.envelopeId as string;

describe('acme/e-signature in a flow', () => {
  let run: Run;
  beforeEach(() => {
    run = new Run();
  });

  it('is registered and listed for the designer with its ports', () => {
    expect(registry.nodes.get('acme/e-signature@1')).toBe(eSignatureNodeType);
    const entry = registry.describe('zh-CN').nodes.find((n) => n.type === 'acme/e-signature');
    expect(entry).toMatchObject({ label: '电子签署', icon: 'signature', category: 'people' });
    expect(entry?.ports?.outputs.map((p) => p.id)).toEqual(['out', 'declined', 'expired']);
    expect(entry?.configSchema).toMatchObject({ required: ['connector', 'document', 'signerField', 'resultField'] });
  });

  it('compiles, and the flow passes validateDefinition', () => {
    expect(flow.node('sign')?.nodeType.type).toBe('acme/e-signature');
    expect(validateDefinition(separationFlow, { registry })).toEqual({ ok: true, errors: [] });
  });

  it('on start asks the connector to send the envelope, opens the signer task and a timeout, and waits', () => {
    const t = run.start();
    expect(run.at).toEqual(['sign']);
    const [send] = invokes(t.effects);
    expect(send).toMatchObject({
      type: 'invoke',
      connector: 'esign',
      action: 'send',
      instanceId: 'i1',
      params: {
        envelopeId: 'i1/sign/t1/2025-03-03T01:00:00.000Z',
        document: 'separation-agreement',
        signer: { id: 'emp1', name: 'Li Lei', email: 'li.lei@example.com' },
      },
    });
    expect(send!.key).toMatch(/^i1:sign:t1:\d+\.\d+$/);
    const task = t.effects.find((e) => e.type === 'createTask');
    expect(task).toMatchObject({ task: { kind: 'e-signature', assignees: ['emp1'], actions: ['decline'], title: separationFlow.nodes[1]!.name } });
    expect(t.effects.find((e) => e.type === 'scheduleTimer')).toMatchObject({ dueAt: '2025-03-10T01:00:00.000Z', purpose: 'node' });
  });

  it('gives the invoke effect the same idempotency key when the same start is decided again', () => {
    const first = invokes(run.start().effects);
    const second = invokes(new Run().start().effects);
    expect(second).toEqual(first);
    expect(new Set(run.t.effects.map((e) => e.key)).size).toBe(run.t.effects.length);
  });

  it('on esign.completed for its envelope records the signed file and moves on', () => {
    const envelopeId = envelopeOf(run.start());
    run.now = '2025-03-04T02:00:00.000Z';
    const t = run.apply({ type: 'signal', name: ESIGN_COMPLETED, payload: { envelopeId, documentRef: 'file:signed-1.pdf' } });
    expect(t.state.data).toEqual({ employeeId: 'emp1', signedAgreement: 'file:signed-1.pdf' });
    expect(run.at).toEqual(['file']);
    // Leaving withdrew the signer's task and the timeout.
    expect(t.effects.map((e) => e.type)).toEqual(expect.arrayContaining(['setData', 'cancelTask', 'cancelTimer', 'createTask']));
    expect(t.state.timers).toEqual([]);
    run.apply({ type: 'completeTask', taskId: run.openTask('file')!.id, action: 'complete', by: 'hr1' });
    expect(run.t.state.status).toBe('completed');
    // The events alone rebuild the state (what the runtime stores and replays).
    expect(flow.replay(run.events)).toEqual(run.t.state);
  });

  it('ignores a signal for another envelope (the engine refuses a signal nobody handles)', () => {
    run.start();
    const wrong: FlowCommand = { type: 'signal', name: ESIGN_COMPLETED, payload: { envelopeId: 'other', documentRef: 'file:x' } };
    expect(() => run.apply(wrong)).toThrow(expect.objectContaining({ code: 'BATON_E_FLOW_SIGNAL_UNHANDLED' }));
    expect(run.at).toEqual(['sign']);
  });

  it('refuses a completed signal without the signed file reference', () => {
    const envelopeId = envelopeOf(run.start());
    const error = catchError(() => run.apply({ type: 'signal', name: ESIGN_COMPLETED, payload: { envelopeId } }));
    expect(error).toBeInstanceOf(BatonError);
    expect(error).toMatchObject({ code: 'BATON_E_ACME_ESIGN_SIGNAL_INVALID' });
  });

  it('on esign.declined leaves through the declined port', () => {
    const envelopeId = envelopeOf(run.start());
    const t = run.apply({ type: 'signal', name: ESIGN_DECLINED, payload: { envelopeId } });
    expect(run.at).toEqual(['talk']);
    expect(t.state.data).not.toHaveProperty('signedAgreement');
    expect(t.effects.map((e) => e.type)).toContain('cancelTimer');
  });

  it('a decline from the inbox task voids the envelope and leaves through declined', () => {
    const envelopeId = envelopeOf(run.start());
    const t = run.apply({ type: 'completeTask', taskId: run.openTask('sign')!.id, action: 'decline', by: 'emp1' });
    expect(run.at).toEqual(['talk']);
    expect(invokes(t.effects)).toMatchObject([{ connector: 'esign', action: 'void', params: { envelopeId, reason: 'declined' } }]);
  });

  it('without a declined edge, a decline ends the instance as rejected', () => {
    const { timeout: _noTimeout, ...config } = separationFlow.nodes[1]!.config!;
    const def: FlowDefinition = {
      ...separationFlow,
      nodes: separationFlow.nodes.map((n) => (n.id === 'sign' ? { ...n, config } : n)).filter((n) => !['talk', 'chase', 'notSigned'].includes(n.id)),
      edges: separationFlow.edges.filter((e) => ['e1', 'e2', 'e5'].includes(e.id)),
    };
    expect(validateDefinition(def, { registry }).ok).toBe(true);
    const noDecline = compileFlow(def, registry);
    const ctx: FlowContext = { now: START, newId: (p) => `${p}-1`, directory };
    const started = noDecline.start({ data: { employeeId: 'emp1' }, initiator: 'hr1', instanceId: 'i2' }, ctx);
    const t = noDecline.apply(started.state, { type: 'signal', name: ESIGN_DECLINED, payload: { envelopeId: envelopeOf(started) } }, ctx);
    expect(t.state.status).toBe('rejected');
  });

  it('when the timeout fires it voids the envelope and leaves through expired', () => {
    const t0 = run.start();
    const envelopeId = envelopeOf(t0);
    const timer = t0.state.timers[0]!;
    run.now = timer.dueAt;
    const t = run.apply({ type: 'timerFired', timerId: timer.id });
    expect(run.at).toEqual(['chase']);
    expect(invokes(t.effects)).toMatchObject([{ action: 'void', params: { envelopeId, reason: 'expired' } }]);
    expect(t.state.tasks.find((task) => task.nodeId === 'sign')?.status).toBe('cancelled');
  });

  it('refuses to enter when the signer field names nobody, applying nothing', () => {
    const error = catchError(() => run.start({ employeeId: 'ghost' }));
    expect(error).toMatchObject({ code: 'BATON_E_ACME_ESIGN_NO_SIGNER', status: 422 });
    expect((error as BatonError).issues[0]!.messages['zh-CN']).toContain('employeeId');
  });
});

describe('checking definitions that use acme/e-signature', () => {
  const withSign = (config: Record<string, unknown>, edges = separationFlow.edges): FlowDefinition => ({
    ...separationFlow,
    nodes: separationFlow.nodes.map((n) => (n.id === 'sign' ? { ...n, config } : n)),
    edges,
  });

  it('reports a bad config at its JSON path, in both locales', () => {
    const def = withSign({ connector: 'esign', document: 'Separation Agreement', signerField: 'employeeId', resultField: 'signedAgreement', timeout: { amount: 0, unit: 'weeks' } });
    const result = validateDefinition(def, { registry, locale: 'zh-CN' });
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => e.path)).toEqual(['/nodes/1/config/document', '/nodes/1/config/timeout/amount', '/nodes/1/config/timeout/unit']);
    expect(result.errors[0]!.messages['zh-CN']).not.toBe(result.errors[0]!.messages.en);
  });

  it('reports a missing required option', () => {
    const def = withSign({ connector: 'esign', document: 'separation-agreement', signerField: 'employeeId' });
    expect(validateDefinition(def, { registry }).errors.map((e) => e.path)).toEqual(['/nodes/1/config/resultField']);
  });

  it('its own check() reports a timeout without an expired edge and an unknown port', () => {
    const edges = separationFlow.edges.filter((e) => e.id !== 'e4').map((e) => (e.id === 'e3' ? { ...e, port: 'refused' } : e));
    const def = withSign(separationFlow.nodes[1]!.config!, edges);
    const issues = checkFlowDefinition(def, { registry, locale: 'en' });
    const mine = issues.filter((i) => i.code.startsWith('BATON_E_ACME_ESIGN_'));
    expect(mine.map((i) => [i.code, i.path])).toEqual([
      ['BATON_E_ACME_ESIGN_UNKNOWN_PORT', '/edges/2/port'],
      ['BATON_E_ACME_ESIGN_EXPIRED_UNCONNECTED', '/nodes/1/config/timeout'],
    ]);
    expect(mine[1]!.messages['zh-CN']).toContain('expired');
  });

  it('without the plugin the node type is unknown', () => {
    expect(validateDefinition(separationFlow).errors.map((e) => e.path)).toContain('/nodes/1/type');
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
