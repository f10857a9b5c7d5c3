import { defineErrors, issue } from '../errors/error-catalogue.js';
import { pointer, type Issue } from '../errors/issue.js';
import { PERSON_FIELD_TYPE } from '../flows/check-flow-subject.js';
import type { FormDefinition } from '../forms/form-definition.js';
import { splitTypeRef } from '../registry/registry.js';
import type { SemanticCheckContext } from './semantic-check-context.js';

/** Problems with a collection form's `readerFields` (who may read one record because it names them). */
export const READER_FIELD_ERRORS = defineErrors({
  BATON_E_FORM_READER_FIELD_UNKNOWN: {
    status: 400,
    en: 'readerFields names "{field}", which is not a top-level field of this form, so nobody gains access through it: {fix}.',
    'zh-CN': 'readerFields 中的 "{field}" 不是本表单的顶层字段，任何人都无法借此查看记录：{fixZh}。',
  },
  BATON_E_FORM_READER_FIELD_NOT_PERSON: {
    status: 400,
    en: 'readerFields names "{field}", a "{type}" field: only a Person field lets the person it names read the record: {fix}.',
    'zh-CN': 'readerFields 中的 "{field}" 是“{type}”类型字段：只有人员字段才能让其所指人员查看记录：{fixZh}。',
  },
});

/**
 * Each `readerFields` entry must be a top-level Person field: runtime-api (record-access.ts) compares its
 * value with the reader's user id, so any other field silently grants nobody, or the wrong people.
 */
export function checkReaderFields(def: FormDefinition, ctx: SemanticCheckContext): Issue[] {
  const readerFields = def.readerFields ?? [];
  if (readerFields.length === 0) return [];
  const types = new Map(def.fields.map((f) => [f.key, splitTypeRef(f.type)[0]]));
  const people = def.fields.filter((f) => types.get(f.key) === PERSON_FIELD_TYPE).map((f) => `"${f.key}"`);
  // What to do instead, in words: name a Person field the form has, or add one first.
  const choices = people.length > 0
    ? { fix: `name one of its Person fields (${people.join(', ')}) or remove the entry`, fixZh: `请改为其人员字段之一（${people.join('、')}），或删除该项` }
    : { fix: 'add a Person field (e.g. the holder) and name it here, or remove the entry', fixZh: '请先添加一个人员字段（如持有人）再在此处填写，或删除该项' };
  return readerFields.flatMap((field, i) => {
    const at = pointer('readerFields', i);
    const type = types.get(field);
    if (type === undefined) return [issue(READER_FIELD_ERRORS.BATON_E_FORM_READER_FIELD_UNKNOWN, at, { field, ...choices }, ctx.locale)];
    if (type !== PERSON_FIELD_TYPE) return [issue(READER_FIELD_ERRORS.BATON_E_FORM_READER_FIELD_NOT_PERSON, at, { field, type, ...choices }, ctx.locale)];
    return [];
  });
}
