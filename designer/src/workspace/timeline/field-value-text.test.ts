import type { FormDefinition } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { changeLine, fieldsByKey, formatDay, valueText, type ValueContext } from './field-value-text.js';

type Field = FormDefinition['fields'][number];
const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });

const fields: Field[] = [
  { key: 'employeeId', type: 'user', label: t('Leaving employee', '离职员工') },
  { key: 'lastWorkingDay', type: 'date', label: t('Last working day', '最后工作日') },
  { key: 'type', type: 'select', label: t('Type of leaving', '离职类型'), config: { options: [{ value: 'resignation', label: t('Resignation', '主动辞职') }, { value: 'dismissal', label: t('Dismissal', '辞退') }] } },
  { key: 'customerId', type: 'relation', label: t('Customer', '客户'), config: { form: 'customer', displayField: 'name' } },
  { key: 'pin', type: 'secret', label: t('PIN', '密码') },
  { key: 'assets', type: 'sub-table', label: t('Assets', '资产'), fields: [{ key: 'assetId', type: 'relation', label: t('Asset', '资产'), config: { form: 'asset' } }] },
  { key: 'confirmed', type: 'boolean', label: t('Confirmed', '已确认') },
  { key: 'budget', type: 'money', label: t('Budget', '预算') },
  { key: 'files', type: 'attachment', label: t('Files', '附件') },
  { key: 'reason', type: 'long-text', label: t('Reason', '原因') },
];
const byKey = fieldsByKey([{ kind: 'form', key: 'request', version: 1, title: 'Request', fields }]);
const names = {
  personName: (id: string) => ({ 'demo-eng-2': '王芳', 'demo-hr-1': '黄敏' })[id],
  recordName: (path: string, id: string) => (path === 'customerId' ? ({ c1: 'Acme Ltd' } as Record<string, string>)[id] : undefined),
  departmentName: () => undefined,
};
const en: ValueContext = { ...names, locale: 'en' };
const zh: ValueContext = { ...names, locale: 'zh-CN' };
const line = (field: string, from: unknown, to: unknown, ctx = en) => {
  const l = changeLine({ field, ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) }, byKey.get(field), ctx);
  return l.from === null ? `${l.label}: ${l.to}` : `${l.label}: ${l.from} → ${l.to}`;
};

describe('the fields a step changed, in words', () => {
  it('labels the field and words dates for the reader, day as written', () => {
    expect(line('lastWorkingDay', '2026-12-01', '2026-12-15')).toBe('Last working day: Dec 1, 2026 → Dec 15, 2026');
    expect(line('lastWorkingDay', '2026-12-01', '2026-12-15', zh)).toBe('最后工作日: 2026年12月1日 → 2026年12月15日');
    expect(formatDay('not a date', 'en')).toBe('not a date');
  });

  it('names options, people and records; keeps an unknown id as it is; "—" for no value', () => {
    expect(line('type', 'resignation', 'dismissal', zh)).toBe('离职类型: 主动辞职 → 辞退');
    expect(line('employeeId', 'demo-eng-2', 'demo-hr-1')).toBe('Leaving employee: 王芳 → 黄敏');
    expect(line('employeeId', undefined, 'someone-new')).toBe('Leaving employee: — → someone-new');
    expect(line('customerId', 'c1', 'c2')).toBe('Customer: Acme Ltd → c2');
    expect(line('confirmed', false, true, zh)).toBe('已确认: 否 → 是');
  });

  it('gives a sub-table as row counts, and says "edited" when only cells changed', () => {
    expect(line('assets', [{ assetId: 'a' }, { assetId: 'b' }, { assetId: 'c' }], [{ assetId: 'a' }, { assetId: 'b' }, { assetId: 'c' }, { assetId: 'd' }])).toBe('Assets: 3 rows → 4 rows');
    expect(line('assets', undefined, [{ assetId: 'a' }], zh)).toBe('资产: 0 行 → 1 行');
    expect(line('assets', [{ assetId: 'a' }], [{ assetId: 'b' }])).toBe('Assets: 1 row, edited');
  });

  it('never shows a secret value, even when one is handed to it', () => {
    expect(changeLine({ field: 'pin', secret: true }, byKey.get('pin'), en)).toEqual({ field: 'pin', label: 'PIN', from: null, to: 'changed (secret)' });
    expect(line('pin', 'old-pin', 'new-pin', zh)).toBe('密码: 已修改（保密）');
    expect(valueText(byKey.get('pin'), { sealed: true, masked: '••••••', ref: 'x' }, en)).toBe('(secret)');
    expect(valueText(undefined, { sealed: true, masked: '••••••', ref: 'x' }, en)).toBe('(secret)');
  });

  it('words money, files, long text (clipped when asked) and fields no form declares', () => {
    expect(valueText(byKey.get('budget'), { amount: '1200.50', currency: 'CNY' }, en)).toBe('CN¥1,200.50');
    expect(valueText(byKey.get('files'), [{ fileId: 'f1', name: 'handover.pdf', size: 3, contentType: 'application/pdf', sha256: 'x' }], en)).toBe('handover.pdf');
    expect(valueText(byKey.get('reason'), 'a'.repeat(100), { ...en, clip: 10 })).toBe(`${'a'.repeat(9)}…`);
    expect(line('unknownField', 3, 4)).toBe('unknownField: 3 → 4');
    expect(valueText(undefined, ['x', 'y'], zh)).toBe('x、y');
  });
});
