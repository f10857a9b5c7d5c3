import { describe, expect, it } from 'vitest';
import { isUnsigned, unsignedSignatureError, unsignedSignatures } from './unsigned-signatures.js';

const forms = [
  {
    schema: {
      type: 'object',
      required: ['ndaSignature', 'ndaSignedOn'],
      properties: { ndaSignature: { type: 'object', title: '签名' }, witness: { type: 'object' }, ndaSignedOn: { type: 'string' }, hrSignature: { type: 'object' } },
    },
    uiSchema: {
      ndaSignature: { 'ui:widget': 'signature-pad', 'ui:title': '签名' },
      witness: { 'ui:widget': 'signature-pad', 'ui:title': '见证人' },
      ndaSignedOn: { 'ui:widget': 'date' },
      hrSignature: { 'ui:widget': 'signature-pad', 'ui:readonly': true },
    },
  },
];
const signed = { fileId: 'f-1', sha256: 'a'.repeat(64), signedAt: '2030-06-20T02:00:00.000Z' };

describe('unsigned required signature pads (client side, before a decision is sent)', () => {
  it('an untouched pad ({}) or none at all is "Please sign here" at /data/<field>, in the reader\'s language', () => {
    for (const value of [undefined, {}, { signerId: 'u1' }]) {
      expect(unsignedSignatures(forms, { ndaSignature: value }, 'zh-CN').map((i) => [i.code, i.path, i.message])).toEqual([
        ['BATON_E_FORM_SIGNATURE_REQUIRED', '/data/ndaSignature', '请在此签名（签名）。'],
      ]);
    }
    expect(unsignedSignatures(forms, {}, 'en')[0]?.message).toBe('Please sign here (签名).');
  });

  it('says nothing once signed, and nothing about optional or read-only pads or other required fields', () => {
    expect(unsignedSignatures(forms, { ndaSignature: signed, witness: {} }, 'en')).toEqual([]);
    expect(unsignedSignatureError(forms, { ndaSignature: signed }, 'en')).toBeNull();
  });

  it('is an error the page shows like the server\'s refusal: code, issues with paths, the first message', () => {
    const error = unsignedSignatureError(forms, { ndaSignature: {} }, 'zh-CN');
    expect(error).toMatchObject({ code: 'BATON_E_FORM_SIGNATURE_REQUIRED', path: '/data/ndaSignature', message: '请在此签名（签名）。' });
    expect(error?.issues.map((i) => i.path)).toEqual(['/data/ndaSignature']);
  });

  it('tells an image from no image', () => {
    expect(isUnsigned(signed)).toBe(false);
    expect(isUnsigned({ fileId: '' })).toBe(true);
    expect(isUnsigned('text')).toBe(false);
  });

  it('checks a sub-table\'s required signature column in every row, each at its cell, in the reader\'s language', () => {
    const table = [
      {
        schema: {
          type: 'object',
          properties: {
            accounts: {
              type: 'array',
              title: 'Accounts',
              items: {
                type: 'object',
                required: ['system', 'signature'],
                properties: { system: { type: 'string' }, signature: { type: 'object', title: 'Owner signature' }, witness: { type: 'object' }, hrSignature: { type: 'object' } },
              },
            },
          },
        },
        uiSchema: {
          accounts: {
            'ui:title': '账号',
            items: {
              system: { 'ui:widget': 'text' },
              signature: { 'ui:widget': 'signature-pad', 'ui:title': '签名' },
              witness: { 'ui:widget': 'signature-pad' },
              hrSignature: { 'ui:widget': 'signature-pad', 'ui:readonly': true },
            },
          },
        },
      },
    ];
    const rows = [{ system: 'crm', signature: signed }, { system: 'erp' }, { system: 'mail', signature: {}, witness: {} }];
    expect(unsignedSignatures(table, { accounts: rows }, 'zh-CN').map((i) => [i.code, i.path, i.message])).toEqual([
      ['BATON_E_FORM_SIGNATURE_REQUIRED', '/data/accounts/1/signature', '请在此签名（账号第 2 行的签名）。'],
      ['BATON_E_FORM_SIGNATURE_REQUIRED', '/data/accounts/2/signature', '请在此签名（账号第 3 行的签名）。'],
    ]);
    expect(unsignedSignatures(table, { accounts: rows }, 'en')[0]?.message).toBe('Please sign here (账号 row 2, 签名).');
    const error = unsignedSignatureError(table, { accounts: [{ system: 'erp', signature: null }] }, 'en');
    expect(error).toMatchObject({ code: 'BATON_E_FORM_SIGNATURE_REQUIRED', path: '/data/accounts/0/signature' });
    // No rows, every row signed, or a table this step may only read: nothing to sign.
    expect(unsignedSignatures(table, {}, 'en')).toEqual([]);
    expect(unsignedSignatures(table, { accounts: [{ signature: signed }] }, 'en')).toEqual([]);
    const readOnly = [{ ...table[0]!, uiSchema: { accounts: { ...table[0]!.uiSchema.accounts, 'ui:readonly': true } } }];
    expect(unsignedSignatures(readOnly, { accounts: rows }, 'en')).toEqual([]);
  });

  it('names a cell by the schema titles when the uiSchema has none, and escapes keys in the path', () => {
    const table = [
      {
        schema: { type: 'object', properties: { 'a/b': { type: 'array', title: 'Handover', items: { type: 'object', required: ['sig'], properties: { sig: { type: 'object', title: 'Signature' } } } } } },
        uiSchema: { 'a/b': { items: { sig: { 'ui:widget': 'signature-pad' } } } },
      },
    ];
    expect(unsignedSignatures(table, { 'a/b': [{}] }, 'en').map((i) => [i.path, i.message])).toEqual([['/data/a~1b/0/sig', 'Please sign here (Handover row 1, Signature).']]);
  });
});
