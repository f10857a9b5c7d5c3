import type { JsonLogic } from '../../expressions/expression-types.js';
import type { LocalizedText } from '../../i18n/localized-text.js';
import type { AssigneeSpec } from '../flow-definition.js';
import type { EffectRequest, NodeContext, NodeType } from '../node-type.js';
import { assigneeListSchema, both, localizedTextSchema, MAIN_IN, MAIN_OUT, worded } from './node-schemas.js';

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
        'x-title': both('What it does, in order', '依次执行的操作'),
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['type'],
          oneOf: [
            {
              'x-title': both('Send a notification', '发送通知'),
              properties: {
                type: { const: 'notify' },
                to: worded(assigneeListSchema, { title: both('Recipients', '接收人') }),
                title: worded(localizedTextSchema, { title: both('Title', '标题') }),
                body: worded(localizedTextSchema, { title: both('Message', '内容') }),
                channels: worded({ type: 'array', items: { type: 'string' } }, { title: both('Channels', '渠道'), description: both('The recipients’ own choice when empty.', '不填则按接收人自己的设置。') }),
              },
              required: ['type', 'to', 'title'],
              additionalProperties: false,
            },
            {
              'x-title': both('Call a connector', '调用连接器'),
              properties: {
                type: { const: 'invoke' },
                connector: worded({ type: 'string', minLength: 1 }, { title: both('Connector', '连接器') }),
                action: worded({ type: 'string', minLength: 1 }, { title: both('Connector action', '连接器操作') }),
                params: worded(expressionsSchema, { title: both('Parameters', '参数') }),
              },
              required: ['type', 'connector', 'action'],
              additionalProperties: false,
            },
            {
              'x-title': both('Set data', '设置数据'),
              properties: { type: { const: 'setData' }, set: worded(expressionsSchema, { title: both('Values to set', '要设置的值'), description: both('Each field, with the value or formula it gets.', '每个字段，及要设置的值或公式。') }) },
              required: ['type', 'set'],
              additionalProperties: false,
            },
            {
              'x-title': both('Produce a document', '生成文档'),
              properties: {
                type: { const: 'renderDocument' },
                document: worded({ type: 'string', minLength: 1 }, { title: both('Document template', '文档模板') }),
                data: worded(expressionsSchema, { title: both('Data for the document', '文档数据'), description: both('The flow’s data when empty.', '不填则使用流程的数据。') }),
              },
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
