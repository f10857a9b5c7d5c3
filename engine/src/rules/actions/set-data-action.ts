import type { SetDataEffect } from '../../effects/effect.js';
import { pointer } from '../../errors/issue.js';
import type { JsonLogic } from '../../expressions/expression-types.js';
import type { RuleActionType } from '../trigger-type.js';
import { evaluateMap, expressionMapSchema, keySchema, mapExpressions } from './action-helpers.js';

export interface SetDataParams {
  /**
   * Field → JsonLogic value, e.g. { "status": "left" } or { "ownerId": {"var": "$item.successorId"} }. A value
   * that is (or evaluates to) `null` clears the field: a record stores it no more (JSON Merge Patch at the top
   * level), so `required` refuses it and `readerFields` no longer match, e.g. { "holderId": null }.
   */
  values: Record<string, JsonLogic>;
  /**
   * Another form's record to write to (e.g. each customer), or a person's directory entry (`user`: e.g. mark
   * the leaver as left with `leaveDate`); the record or instance the rule ran for when omitted.
   */
  target?: { form: string; recordId: JsonLogic } | { user: JsonLogic };
}

/** Values written as a literal `null` (the field is cleared whatever the data), with their pointers. */
function clearedValues(params: SetDataParams): Array<{ field: string; path: string }> {
  const values: unknown = params.values;
  if (!values || typeof values !== 'object' || Array.isArray(values)) return [];
  return Object.entries(values as Record<string, unknown>).filter(([, v]) => v === null).map(([field]) => ({ field, path: pointer('values', field) }));
}

/** Writes values into the data: the instance's own, or another form's record (a collection row); null clears. */
export const setDataAction: RuleActionType<SetDataParams> = {
  type: 'set-data',
  version: '1.0.0',
  paramsSchema: {
    type: 'object',
    properties: {
      values: { ...expressionMapSchema, minProperties: 1 },
      target: {
        oneOf: [
          { type: 'object', properties: { form: keySchema, recordId: {} }, required: ['form', 'recordId'], additionalProperties: false },
          { type: 'object', properties: { user: {} }, required: ['user'], additionalProperties: false },
        ],
      },
    },
    required: ['values'],
    additionalProperties: false,
  },
  describe: () => ({
    label: { en: 'Set data', 'zh-CN': '修改数据' },
    description: {
      en: 'Sets fields of this record, of a record of another form, or of a person in the directory, to computed values; an empty value (null) clears a record\'s field.',
      'zh-CN': '将本记录、其他表单记录或通讯录人员的字段设置为计算得到的值；空值（null）清空记录中的该字段。',
    },
    icon: 'edit',
    category: 'data',
  }),
  toEffects: (params, env) => {
    const effect: SetDataEffect = { type: 'setData', key: env.key, patch: evaluateMap(params.values, env) };
    if (params.target && 'user' in params.target) {
      const userId = env.evaluate(params.target.user);
      if (typeof userId !== 'string' || userId === '') return [];
      effect.userId = userId;
    } else if (params.target) {
      const recordId = env.evaluate(params.target.recordId);
      // No record to write to (e.g. an empty successor row): nothing to do rather than a patch to nowhere.
      if (typeof recordId !== 'string' || recordId === '') return [];
      effect.formKey = params.target.form;
      effect.recordId = recordId;
    } else if (env.instanceId) effect.instanceId = env.instanceId;
    else {
      if (env.recordId) effect.recordId = env.recordId;
      if (env.formKey) effect.formKey = env.formKey;
    }
    return [effect];
  },
  expressions: (params) => [
    ...mapExpressions(params.values, 'values'),
    ...(params.target && 'user' in params.target ? [{ path: pointer('target', 'user'), logic: params.target.user }] : []),
    ...(params.target && 'recordId' in params.target ? [{ path: pointer('target', 'recordId'), logic: params.target.recordId }] : []),
  ],
  clearedFields: (params) => {
    const target = params.target;
    // A person's directory entry has no form: `leaveDate: null` there just clears the leave date.
    if (target && 'user' in target) return [];
    const form = target && 'form' in target ? target.form : undefined;
    return clearedValues(params).map((c) => (form !== undefined ? { ...c, form } : c));
  },
  // Keys of `values` name fields of this form only when no other form is targeted.
  fieldRefs: (params) => (params.target ? [] : Object.keys(params.values).map((field) => ({ field, path: pointer('values', field) }))),
};
