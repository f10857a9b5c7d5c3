import { describe, expect, it } from 'vitest';
import { createMemoryDirectory } from '../directory/directory.js';
import type { DocumentDefinition } from '../definitions/generated/document.js';
import { validateDefinition } from '../definitions/validate-definition.js';
import type { FormField } from '../forms/form-definition.js';
import { compileDocument } from './compile-document.js';
import type { DocumentInput, DocumentTask } from './document-input.js';
import type { LayoutTable } from './document-layout.js';

// QA: a row HR (or a delegate) confirmed for its successor names both, from the directory, not ids.
const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const fields: FormField[] = [
  {
    key: 'workItems',
    type: 'sub-table',
    label: t('Work', '工作'),
    fields: [
      { key: 'title', type: 'text', label: t('Title', '事项') },
      { key: 'successorId', type: 'user', label: t('Successor', '接手人') },
    ],
  },
];
const form = { kind: 'form', key: 'handover', version: 1, title: 'Handover', fields };
const flow = { kind: 'flow', key: 'handover', version: 1, title: 'Handover', nodes: [{ id: 'workHandover' }] };
const directory = createMemoryDirectory({
  users: [
    { id: 'hr-1', name: '孙丽', roles: ['hr'], attributes: { englishName: 'Sun Li' } },
    { id: 'succ-1', name: '陈静', roles: [], attributes: { englishName: 'Chen Jing' } },
    { id: 'succ-2', name: '刘洋', roles: [], attributes: {} },
  ],
});
const at = '2030-06-20T02:00:00.000Z';
const tasks: DocumentTask[] = [
  // 陈静's task was transferred to HR, who completed it for her.
  { id: 't1', nodeId: 'workHandover', slot: 'succ-1', status: 'completed', outcome: 'complete', assignees: ['hr-1'], completedBy: 'hr-1', completedAt: at, createdAt: at },
  { id: 't2', nodeId: 'workHandover', slot: 'succ-2', status: 'completed', outcome: 'complete', assignees: ['succ-2'], completedBy: 'succ-2', completedAt: at, createdAt: at },
  // Someone the directory does not know: the id is all there is to print.
  { id: 't3', nodeId: 'workHandover', slot: 'succ-9', status: 'completed', outcome: 'complete', assignees: ['ghost'], completedBy: 'ghost', completedAt: at, createdAt: at },
];
const input: DocumentInput = {
  data: {
    workItems: [
      { title: 'Reports', successorId: 'succ-1' },
      { title: 'Contracts', successorId: 'succ-2' },
      { title: 'Archive', successorId: 'succ-9' },
      { title: 'Unassigned' },
    ],
  },
  now: at,
  directory,
  tasks,
};
const checklist = {
  kind: 'document',
  key: 'checklist',
  version: 1,
  title: t('Checklist', '清单'),
  form: 'handover',
  flow: 'handover',
  locales: ['zh-CN', 'en'],
  body: [
    {
      type: 'table',
      rows: 'workItems',
      confirmation: { node: 'workHandover', by: 'successorId' },
      columns: [
        { header: t('Item', '事项'), value: '{{title}}' },
        { header: t('Confirmed by', '确认人'), value: '{{$confirmation.confirmer | default:—}}' },
        { header: t('Done by', '办理人'), value: '{{$confirmation.by | name | default:—}}' },
      ],
    },
  ],
} as unknown as DocumentDefinition;

function rows(locale: 'en' | 'zh-CN'): string[][] {
  const layout = compileDocument(checklist, { form }).render(input, { locales: [locale] });
  return (layout.parts[0]!.blocks.find((b) => b.type === 'table') as LayoutTable).rows;
}

describe('$confirmation.confirmer', () => {
  it('is a known $confirmation member for the document check', () => {
    const resolve = (kind: string, key: string) => (kind === 'form' && key === 'handover' ? form : kind === 'flow' && key === 'handover' ? flow : undefined);
    expect(validateDefinition(checklist, { resolve }).errors).toEqual([]);
  });

  it('reads "孙丽（代陈静确认）" in Chinese when HR confirmed for the successor, the name alone otherwise', () => {
    expect(rows('zh-CN')).toEqual([
      ['Reports', '孙丽（代陈静确认）', '孙丽'],
      ['Contracts', '刘洋', '刘洋'],
      ['Archive', 'ghost（代succ-9确认）', 'ghost'],
      ['Unassigned', '—', '—'],
    ]);
  });

  it('reads "Sun Li (for Chen Jing)" in English, with the directory\'s English names', () => {
    expect(rows('en').map((r) => r[1])).toEqual(['Sun Li (for Chen Jing)', '刘洋', 'ghost (for succ-9)', '—']);
  });
});
