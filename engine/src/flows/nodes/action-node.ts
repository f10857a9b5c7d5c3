import type { JsonLogic } from '../../expressions/expression-types.js';
import type { LocalizedText } from '../../i18n/localized-text.js';
import type { AssigneeSpec } from '../flow-definition.js';
import type { EffectRequest, NodeContext, NodeType } from '../node-type.js';
import { assigneeListSchema, localizedTextSchema, MAIN_IN, MAIN_OUT } from './node-schemas.js';

/** Values are JsonLogic over the instance data (a plain string or number is itself). */
type Expressions = Record<string, JsonLogic>;

export type ActionEffectConfig =
  | { type: 'notify'; to: AssigneeSpec[]; title: LocalizedText; body?: LocalizedText; channels?: string[] }
  | { type: 'invoke'; connector: string; action: string; params?: Expressions }
  | { type: 'setData'; set: Expressions }
  | { type: 'renderDocument'; document: string; data?: Expressions };

export interface ActionConfig {
  effects: ActionEffectConfig[];
}

function evaluateAll(values: Expressions | undefined, ctx: NodeContext<ActionConfig>, data: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, logic] of Object.entries(values ?? {})) out[key] = ctx.evaluate(logic, data);
  return out;
}

const expressionsSchema = { type: 'object', additionalProperties: true };

/** Emits effects (notify, a connector call, data changes, a document) and moves on at once. */
export const actionNodeType: NodeType<ActionConfig> = {
  type: 'action',
  version: '1.0.0',
  configSchema: {
    type: 'object',
    properties: {
      effects: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['type'],
          oneOf: [
            {
              properties: { type: { const: 'notify' }, to: assigneeListSchema, title: localizedTextSchema, body: localizedTextSchema, channels: { type: 'array', items: { type: 'string' } } },
              required: ['type', 'to', 'title'],
              additionalProperties: false,
            },
            {
              properties: { type: { const: 'invoke' }, connector: { type: 'string', minLength: 1 }, action: { type: 'string', minLength: 1 }, params: expressionsSchema },
              required: ['type', 'connector', 'action'],
              additionalProperties: false,
            },
            { properties: { type: { const: 'setData' }, set: expressionsSchema }, required: ['type', 'set'], additionalProperties: false },
            {
              properties: { type: { const: 'renderDocument' }, document: { type: 'string', minLength: 1 }, data: expressionsSchema },
              required: ['type', 'document'],
              additionalProperties: false,
            },
          ],
        },
      },
    },
    required: ['effects'],
    additionalProperties: false,
  },
  describe: () => ({
    label: { en: 'Action', 'zh-CN': '自动操作' },
    description: { en: 'Notifies, calls a connector, sets data or renders a document, then continues.', 'zh-CN': '发送通知、调用连接器、设置数据或生成文档，然后继续。' },
    icon: 'bolt',
    category: 'automation',
    ports: { inputs: [MAIN_IN], outputs: [MAIN_OUT] },
  }),
  dataFields: (config) => config.effects.flatMap((e) => (e.type === 'setData' ? Object.keys(e.set) : [])),
  enter(_token, ctx) {
    const effects: EffectRequest[] = [];
    let patch: Record<string, unknown> | undefined;
    // Effects run in order: a later effect sees the data an earlier setData produced.
    let data: Record<string, unknown> = { ...ctx.data };
    for (const spec of ctx.config.effects) {
      switch (spec.type) {
        case 'notify': {
          const notify: EffectRequest = { type: 'notify', to: ctx.resolveAssignees(spec.to), title: spec.title, data, link: { instanceId: ctx.instance.id } };
          if (spec.body !== undefined) notify.body = spec.body;
          if (spec.channels) notify.channels = spec.channels;
          effects.push(notify);
          break;
        }
        case 'invoke':
          effects.push({ type: 'invoke', connector: spec.connector, action: spec.action, params: evaluateAll(spec.params, ctx, data), instanceId: ctx.instance.id });
          break;
        case 'setData': {
          const values = evaluateAll(spec.set, ctx, data);
          patch = { ...patch, ...values };
          data = { ...data, ...values };
          break;
        }
        case 'renderDocument':
          effects.push({ type: 'renderDocument', document: spec.document, instanceId: ctx.instance.id, data: spec.data ? evaluateAll(spec.data, ctx, data) : data });
          break;
      }
    }
    return patch ? { setData: patch, effects, leave: {} } : { effects, leave: {} };
  },
};
