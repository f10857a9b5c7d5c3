// A complete runtime plugin, used by plugins.test.ts and by the `baton serve` plugin test (BATON_PLUGINS),
// and quoted in runtime-api/README.md. A third party imports the same names from '@baton/engine' and
// '@baton/runtime-api'.
import { ENGINE_VERSION, type FieldType, type NodeType, type RuleActionType } from '@baton/engine';
import type { ActionType, BatonPlugin, ConnectorType } from '../../src/index.js';

/** `acme/iban`: an IBAN, checked with its ISO 13616 mod-97 check digits. */
const ibanField: FieldType<Record<string, never>> = {
  type: 'acme/iban',
  version: '1.0.0',
  configSchema: { type: 'object', additionalProperties: false },
  describe: () => ({ label: { en: 'IBAN', 'zh-CN': '国际银行账号' }, category: 'finance' }),
  valueSchema: () => ({ type: 'string', pattern: '^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$' }),
  validateValue(value) {
    const text = String(value);
    const digits = (text.slice(4) + text.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
    let rest = 0;
    for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
    return rest === 1 ? [] : [{ message: { en: 'This IBAN\'s check digits are wrong: check it against the bank statement.', 'zh-CN': '该 IBAN 的校验位不正确：请对照银行对账单核对。' } }];
  },
};

interface AwaitBankConfig { roles?: string[] }

/** `acme/await-bank`: waits until the bank calls back with signal `bank.settled { reference }`, then moves on. */
const awaitBankNode: NodeType<AwaitBankConfig> = {
  type: 'acme/await-bank',
  version: '1.0.0',
  configSchema: { type: 'object', properties: { roles: { type: 'array', items: { type: 'string', minLength: 1 } } }, additionalProperties: false },
  describe: () => ({ label: { en: 'Wait for the bank', 'zh-CN': '等待银行回调' }, category: 'integration' }),
  waitState: true,
  signals: (config) => [
    {
      name: 'bank.settled',
      roles: config.roles ?? ['bank'],
      dataSchema: { type: 'object', properties: { reference: { type: 'string', minLength: 1 } }, required: ['reference'], additionalProperties: false },
    },
  ],
  dataFields: () => ['bankReference'],
  enter: () => ({}),
  on(command) {
    if (command.kind !== 'signal' || command.name !== 'bank.settled') return undefined;
    return { setData: { bankReference: command.payload?.reference }, leave: {} };
  },
};

interface PayoutParams { connector: string }

/** `acme/payout`: asks the bank connector to transfer to the instance's IBAN (an `invoke` through the outbox). */
const payoutAction: RuleActionType<PayoutParams> = {
  type: 'acme/payout',
  version: '1.0.0',
  paramsSchema: { type: 'object', properties: { connector: { type: 'string', minLength: 1 } }, required: ['connector'], additionalProperties: false },
  describe: () => ({ label: { en: 'Pay out', 'zh-CN': '付款' }, category: 'finance' }),
  fieldRefs: () => [{ field: 'iban', path: '', types: ['acme/iban'] }],
  toEffects: (params, env) => [
    {
      type: 'invoke',
      key: env.key,
      connector: params.connector,
      action: 'transfer',
      params: { iban: env.data.iban, reference: env.data.bankReference ?? null },
      ...(env.instanceId ? { instanceId: env.instanceId } : {}),
    },
  ],
};

interface BankConfig { baseUrl: string; allowHosts?: string[] }

const transfer: ActionType<{ iban: string; reference?: string | null }, BankConfig> = {
  type: 'transfer',
  version: '1.0.0',
  paramsSchema: { type: 'object', properties: { iban: { type: 'string' }, reference: { type: ['string', 'null'] } }, required: ['iban'] },
  async run(params, ctx) {
    const exchange = await ctx.http.request({ method: 'POST', url: '/transfers', json: params });
    if (exchange.status >= 500) return { status: 'retry', error: `bank answered ${exchange.status}` };
    if (exchange.status >= 400) return { status: 'dead', error: `bank refused the transfer (${exchange.status})` };
    return { status: 'ok', note: 'transfer accepted' };
  },
};

/** `acme-bank`: the bank's HTTP API (connector type names are kebab-case, without a vendor slash). */
const bankConnector: ConnectorType<BankConfig> = {
  type: 'acme-bank',
  version: '1.0.0',
  label: { en: 'ACME Bank', 'zh-CN': 'ACME 银行' },
  description: { en: 'Transfers through the ACME Bank API.', 'zh-CN': '通过 ACME 银行接口付款。' },
  configSchema: {
    type: 'object',
    properties: { baseUrl: { type: 'string', format: 'uri' }, allowHosts: { type: 'array', items: { type: 'string' } } },
    required: ['baseUrl'],
    additionalProperties: false,
  },
  secrets: [],
  actions: { transfer },
  test: async (ctx) => {
    const exchange = await ctx.http.request({ method: 'GET', url: '/health' });
    return exchange.status < 400 ? { status: 'ok' } : { status: 'dead', error: `bank answered ${exchange.status}` };
  },
};

const acmeBankPlugin: BatonPlugin = {
  name: 'acme/bank',
  engine: `^${ENGINE_VERSION}`,
  register(registry) {
    registry.registerFieldType(ibanField).registerNodeType(awaitBankNode).registerActionType(payoutAction);
  },
  connectorTypes: [bankConnector],
};

export default acmeBankPlugin;
