import {
  BatonError,
  issue,
  pointer,
  type Duration,
  type FlowToken,
  type Issue,
  type NodeContext,
  type NodeOutcome,
  type NodeType,
} from '@baton/engine';
import { ESIGN_ERRORS } from './e-signature-errors.js';

/** What an analyst sets on the node in the designer; validated against `configSchema` before compiling. */
export interface ESignatureConfig {
  /** Key of the connector that talks to the signing service; it receives `send` and `void` invocations. */
  connector: string;
  /** The document to sign (a document definition key the connector renders or looks up). */
  document: string;
  /** Data field holding the signer's user id. */
  signerField: string;
  /** Data field the signed document's reference is written to. */
  resultField: string;
  /** How long the signer has; when it runs out the envelope is voided and the token leaves through `expired`. */
  timeout?: Duration;
}

/** The signals the runtime sends when the signing service calls back (e.g. from a webhook). */
export const ESIGN_COMPLETED = 'esign.completed';
export const ESIGN_DECLINED = 'esign.declined';

/** The node's private state, kept on the token between enter and the signal (must be JSON). */
interface ESignatureState {
  envelopeId: string;
}

const PORTS = ['declined', 'expired'];

/**
 * The envelope id ties the callback to this visit of this node. It must be deterministic (the engine is a
 * pure reducer: the same command on the same state gives the same result), so it is built from the
 * instance, node, token and entry time rather than drawn at random.
 */
function envelopeIdFor(token: FlowToken, ctx: NodeContext<ESignatureConfig>): string {
  return `${ctx.instance.id}/${ctx.node.id}/${token.id}/${token.enteredAt}`;
}

function envelopeOf(token: FlowToken): string | undefined {
  return (token.state as ESignatureState | undefined)?.envelopeId;
}

/** Leave through `port` when the designer connected it, else end the instance as rejected. */
function leaveOrReject(port: string, ctx: NodeContext<ESignatureConfig>): Pick<NodeOutcome, 'leave' | 'end'> {
  return ctx.outgoing.some((e) => e.port === port) ? { leave: { port } } : { end: { status: 'rejected', terminate: true } };
}

/**
 * `acme/e-signature`: sends a document to a signer through a connector and waits until it is signed,
 * declined or the time runs out. The signer also gets an inbox task (they can decline from there).
 */
export const eSignatureNodeType: NodeType<ESignatureConfig> = {
  type: 'acme/e-signature',
  version: '1.0.0',
  // It waits for a person: loops through this node are allowed and the designer draws it as a wait.
  waitState: true,
  actions: ['decline'],
  configSchema: {
    type: 'object',
    properties: {
      connector: { type: 'string', minLength: 1, default: 'esign', title: 'Signing connector' },
      document: { type: 'string', pattern: '^[a-z][a-z0-9-]*$', title: 'Document' },
      signerField: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$', title: 'Signer field' },
      resultField: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$', title: 'Store signed file in' },
      // Self-contained (no $ref), so the designer can render it without the engine's schemas.
      timeout: {
        type: 'object',
        properties: {
          amount: { type: 'number', exclusiveMinimum: 0 },
          unit: { enum: ['minutes', 'hours', 'days', 'business-hours', 'business-days'] },
        },
        required: ['amount', 'unit'],
        additionalProperties: false,
        title: 'Expires after',
      },
    },
    required: ['connector', 'document', 'signerField', 'resultField'],
    additionalProperties: false,
  },
  describe: () => ({
    label: { en: 'E-signature', 'zh-CN': '电子签署' },
    description: {
      en: 'Sends a document for electronic signature and waits until it is signed, declined or expires.',
      'zh-CN': '发送文件进行电子签署，等待签署完成、拒签或超时。',
    },
    icon: 'signature',
    category: 'people',
    // Edges from the main output carry no `port`; the others name one of these ids.
    ports: {
      inputs: [{ id: 'in', label: { en: 'In', 'zh-CN': '进入' } }],
      outputs: [
        { id: 'out', label: { en: 'Signed', 'zh-CN': '已签署' } },
        { id: 'declined', label: { en: 'Declined', 'zh-CN': '拒签' } },
        { id: 'expired', label: { en: 'Expired', 'zh-CN': '已过期' } },
      ],
    },
  }),
  // Tells the checker who works here, and that conditions may read the result field.
  assignees: (config) => [{ kind: 'field', path: config.signerField }],
  dataFields: (config) => [config.resultField],

  check(config, ctx) {
    // Runs even when the config failed its schema (those issues are reported separately): read it defensively.
    const issues: Issue[] = [];
    for (const edge of ctx.outgoing) {
      if (edge.port !== undefined && !PORTS.includes(edge.port)) {
        const params = { edgeId: edge.id, nodeId: ctx.node.id, port: edge.port };
        issues.push(issue(ESIGN_ERRORS.BATON_E_ACME_ESIGN_UNKNOWN_PORT, pointer('edges', edge.index, 'port'), params, ctx.locale));
      }
    }
    if (config.timeout !== undefined && !ctx.outgoing.some((e) => e.port === 'expired')) {
      issues.push(issue(ESIGN_ERRORS.BATON_E_ACME_ESIGN_EXPIRED_UNCONNECTED, `${ctx.path}/config/timeout`, { nodeId: ctx.node.id }, ctx.locale));
    }
    return issues;
  },

  enter(token, ctx) {
    const { config } = ctx;
    const signerId = ctx.data[config.signerField];
    const signer = typeof signerId === 'string' ? ctx.directory.user(signerId) : undefined;
    if (!signer) {
      // Refuses the command that brought the token here; nothing is applied, the caller fixes the data.
      throw new BatonError(ESIGN_ERRORS.BATON_E_ACME_ESIGN_NO_SIGNER, { field: config.signerField, value: String(signerId ?? ''), nodeId: ctx.node.id });
    }
    const envelopeId = envelopeIdFor(token, ctx);
    const state: ESignatureState = { envelopeId };
    const outcome: NodeOutcome = {
      state,
      // The runtime carries this out after commit; the reducer adds an idempotency key so a retry is harmless.
      effects: [
        {
          type: 'invoke',
          connector: config.connector,
          action: 'send',
          instanceId: ctx.instance.id,
          params: {
            envelopeId,
            document: config.document,
            signer: { id: signer.id, name: signer.name, email: signer.email ?? null, mobile: signer.mobile ?? null },
            // Tells the connector which signals to send back, and with which envelope id.
            callbacks: { completed: ESIGN_COMPLETED, declined: ESIGN_DECLINED },
          },
        },
      ],
      tasks: [
        {
          // No title: the inbox shows the node's name ("Sign the separation agreement").
          kind: 'e-signature',
          assignees: [signer.id],
          actions: ['decline'],
          data: { envelopeId, document: config.document },
          ...(ctx.slaDueAt !== undefined ? { dueAt: ctx.slaDueAt } : {}),
        },
      ],
    };
    if (config.timeout) outcome.timers = [{ dueAt: ctx.addDuration(ctx.now, config.timeout), payload: { envelopeId } }];
    return outcome;
  },

  on(command, token, ctx) {
    const envelopeId = envelopeOf(token);
    if (command.kind === 'signal') {
      // Not ours (another envelope, another kind of signal): let other tokens have it.
      if (command.payload?.envelopeId !== envelopeId) return undefined;
      if (command.name === ESIGN_DECLINED) return leaveOrReject('declined', ctx);
      if (command.name !== ESIGN_COMPLETED) return undefined;
      const documentRef = command.payload?.documentRef;
      if (typeof documentRef !== 'string' || documentRef === '') {
        throw new BatonError(ESIGN_ERRORS.BATON_E_ACME_ESIGN_SIGNAL_INVALID, { name: command.name, envelopeId: envelopeId ?? '' });
      }
      // Leaving cancels the inbox task and the timeout timer for us.
      return { setData: { [ctx.config.resultField]: documentRef }, leave: {} };
    }
    if (command.kind === 'task' && command.action === 'decline') {
      // Declined in our inbox: the signing service still has the envelope open, so void it.
      const voidIt = { type: 'invoke' as const, connector: ctx.config.connector, action: 'void', instanceId: ctx.instance.id, params: { envelopeId, reason: 'declined' } };
      return { effects: [voidIt], ...leaveOrReject('declined', ctx) };
    }
    if (command.kind === 'timer' && command.timer.payload?.envelopeId === envelopeId) {
      const voidIt = { type: 'invoke' as const, connector: ctx.config.connector, action: 'void', instanceId: ctx.instance.id, params: { envelopeId, reason: 'expired' } };
      return { effects: [voidIt], leave: { port: 'expired' } };
    }
    // SLA auto-decisions do not apply to a signature: only the signer can sign.
    return undefined;
  },
};
