import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../definitions/validate-definition.js';

const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const form = {
  kind: 'form',
  key: 'exit',
  version: 1,
  title: 'Exit',
  fields: [
    { key: 'employeeId', type: 'user', label: 'Employee' },
    { key: 'workItems', type: 'sub-table', label: 'Work', fields: [{ key: 'title', type: 'text', label: 'Title' }, { key: 'successorId', type: 'user', label: 'Successor' }] },
  ],
};
const flow = { kind: 'flow', key: 'exit', version: 1, title: 'Exit', nodes: [{ id: 'workHandover' }] };
const resolve = (kind: string, key: string) => (kind === 'form' && key === 'exit' ? form : kind === 'flow' && key === 'exit' ? flow : undefined);

const checklist = (patch: (def: Record<string, any>) => void) => {
  const def: Record<string, any> = {
    kind: 'document',
    key: 'handover-checklist',
    version: 1,
    title: t('Handover checklist', '交接清单'),
    form: 'exit',
    flow: 'exit',
    values: { items: { reduce: [{ var: 'workItems' }, { '+': [{ var: 'accumulator' }, 1] }, 0] } },
    body: [
      { type: 'paragraph', text: '{{$values.items}}' },
      {
        type: 'table',
        rows: 'workItems',
        confirmation: { node: 'workHandover', by: 'successorId' },
        columns: [{ header: 'Item', value: '{{title}} {{$confirmation.status}} {{$confirmation.at | datetime}}' }],
      },
      { type: 'table', rows: '$tasks', columns: [{ header: 'Step', value: '{{node}} {{completedBy | name}}' }] },
    ],
  };
  patch(def);
  return validateDefinition(def, { resolve }).errors.map((e) => [e.code, e.path]);
};

describe('document checks for values, confirmations and task tables', () => {
  it('accepts a checklist with named values, a confirmation and a task table', () => {
    expect(checklist(() => {})).toEqual([]);
  });

  it('names unknown values, confirmation members, task columns, columns and nodes', () => {
    expect(
      checklist((def) => {
        def.body[0].text = '{{$values.itmes}} {{$confirmation.status}}';
        def.body[1].columns[0].value = '{{$confirmation.when}}';
        def.body[1].confirmation = { node: 'handover', by: 'successor' };
        def.body[2].columns[0].value = '{{finishedBy}}';
      }),
    ).toEqual([
      ['BATON_E_DOCUMENT_UNKNOWN_VARIABLE', '/body/0/text'],
      ['BATON_E_DOCUMENT_UNKNOWN_VARIABLE', '/body/0/text'],
      ['BATON_E_DOCUMENT_UNKNOWN_VARIABLE', '/body/1/columns/0/value'],
      ['BATON_E_DOCUMENT_UNKNOWN_COLUMN', '/body/1/confirmation/by'],
      ['BATON_E_DOCUMENT_UNKNOWN_NODE', '/body/1/confirmation/node'],
      ['BATON_E_DOCUMENT_UNKNOWN_COLUMN', '/body/2/columns/0/value'],
    ]);
  });

  it('refuses broken JsonLogic and a value named like a field', () => {
    expect(
      checklist((def) => {
        def.values.employeeId = { var: 'employeeId' };
        def.values.bad = { nosuchop: [1] };
        def.body[0].visibleIf = { '==': [1] , and: [] };
      }),
    ).toEqual([
      ['BATON_E_DOCUMENT_BAD_EXPRESSION', '/body/0/visibleIf'],
      ['BATON_E_DOCUMENT_BAD_EXPRESSION', '/values/bad'],
      ['BATON_E_DOCUMENT_VALUE_SHADOWS_FIELD', '/values/employeeId'],
    ]);
  });
});
