import { describe, expect, it } from 'vitest';
import { checkDocumentDefinition } from './check-document-definition.js';
import { parsePlaceholders } from './document-placeholders.js';
import { codesAndPaths, context, schemaThenCheck } from './fixtures/check-harness.js';
import { copy, leavingCertificate } from './fixtures/offboarding-examples.js';

const check = (def: unknown, ctx = context()) => schemaThenCheck('document', def, checkDocumentDefinition, ctx);

describe('document definitions', () => {
  it('accepts the leaving certificate example', () => {
    expect(check(leavingCertificate)).toEqual([]);
  });

  it('parses placeholders with filters and flags malformed ones', () => {
    expect(parsePlaceholders('A {{ a.b | date }} {{x|default:—}} B')).toEqual({
      placeholders: [
        { raw: '{{ a.b | date }}', path: 'a.b', filters: [{ name: 'date' }] },
        { raw: '{{x|default:—}}', path: 'x', filters: [{ name: 'default', arg: '—' }] },
      ],
      malformed: [],
    });
    expect(parsePlaceholders('{{first name}} and {{open').malformed).toEqual(['{{first name}}', '{{open']);
  });

  it('reports schema errors at the block that is wrong', () => {
    const def = copy(leavingCertificate) as Record<string, any>;
    def.body[1].type = 'para';
    def.body[3].columns[0].header = 5;
    def.page.size = 'A3';
    expect(codesAndPaths(check(def))).toEqual([
      ['BATON_E_SCHEMA_ENUM', '/page/size'],
      ['BATON_E_SCHEMA_DISCRIMINATOR', '/body/1/type'],
      ['BATON_E_SCHEMA_ONE_OF', '/body/3/columns/0/header'],
    ]);
  });

  it('names placeholders the form does not have, per locale', () => {
    const def = copy(leavingCertificate) as Record<string, any>;
    def.body[1].text['zh-CN'] = '兹证明{{employeeName}}于{{lastWorkingDay | date}}离职。';
    def.body[3].columns[1].value = '{{successor}} / {{$parent.dept}}';
    def.body[4].field = 'signature';
    def.fileName = '{{employeeId | fullname}}';
    def.footer = '{{$pagecount}}';
    const issues = check(def, context('zh-CN'));
    expect(codesAndPaths(issues)).toEqual([
      ['BATON_E_DOCUMENT_UNKNOWN_FIELD', '/body/4/field'],
      ['BATON_E_DOCUMENT_UNKNOWN_FILTER', '/fileName'],
      ['BATON_E_DOCUMENT_UNKNOWN_VARIABLE', '/footer'],
      ['BATON_E_DOCUMENT_UNKNOWN_FIELD', '/body/1/text/zh-CN'],
      ['BATON_E_DOCUMENT_UNKNOWN_COLUMN', '/body/3/columns/1/value'],
      ['BATON_E_DOCUMENT_UNKNOWN_FIELD', '/body/3/columns/1/value'],
    ]);
    expect(issues[3]?.message).toBe('占位符引用了 "employeeName"，但表单 "offboarding-request" 中没有该字段：请使用该表单中的字段。');
    expect(issues[4]?.messages.en).toContain('The sub-table "customers" has no column "successor"');
  });

  it('checks that a table lists a sub-table, and skips field checks when the form does not resolve', () => {
    const def = copy(leavingCertificate) as Record<string, any>;
    def.body[3].rows = 'reason';
    expect(codesAndPaths(check(def))).toEqual([['BATON_E_DOCUMENT_ROWS_NOT_SUB_TABLE', '/body/3/rows']]);
    def.body[1].text.en = '{{nobody}}';
    expect(check(def, context('en', () => undefined))).toEqual([]);
  });

  it('flags a malformed placeholder', () => {
    const def = copy(leavingCertificate) as Record<string, any>;
    def.body[0].text = { en: 'Certificate {{ employeeId ', 'zh-CN': '离职证明' };
    const [only] = check(def);
    expect(only).toMatchObject({ code: 'BATON_E_DOCUMENT_BAD_PLACEHOLDER', path: '/body/0/text/en' });
  });
});
