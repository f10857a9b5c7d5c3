import { describe, expect, it } from 'vitest';
import { createRegistry } from '../registry/create-registry.js';
import { compileForm } from './compile-form.js';

// The shape of the offboarding request: dates, a select, a cross-field rule over two dates, sub-tables.
const request = compileForm(
  {
    kind: 'form', key: 'request', version: 1, title: 'Request',
    fields: [
      { key: 'type', type: 'select', label: { en: 'Type of leaving', 'zh-CN': '离职类型' }, required: true, config: { options: [{ value: 'resignation', label: 'Resignation' }, { value: 'dismissal', label: 'Dismissal' }] } },
      { key: 'lastWorkingDay', type: 'date', label: { en: 'Last working day', 'zh-CN': '最后工作日' }, required: true },
      { key: 'terminationDate', type: 'date', label: { en: 'Termination date', 'zh-CN': '劳动关系终止日' }, required: true },
      { key: 'reason', type: 'text', label: { en: 'Reason', 'zh-CN': '原因' }, required: true },
      { key: 'assets', type: 'sub-table', label: { en: 'Assets to return', 'zh-CN': '待归还资产' }, fields: [{ key: 'tag', type: 'text', label: 'Tag', required: true }, { key: 'returned', type: 'boolean', label: 'Returned' }] },
      { key: 'accounts', type: 'sub-table', label: { en: 'Accounts', 'zh-CN': '账号' }, fields: [{ key: 'system', type: 'text', label: 'System' }, { key: 'disabled', type: 'boolean', label: 'Disabled' }] },
    ],
    validations: [{
      key: 'terminationNotBeforeLastDay',
      when: { and: [{ var: 'terminationDate' }, { var: 'lastWorkingDay' }] },
      assert: { '>=': [{ var: 'terminationDate' }, { var: 'lastWorkingDay' }] },
      path: 'terminationDate',
      message: { en: 'The termination date cannot be before the last working day.', 'zh-CN': '劳动关系终止日不能早于最后工作日。' },
    }],
    access: { request: { 'accounts.disabled': 'readonly' }, it: { '*': 'readonly', accounts: 'editable' } },
  } as never,
  createRegistry(),
);

const good = { type: 'resignation', lastWorkingDay: '2030-06-28', terminationDate: '2030-06-28', reason: 'x' };

describe('a submission is judged by the form schema before any expression runs', () => {
  it('reports every wrongly typed field at its path instead of the rule failing on a number', () => {
    const result = request.validate({ type: 'quit', lastWorkingDay: '2030-13-45', terminationDate: 12 }, { node: 'request' });
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => [e.path, e.code])).toEqual([
      ['/type', 'BATON_E_SCHEMA_ENUM'],
      ['/lastWorkingDay', 'BATON_E_SCHEMA_FORMAT'],
      ['/terminationDate', 'BATON_E_SCHEMA_TYPE'],
      ['/reason', 'BATON_E_FORM_REQUIRED'],
    ]);
    expect(result.errors.find((e) => e.path === '/terminationDate')?.messages).toEqual({
      en: 'Termination date: enter a date as YYYY-MM-DD, for example 2030-06-28.',
      'zh-CN': '劳动关系终止日：请按 YYYY-MM-DD 格式填写日期，例如 2030-06-28。',
    });
    expect(result.errors.some((e) => e.code === 'BATON_E_EXPR_EVALUATION')).toBe(false);
  });

  it('still runs the rule once the dates have the right type', () => {
    const result = request.validate({ ...good, terminationDate: '2030-06-01' }, { node: 'request' });
    expect(result.errors.map((e) => [e.path, e.code])).toEqual([['/terminationDate', 'BATON_E_FORM_RULE_FAILED']]);
  });

  it('runs the rules that read only well-typed fields even while another field is wrong', () => {
    const result = request.validate({ ...good, terminationDate: '2030-06-01', type: 'quit' });
    expect(result.errors.map((e) => e.code).sort()).toEqual(['BATON_E_FORM_RULE_FAILED', 'BATON_E_SCHEMA_ENUM']);
  });

  it('explains a computed field that fails on a wrong type by the schema, and keeps a real expression fault an error', () => {
    const form = compileForm(
      {
        kind: 'form', key: 'days', version: 1, title: 'Days',
        fields: [
          { key: 'days', type: 'number', label: { en: 'Days', 'zh-CN': '天数' } },
          { key: 'pay', type: 'computed', label: 'Pay', computed: { '*': [{ var: 'days' }, 100] }, config: { resultType: 'number' } },
        ],
      } as never,
      createRegistry(),
    );
    const result = form.validate({ days: 'three' });
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => [e.path, e.code])).toEqual([['/days', 'BATON_E_SCHEMA_TYPE']]);
    expect(form.validate({ days: 3 }).data.pay).toBe(300);
  });
});

describe('sub-tables a new submission leaves out', () => {
  it('are stored as [] so the request, its gates and its documents all read an empty list', () => {
    const result = request.validate(good, { node: 'request' });
    expect(result.ok).toBe(true);
    expect(result.data).toEqual({ ...good, assets: [], accounts: [] });
    expect(request.validate({ ...good, assets: [{ tag: 'LT-0101' }] }).data.assets).toEqual([{ tag: 'LT-0101' }]);
  });

  it('are left alone where the step may not edit them, and on a later submission', () => {
    expect(request.validate(good, { node: 'it' }).data).not.toHaveProperty('assets');
    expect(request.validate(good, { node: 'it' }).data.accounts).toEqual([]);
    expect(request.validate(good, { node: 'it', previous: good }).data).not.toHaveProperty('accounts');
  });
});

describe('built-in field types say in words what to enter', () => {
  const settlement = compileForm(
    {
      kind: 'form', key: 'settlement', version: 1, title: 'Settlement',
      fields: [
        { key: 'finalSalary', type: 'money', label: { en: 'Final salary', 'zh-CN': '最后工资' }, config: { currency: 'CNY' } },
        { key: 'refund', type: 'money', label: { en: 'Refund', 'zh-CN': '退款' }, config: { scale: 0, allowNegative: true } },
        { key: 'email', type: 'text', label: { en: 'Email', 'zh-CN': '邮箱' }, config: { format: 'email' } },
        { key: 'files', type: 'attachment', label: { en: 'Receipts', 'zh-CN': '收据' }, config: { accept: ['application/pdf', 'image/*'] } },
      ],
    } as never,
    createRegistry(),
  );
  const file = { fileId: 'f1', name: 'a.txt', size: 3, contentType: 'text/plain', sha256: 'a'.repeat(64) };

  it('never shows a pattern or a format name to the person filling the form, in en or zh-CN', () => {
    const result = settlement.validate({ finalSalary: { amount: 'abc', currency: 'CNY' }, refund: { amount: '12.50', currency: 'usd' }, email: 'nobody', files: [file] });
    const messages = Object.fromEntries(result.errors.map((e) => [e.path, e.messages]));
    expect(messages['/finalSalary/amount']).toEqual({
      en: 'Final salary: enter an amount such as 1234.56 (digits only, at most 2 after the decimal point, not negative).',
      'zh-CN': '最后工资：请填写金额，例如 1234.56（只填数字，最多 2 位小数，不能为负数）。',
    });
    expect(messages['/refund/amount']?.en).toBe('Refund: enter an amount such as 1234 (whole units, digits only; put a minus sign before a negative amount).');
    expect(messages['/refund/currency']?.['zh-CN']).toBe('退款：请填写三位大写字母的币种代码，例如 CNY。');
    expect(messages['/email']?.en).toBe('Email: enter an email address, for example name@example.com.');
    expect(messages['/files/0/contentType']?.en).toBe('Receipts: choose a file of one of these types instead: application/pdf, image/*.');
    for (const issue of result.errors) {
      for (const text of Object.values(issue.messages)) expect(text).not.toMatch(/\^|\$|\[0-9\]|pattern|format|格式 \{/);
    }
    // A program still finds what failed in the params.
    expect(result.errors.find((e) => e.path === '/finalSalary/amount')?.params).toMatchObject({ pattern: expect.stringContaining('[0-9]') });
  });

  it('says the same for a number where a text value belongs', () => {
    const result = settlement.validate({ finalSalary: { amount: 1234.5, currency: 'CNY' } }, { locale: 'zh-CN' });
    expect(result.errors.map((e) => e.message)).toEqual(['最后工资：请填写金额，例如 1234.56（只填数字，最多 2 位小数，不能为负数）。']);
  });
});
