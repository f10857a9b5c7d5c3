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
});
