import { compileDocument, createMemoryDirectory, type DocumentDefinition, type DocumentInput, type FormField } from '@baton/engine';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../src/documents/render-pdf.js';
import { assetForm, customerForm, directory, handoverChecklist, leavingCertificate, requestData, requestForm } from './fixtures/offboarding-scenario.js';
import { pdfText, squeeze } from './pdf-text.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const fields = (form: { fields: unknown[] }) => ({ fields: form.fields as FormField[] });

const records = new Map([
  ['c1', { id: 'c1', formKey: 'customer', data: { name: '华北电力集团有限公司' } }],
  ['c2', { id: 'c2', formKey: 'customer', data: { name: 'ACME Trading Ltd.' } }],
  ['a1', { id: 'a1', formKey: 'asset', data: { tag: 'IT-2021-0042', name: 'ThinkPad X1 Carbon 笔记本电脑', status: 'returned' } }],
  ['a2', { id: 'a2', formKey: 'asset', data: { tag: 'IT-2023-0107', name: '华为 MateBook 显示器', status: 'in-use' } }],
]);
const input: DocumentInput = {
  data: requestData(['c1', 'c2'], ['a1', 'a2']),
  now: '2025-08-01T02:00:00.000Z',
  timeZone: 'Asia/Shanghai',
  directory: createMemoryDirectory(directory),
  record: (id) => records.get(id),
  org: { name: { 'zh-CN': '上海示例科技有限公司', en: 'Shanghai Example Technology Co., Ltd.' } },
  tasks: [
    { id: 't1', nodeId: 'workHandover', nodeName: { en: 'Work handover', 'zh-CN': '工作交接确认' }, status: 'completed', outcome: 'complete', assignees: ['s-wang', 's-chen'], completedBy: 's-wang', completedAt: '2025-07-28T03:20:00.000Z', createdAt: '2025-07-25T01:00:00.000Z' },
  ],
};
const options = { form: fields(requestForm), relatedForms: { customer: fields(customerForm), asset: fields(assetForm) } };

describe('PDF rendering (pdfkit + embedded Noto Sans SC subset)', () => {
  const certificate = compileDocument(leavingCertificate as unknown as DocumentDefinition, options);
  const createdAt = new Date('2025-08-01T02:00:00.000Z');

  it('sets the Chinese certificate in real glyphs that a reader extracts as the same text', async () => {
    const pdf = await renderPdf(certificate.render(input, { locales: ['zh-CN'] }), { createdAt });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { compact, pages, info } = await pdfText(pdf);
    expect(pages).toHaveLength(1);
    expect(compact).toContain(
      squeeze('兹证明张伟（身份证号：310104199003157719）自2019年03月01日至2025年07月31日在我公司华东销售部担任高级客户经理职务，于2025年07月31日因职业发展原因离职，已办理完离职交接手续。'),
    );
    expect(compact).toContain('特此证明。');
    expect(compact).toContain('上海示例科技有限公司');
    expect(compact).toContain('2025年08月01日');
    expect(compact).toContain('第1页共1页');
    expect(info).toMatchObject({ Title: '离职证明', Producer: 'Baton' });
    // Subset: a 10 MB font, a few dozen glyphs embedded.
    expect(pdf.length).toBeLessThan(40_000);
  });

  it('prints the English version with English names, positions and dates', async () => {
    const pdf = await renderPdf(certificate.render(input, { locales: ['en'] }), { createdAt });
    const { compact } = await pdfText(pdf);
    expect(compact).toContain(squeeze('This is to certify that Zhang Wei (ID No.: 310104199003157719) was employed by our company from 1 March 2019 to 31 July 2025 as Senior Account Manager'));
    expect(compact).toContain(squeeze('left the company on 31 July 2025 for career development reasons'));
    expect(compact).toContain(squeeze('Shanghai Example Technology Co., Ltd.'));
  });

  it('gives the same bytes for the same layout and clock, other bytes for another clock', async () => {
    const layout = certificate.render(input);
    const a = await renderPdf(layout, { createdAt });
    const b = await renderPdf(layout, { createdAt });
    const c = await renderPdf(layout, { createdAt: new Date('2025-08-02T02:00:00.000Z') });
    expect(sha256(a)).toBe(sha256(b));
    expect(sha256(c)).not.toBe(sha256(a));
    expect((await pdfText(a)).pages).toHaveLength(2);
  });

  it('lays out the handover checklist: every item, customer, account and asset with its confirmation', async () => {
    const checklist = compileDocument(handoverChecklist as unknown as DocumentDefinition, options);
    const layout = checklist.render(input, { locales: ['zh-CN'] });
    expect(layout.missing).toEqual([]);
    const pdf = await renderPdf(layout, { createdAt });
    const { compact } = await pdfText(pdf);
    for (const needle of ['离职交接清单', '华东区季度销售报表', '渠道合作协议续签', '华北电力集团有限公司', 'ACME Trading Ltd.', 'zhang.wei@example.cn', 'IT-2021-0042', '已归还', '使用中', '本清单共列出8项交接事项']) {
      expect(compact, needle).toContain(squeeze(needle));
    }
    // Wang Lei completed the shared work-handover task; Chen Jing's item was not confirmed by her.
    expect(compact).toContain(squeeze('王磊 已确认 王磊 2025年07月28日 11:20'));
    expect(compact).toContain(squeeze('陈静 未确认'));
    expect(pdf.length).toBeLessThan(80_000);
  });
});
