import type { FieldType, FieldValueProblem, LocalizedText } from '@baton/engine';
import { parseResidentId, type ResidentIdProblem } from './resident-id.js';

/** What an analyst can set on a field of this type in the designer (validated against `configSchema`). */
export interface ResidentIdConfig {
  /** Show the number masked ("110105********002X") in lists, exports and history. Default true. */
  maskInList?: boolean;
  /** Only holders born on or before this day (YYYY-MM-DD) are accepted, e.g. adults at a fixed date. */
  bornOnOrBefore?: string;
}

/** One message per problem, in both locales. English starts lower-case: the engine prefixes the field label. */
function messageFor(problem: ResidentIdProblem): LocalizedText {
  switch (problem.kind) {
    case 'lowercase-x':
      return { en: 'write the last character as a capital X.', 'zh-CN': '最后一位请使用大写字母 X。' };
    case 'characters':
      return {
        en: 'use 17 digits followed by a digit or X.',
        'zh-CN': '请输入 17 位数字，最后一位为数字或 X。',
      };
    case 'region':
      return {
        en: `the number starts with ${problem.region}, which is not a region code: check the first six digits.`,
        'zh-CN': `号码开头 ${problem.region} 不是有效的地区代码：请核对前六位。`,
      };
    case 'birth-date':
      return {
        en: `digits 7–14 (${problem.digits}) must be a real birth date YYYYMMDD: check them.`,
        'zh-CN': `第 7–14 位（${problem.digits}）必须是真实的出生日期 YYYYMMDD：请核对。`,
      };
    case 'checksum':
      return {
        en: `the check digit should be ${problem.expected}, not ${problem.actual}: look for a mistyped digit.`,
        'zh-CN': `校验位应为 ${problem.expected}，而不是 ${problem.actual}：请检查是否输错了数字。`,
      };
  }
}

/**
 * `acme/cn-resident-id`: an 18-character Chinese resident identity card number.
 * JSON Schema checks the length (so the designer's form and the browser check it too); `validateValue`
 * does what JSON Schema cannot: region, a real birth date and the ISO 7064 MOD 11-2 check digit.
 */
export const residentIdFieldType: FieldType<ResidentIdConfig> = {
  // Third-party names are `vendor/name`; built-ins have no slash, so yours can never clash with one.
  type: 'acme/cn-resident-id',
  // Definitions may pin `acme/cn-resident-id@1`; bump the major version when old values would stop validating.
  version: '1.0.0',
  configSchema: {
    type: 'object',
    properties: {
      maskInList: {
        type: 'boolean',
        default: true,
        title: 'Mask in lists',
        description: 'Show the number masked in lists, exports and history.',
      },
      bornOnOrBefore: {
        type: 'string',
        format: 'date',
        title: 'Born on or before',
        description: 'Reject holders born after this day (YYYY-MM-DD).',
      },
    },
    additionalProperties: false,
  },
  describe: () => ({
    label: { en: 'Resident ID number', 'zh-CN': '居民身份证号' },
    description: {
      en: 'An 18-character Chinese resident identity card number, checked for region, birth date and check digit.',
      'zh-CN': '18 位居民身份证号码，校验地区代码、出生日期和校验位。',
    },
    icon: 'id-card',
    category: 'people',
  }),
  valueSchema: () => ({ type: 'string', minLength: 18, maxLength: 18 }),
  validateValue(value, config) {
    // Only called once `valueSchema` passed, so `value` is an 18-character string.
    const id = value as string;
    const parsed = parseResidentId(id);
    if (!parsed.ok) return [{ message: messageFor(parsed.problem), params: { ...parsed.problem } }];
    const problems: FieldValueProblem[] = [];
    const latest = config.bornOnOrBefore;
    if (latest !== undefined && parsed.value.birthDate > latest) {
      problems.push({
        message: {
          en: `the holder was born on ${parsed.value.birthDate}; only people born on or before ${latest} may be entered.`,
          'zh-CN': `持证人出生于 ${parsed.value.birthDate}；只能填写 ${latest} 或之前出生的人员。`,
        },
        params: { kind: 'too-young', birthDate: parsed.value.birthDate, bornOnOrBefore: latest },
      });
    }
    return problems;
  },
  uiSchema: (config) => ({
    'ui:widget': 'text',
    'ui:placeholder': '11010519491231002X',
    'ui:options': { maxLength: 18, inputMode: 'text', autocomplete: 'off', maskInList: config.maskInList ?? true },
  }),
};
