import { describe, expect, it } from 'vitest';
import { validateDefinition } from './validate-definition.js';

// An asset collection: whoever holds a device may read its record (readerFields), so each entry must be a
// Person field of the form, or the runtime's comparison with the reader's id grants nobody.
const asset = (readerFields: string[], fields: unknown[] = [
  { key: 'tag', type: 'text', label: 'Tag' },
  { key: 'holderId', type: 'user', label: 'Holder' },
  { key: 'previousHolderId', type: 'user@1.0.0', label: 'Previous holder' },
]) => ({ kind: 'form', key: 'asset', version: 1, title: 'Asset', readers: ['admin-affairs'], readerFields, fields });

const problems = (def: unknown, locale: 'en' | 'zh-CN' = 'en') => validateDefinition(def, { locale }).errors.map((e) => ({ code: e.code, path: e.path, message: e.message }));

describe('readerFields, checked at publish', () => {
  it('accept Person fields (pinned type versions too) and no entries', () => {
    expect(problems(asset(['holderId', 'previousHolderId']))).toEqual([]);
    expect(problems(asset([]))).toEqual([]);
  });

  it('refuse a field the form does not have and one that holds no person, at each entry, in en and zh-CN', () => {
    const def = asset(['holderId', 'ownerId', 'tag']);
    expect(problems(def)).toEqual([
      {
        code: 'BATON_E_FORM_READER_FIELD_UNKNOWN',
        path: '/readerFields/1',
        message: 'readerFields names "ownerId", which is not a top-level field of this form, so nobody gains access through it: name one of its Person fields ("holderId", "previousHolderId") or remove the entry.',
      },
      {
        code: 'BATON_E_FORM_READER_FIELD_NOT_PERSON',
        path: '/readerFields/2',
        message: 'readerFields names "tag", a "text" field: only a Person field lets the person it names read the record: name one of its Person fields ("holderId", "previousHolderId") or remove the entry.',
      },
    ]);
    expect(problems(def, 'zh-CN').map((p) => p.message)).toEqual([
      'readerFields 中的 "ownerId" 不是本表单的顶层字段，任何人都无法借此查看记录：请改为其人员字段之一（"holderId"、"previousHolderId"），或删除该项。',
      'readerFields 中的 "tag" 是“text”类型字段：只有人员字段才能让其所指人员查看记录：请改为其人员字段之一（"holderId"、"previousHolderId"），或删除该项。',
    ]);
  });

  it('say to add a Person field when the form has none', () => {
    const [only] = problems(asset(['tag'], [{ key: 'tag', type: 'text', label: 'Tag' }]));
    expect(only).toMatchObject({ code: 'BATON_E_FORM_READER_FIELD_NOT_PERSON', path: '/readerFields/0' });
    expect(only?.message).toContain('add a Person field (e.g. the holder) and name it here, or remove the entry');
  });
});
