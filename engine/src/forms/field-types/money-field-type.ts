import type { FieldType } from '../field-type.js';

export interface MoneyConfig {
  /** ISO 4217 code; when set, every value must use it. */
  currency?: string;
  /** Digits after the decimal point (2 for CNY/USD, 0 for JPY). */
  scale?: number;
  /** Reject negative amounts unless true. */
  allowNegative?: boolean;
}

const CURRENCY_WORDING = {
  en: 'Enter the currency as its three-letter code in capitals, for example CNY.',
  'zh-CN': '请填写三位大写字母的币种代码，例如 CNY。',
};

/** What to type into the amount, in words (shown instead of the amount's pattern when it does not match). */
function amountWording(scale: number, negative: boolean): { en: string; 'zh-CN': string } {
  const example = scale > 0 ? `1234.${'56'.padEnd(scale, '0').slice(0, scale)}` : '1234';
  const en = scale > 0 ? `digits only, at most ${scale} after the decimal point` : 'whole units, digits only';
  const zh = scale > 0 ? `只填数字，最多 ${scale} 位小数` : '只填整数';
  return {
    en: `Enter an amount such as ${example} (${en}${negative ? '; put a minus sign before a negative amount' : ', not negative'}).`,
    'zh-CN': `请填写金额，例如 ${example}（${zh}${negative ? '；负数前加减号' : '，不能为负数'}）。`,
  };
}

/**
 * `{ amount: "1234.50", currency: "CNY" }`. The amount is a decimal STRING: a JSON number becomes a binary
 * double in every JS client (0.1 + 0.2 ≠ 0.3), and integer minor units would need a per-currency scale
 * table everywhere the value is read. A string keeps exactly the cents that were typed; the currency
 * travels with the amount so a record stays meaningful if the form's default currency changes.
 * JsonLogic comparisons with a number (`{">": [{"var": "x.amount"}, 1000]}`) coerce it numerically.
 */
export const moneyFieldType: FieldType<MoneyConfig> = {
  type: 'money',
  version: '1.0.0',
  configSchema: {
    type: 'object',
    properties: {
      currency: { type: 'string', pattern: '^[A-Z]{3}$' },
      scale: { type: 'integer', minimum: 0, maximum: 4 },
      allowNegative: { type: 'boolean' },
    },
    additionalProperties: false,
  },
  describe: () => ({
    label: { en: 'Money', 'zh-CN': '金额' },
    description: {
      en: 'An exact amount with its currency (kept as a decimal string, never rounded).',
      'zh-CN': '带币种的精确金额（以十进制字符串保存，不会舍入）。',
    },
    icon: 'banknote',
    category: 'basic',
  }),
  valueSchema: (c) => {
    const scale = c.scale ?? 2;
    const sign = c.allowNegative ? '-?' : '';
    const fraction = scale > 0 ? `(\\.[0-9]{1,${scale}})?` : '';
    return {
      type: 'object',
      properties: {
        amount: { type: 'string', pattern: `^${sign}(0|[1-9][0-9]{0,14})${fraction}$`, 'x-expected': amountWording(scale, c.allowNegative === true) },
        currency: c.currency ? { const: c.currency } : { type: 'string', pattern: '^[A-Z]{3}$', 'x-expected': CURRENCY_WORDING },
      },
      required: ['amount', 'currency'],
      additionalProperties: false,
    };
  },
  uiSchema: (c) => ({ 'ui:widget': 'money', 'ui:options': { currency: c.currency ?? 'CNY', scale: c.scale ?? 2 } }),
};
