// `pnpm start` in this folder: runs the separation-agreement flow with the e-signature node, step by step.
import { compileFlow, createRegistry, validateDefinition, type Effect, type FlowContext, type Transition } from '@baton/engine';
import { ESIGN_COMPLETED } from './e-signature-node-type.js';
import { eSignaturePlugin } from './e-signature-plugin.js';
import { directory, separationFlow } from './separation-flow.js';

const registry = createRegistry({ plugins: [eSignaturePlugin] });
const node = registry.describe('en').nodes.find((n) => n.type === 'acme/e-signature');
console.log('palette entry:', node?.label, '| outputs:', node?.ports?.outputs.map((p) => p.id).join(', '));

const checked = validateDefinition(separationFlow, { registry });
console.log('flow definition valid:', checked.ok, checked.errors.map((e) => `${e.path} ${e.message}`));

const flow = compileFlow(separationFlow, registry);
let ids = 0;
// Time and ids come in from outside: the engine never reads the clock.
const ctx = (now: string): FlowContext => ({ now, newId: (prefix) => `${prefix}-${++ids}`, directory });

function show(step: string, t: Transition): void {
  console.log(`\n== ${step}: status ${t.state.status}, tokens at ${t.state.tokens.map((x) => x.nodeId).join(', ') || '-'}`);
  for (const effect of t.effects) console.log(`   effect ${describe(effect)}`);
}

function describe(effect: Effect): string {
  switch (effect.type) {
    case 'invoke': return `invoke ${effect.connector}.${effect.action} ${JSON.stringify(effect.params)}  [key ${effect.key}]`;
    case 'createTask': return `createTask ${effect.task.taskId} for ${effect.task.assignees.join(', ')} (${effect.task.kind}, actions ${effect.task.actions.join('/')})`;
    case 'cancelTask': return `cancelTask ${effect.taskId} (${effect.reason ?? ''})`;
    case 'scheduleTimer': return `scheduleTimer ${effect.timerId} due ${effect.dueAt}`;
    case 'cancelTimer': return `cancelTimer ${effect.timerId}`;
    case 'setData': return `setData ${JSON.stringify(effect.patch)}`;
    default: return effect.type;
  }
}

let t = flow.start({ data: { employeeId: 'emp1' }, initiator: 'hr1', instanceId: 'inst-1' }, ctx('2025-03-03T01:00:00Z'));
show('started', t);

// The connector's webhook reports the signature; the runtime turns it into a signal command.
const send = t.effects.find((e) => e.type === 'invoke');
const envelopeId = send?.type === 'invoke' ? send.params.envelopeId : undefined;
t = flow.apply(t.state, { type: 'signal', name: ESIGN_COMPLETED, payload: { envelopeId, documentRef: 'file:agreement-signed.pdf' } }, ctx('2025-03-04T02:00:00Z'));
show('signed', t);
console.log('   data now:', JSON.stringify(t.state.data));

const fileTask = t.state.tasks.find((task) => task.status === 'open' && task.nodeId === 'file');
t = flow.apply(t.state, { type: 'completeTask', taskId: fileTask!.id, action: 'complete', by: 'hr1' }, ctx('2025-03-04T03:00:00Z'));
show('filed', t);
