import { describe, expect, it } from 'vitest';
import { createMemoryDirectory } from '../directory/directory.js';
import type { DocumentDefinition } from '../definitions/generated/document.js';
import { validateDefinition } from '../definitions/validate-definition.js';
import type { FormField } from '../forms/form-definition.js';
import { compileDocument } from './compile-document.js';
import type { DocumentInput, DocumentTask } from './document-input.js';
import type { LayoutBlock } from './document-layout.js';
import { formatDateTimeValue, formatDateValue, formatMoneyValue } from './format-value.js';

const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });

const fields: FormField[] = [
  { key: 'employeeId', type: 'user', label: t('Employee', '员工') },
  { key: 'terminationDate', type: 'date', label: t('Termination date', '离职日期') },
  {
    key: 'reasonCategory',
    type: 'select',
    label: t('Reason', '原因'),
    config: { options: [{ value: 'personal', label: t('Personal', '个人') }, { value: 'family', label: t('Family', '家庭') }] },
  },
  {
    key: 'customers',
    type: 'sub-table',
    label: t('Customers', '客户'),
    fields: [
      { key: 'customerId', type: 'relation', label: t('Customer', '客户'), config: { form: 'customer' } },
      { key: 'successorId', type: 'user', label: t('Successor', '接手人') },
    ],
  },
  { key: 'leaverSignature', type: 'signature', label: t('Signature', '签名') },
];
const form = { kind: 'form', key: 'exit', version: 1, title: 'Exit', fields };
const flow = { kind: 'flow', key: 'exit', version: 1, title: 'Exit', nodes: [{ id: 'customerHandover' }] };

const directory = createMemoryDirectory({
  departments: [{ id: 'd-rd', name: '研发部' }],
  users: [
    { id: 'u1', name: '张三', departmentId: 'd-rd', position: '高级工程师', hireDate: '2019-03-01', roles: [], attributes: { idNumber: '110101199001011234', englishName: 'Zhang San' } },
    { id: 'u2', name: '李四', roles: [], attributes: {} },
    { id: 'u3', name: '王五', roles: [], attributes: {} },
  ],
});
const customers: Record<string, { id: string; formKey: string; data: Record<string, unknown> }> = {
  c1: { id: 'c1', formKey: 'customer', data: { name: '华北电力' } },
  c2: { id: 'c2', formKey: 'customer', data: { name: 'ACME Ltd.' } },
};
const tasks: DocumentTask[] = [
  { id: 't1', nodeId: 'customerHandover', nodeName: t('Customer handover', '客户交接确认'), status: 'completed', outcome: 'complete', assignees: ['u2'], completedBy: 'u2', completedAt: '2025-07-30T02:15:00.000Z', createdAt: '2025-07-29T01:00:00.000Z' },
  { id: 't2', nodeId: 'customerHandover', status: 'open', assignees: ['u3'], createdAt: '2025-07-29T01:00:00.000Z' },
];
const input: DocumentInput = {
  data: {
    employeeId: 'u1',
    terminationDate: '2025-07-31',
    reasonCategory: 'personal',
    customers: [{ customerId: 'c1', successorId: 'u2' }, { customerId: 'c2', successorId: 'u3' }, { customerId: 'c2' }],
    leaverSignature: { fileId: 'f-1', signedAt: '2025-07-31T09:30:00.000Z' },
  },
  now: '2025-08-01T02:00:00.000Z',
  directory,
  record: (id) => customers[id],
  instance: { id: 'i-1', flowKey: 'exit', flowVersion: 1, status: 'completed', startedAt: '2025-07-01T01:00:00.000Z', initiator: 'u1' },
  org: { name: t('Example Tech Co., Ltd.', '示例科技有限公司') },
  tasks,
};

const certificate = {
  kind: 'document',
  key: 'leaving-certificate',
  version: 3,
  title: t('Certificate of Employment Termination', '离职证明'),
  form: 'exit',
  flow: 'exit',
  locales: ['zh-CN', 'en'],
  fileName: t('Leaving certificate - {{employeeId | name}}', '离职证明-{{employeeId | name}}'),
  footer: '{{$page}} / {{$pages}}',
  values: { customerCount: { reduce: [{ var: 'customers' }, { '+': [{ var: 'accumulator' }, 1] }, 0] } },
  body: [
    { type: 'heading', text: t('Certificate of Employment Termination', '离职证明') },
    {
      type: 'paragraph',
      indent: true,
      text: {
        'zh-CN': '兹证明{{employeeId | name}}（身份证号：{{employeeId.idNumber}}）自{{employeeId.hireDate | date}}至{{terminationDate | date}}在我公司{{employeeId.department}}担任{{employeeId.position}}职务，于{{terminationDate | date}}因{{reasonCategory | label}}原因离职。',
        en: 'This is to certify that {{employeeId | name}} worked as {{employeeId.position}} from {{employeeId.hireDate | date}} to {{terminationDate | date}} and left for {{reasonCategory | label | lower}} reasons.',
      },
    },
    { type: 'paragraph', visibleIf: { '==': [{ var: 'reasonCategory' }, 'family'] }, text: 'hidden unless family' },
    {
      type: 'table',
      rows: 'customers',
      numbered: true,
      confirmation: { node: 'customerHandover', by: 'successorId' },
      caption: t('{{$values.customerCount}} customers', '共{{$values.customerCount}}个客户'),
      columns: [
        { header: t('Customer', '客户'), value: '{{customerId}}', width: 2 },
        { header: t('Successor', '接手人'), value: '{{successorId | default:—}}' },
        { header: t('Status', '状态'), value: '{{$confirmation.status}}' },
        { header: t('Confirmed', '确认时间'), value: '{{$confirmation.by}} {{$confirmation.at | datetime}}' },
        { header: t('Leaver', '离职人'), value: '{{$parent.employeeId}}' },
      ],
    },
    { type: 'table', rows: '$tasks', columns: [{ header: 'Step', value: '{{node}}' }, { header: 'By', value: '{{completedBy}}' }] },
    { type: 'signature', label: t('Employee', '员工签字'), signer: '{{employeeId | name}}', field: 'leaverSignature', dated: true },
    { type: 'seal', label: t('Company seal', '公司盖章'), organization: '{{$org.name}}', date: '{{$now | date}}' },
  ],
} as unknown as DocumentDefinition;

const byType = <T extends LayoutBlock['type']>(blocks: LayoutBlock[], type: T) =>
  blocks.filter((b): b is Extract<LayoutBlock, { type: T }> => b.type === type);

describe('compileDocument', () => {
  const doc = compileDocument(certificate, { form });

  it('is a valid definition against its form and flow', () => {
    const resolve = (kind: string, key: string) => (kind === 'form' && key === 'exit' ? form : kind === 'flow' && key === 'exit' ? flow : undefined);
    expect(validateDefinition(certificate, { resolve }).errors).toEqual([]);
  });

  it('fills the Chinese certificate from the data and the directory', () => {
    const layout = doc.render(input, { locales: ['zh-CN'] });
    const [paragraph] = byType(layout.parts[0]!.blocks, 'paragraph');
    expect(paragraph?.text).toBe(
      '兹证明张三（身份证号：110101199001011234）自2019年03月01日至2025年07月31日在我公司研发部担任高级工程师职务，于2025年07月31日因个人原因离职。',
    );
    expect(paragraph?.indent).toBe(true);
    expect(layout.fileName).toBe('离职证明-张三');
    expect(layout.title).toBe('离职证明');
    expect(layout.parts[0]!.footer).toEqual([{ pageVar: 'page' }, ' / ', { pageVar: 'pages' }]);
    expect(layout.page).toEqual({ size: 'A4', orientation: 'portrait', margins: { top: 25, right: 20, bottom: 25, left: 20 }, fontSize: 12 });
  });

  it('prints both languages in the definition\'s order, with English names and dates in English', () => {
    const layout = doc.render(input);
    expect(layout.parts.map((p) => p.locale)).toEqual(['zh-CN', 'en']);
    const [paragraph] = byType(layout.parts[1]!.blocks, 'paragraph');
    expect(paragraph?.text).toBe('This is to certify that Zhang San worked as 高级工程师 from 1 March 2019 to 31 July 2025 and left for personal reasons.');
  });

  it('lists sub-table rows with who confirmed them when, from the tasks', () => {
    const [customersTable, tasksTable] = byType(doc.render(input, { locales: ['zh-CN'] }).parts[0]!.blocks, 'table');
    expect(customersTable?.caption).toBe('共3个客户');
    expect(customersTable?.columns.map((c) => c.header)).toEqual(['序号', '客户', '接手人', '状态', '确认时间', '离职人']);
    expect(customersTable?.columns.reduce((s, c) => s + c.width, 0)).toBeCloseTo(1);
    expect(customersTable?.rows).toEqual([
      ['1', '华北电力', '李四', '已确认', '李四 2025年07月30日 10:15', '张三'],
      ['2', 'ACME Ltd.', '王五', '待确认', '', '张三'],
      ['3', 'ACME Ltd.', '—', '未确认', '', '张三'],
    ]);
    expect(tasksTable?.rows).toEqual([['客户交接确认', '李四'], ['customerHandover', '']]);
  });

  it('hides blocks whose visibleIf fails, and reports placeholders that printed nothing', () => {
    const layout = doc.render({ ...input, data: { ...input.data, reasonCategory: 'family' }, tasks: [] }, { locales: ['en'] });
    expect(byType(layout.parts[0]!.blocks, 'paragraph').map((p) => p.text)).toContain('hidden unless family');
    expect(byType(doc.render(input, { locales: ['en'] }).parts[0]!.blocks, 'paragraph').map((p) => p.text)).not.toContain('hidden unless family');
    const bare = doc.render({ data: { employeeId: 'nobody' }, now: input.now }, { locales: ['zh-CN'] });
    expect(bare.missing).toEqual(expect.arrayContaining(['{{employeeId.idNumber}}', '{{terminationDate | date}}', '{{$org.name}}']));
  });

  it('signs with the captured signature\'s date, and seals with the organisation', () => {
    const blocks = doc.render(input, { locales: ['zh-CN'] }).parts[0]!.blocks;
    expect(byType(blocks, 'signature')[0]).toEqual({
      type: 'signature',
      label: '员工签字',
      signer: '张三',
      align: 'left',
      captured: { fileId: 'f-1', note: '已于 2025年07月31日 17:30 电子签名' },
      dateLine: '日期：2025年07月31日',
    });
    expect(byType(blocks, 'seal')[0]).toEqual({ type: 'seal', label: '公司盖章', organization: '示例科技有限公司', date: '2025年08月01日', align: 'right' });
  });

  it('refuses a locale the document is not written in', () => {
    const zhOnly = compileDocument({ ...certificate, locales: ['zh-CN'] }, { form });
    expect(() => zhOnly.render(input, { locales: ['en'] })).toThrow(expect.objectContaining({ code: 'BATON_E_DOCUMENT_LOCALE_UNSUPPORTED', status: 422 }));
  });

  it('gives the same layout for the same input (no clock, no randomness)', () => {
    expect(JSON.stringify(doc.render(input))).toBe(JSON.stringify(doc.render(input)));
  });
});

describe('document value formats', () => {
  it('writes dates the way each language does, in the organisation\'s time zone', () => {
    expect(formatDateValue('2025-07-01', 'zh-CN', 'Asia/Shanghai')).toBe('2025年07月01日');
    expect(formatDateValue('2025-07-01', 'en', 'Asia/Shanghai')).toBe('1 July 2025');
    expect(formatDateValue('2025-07-31T17:00:00Z', 'zh-CN', 'Asia/Shanghai')).toBe('2025年08月01日');
    expect(formatDateValue('2025-07-01', 'zh-CN', 'Asia/Shanghai', 'YYYY年M月D日')).toBe('2025年7月1日');
    expect(formatDateValue('2025-07-01', 'en', 'UTC', 'short')).toBe('2025-07-01');
    expect(formatDateTimeValue('2025-07-31T01:05:00Z', 'en', 'Asia/Shanghai')).toBe('31 July 2025, 09:05');
    expect(formatDateValue('not a date', 'en', 'UTC')).toBeUndefined();
    expect(formatMoneyValue(12345.5, 'zh-CN')).toBe('¥12,345.50');
  });
});
