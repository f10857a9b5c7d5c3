import { describe, expect, it } from 'vitest';
import { maskSecrets } from './masked-secret.js';
import { createSecretBox } from './secret-box.js';
import { SecretCodec, secretAssociatedData } from './secret-codec.js';

const box = createSecretBox(new Map([['k', Buffer.alloc(32, 9)]]), 'k');
const paths = ['iban', 'accounts.password'];

describe('secret codec', () => {
  it('binds a value to its place and field, not to its row', () => {
    expect(secretAssociatedData('instance:i1', 'iban')).toBe('instance:i1/data/iban');
    expect(secretAssociatedData('record:r1', 'accounts.password')).toBe('record:r1/data/accounts/*/password');
  });

  it('seals every clear value at the secret paths and nothing else', () => {
    const codec = new SecretCodec(box, 'instance:i1', paths);
    const sealed = codec.sealSubmitted({ iban: 'DE02', note: 'DE02', accounts: [{ system: 'erp', password: 'pw1' }, { system: 'crm' }] }, {});
    expect(sealed.note).toBe('DE02');
    expect(box.isSealed(sealed.iban)).toBe(true);
    const rows = sealed.accounts as Array<Record<string, unknown>>;
    expect(box.isSealed(rows[0]!.password)).toBe(true);
    expect(rows[1]).toEqual({ system: 'crm' });
    expect(box.open(rows[0]!.password as string, 'instance:i1/data/accounts/*/password')).toBe('pw1');
  });

  it('turns a mask back into the value it names, wherever its row moved, and keeps unchanged values as stored', () => {
    const first = new SecretCodec(box, 'instance:i1', paths).sealSubmitted({ iban: 'DE02', accounts: [{ password: 'a' }, { password: 'b' }] }, {});
    const shown = maskSecrets(first) as { iban: unknown; accounts: Array<{ password: unknown }> };
    const codec = new SecretCodec(box, 'instance:i1', paths);
    const again = codec.sealSubmitted({ iban: 'DE02', accounts: [shown.accounts[1]!, shown.accounts[0]!, { password: 'c' }] }, first);
    const before = first.accounts as Array<{ password: string }>;
    const after = again.accounts as Array<{ password: string }>;
    expect(again.iban).toBe(first.iban);
    expect(after[0]!.password).toBe(before[1]!.password);
    expect(after[1]!.password).toBe(before[0]!.password);
    expect(codec.open(again)).toEqual({ iban: 'DE02', accounts: [{ password: 'b' }, { password: 'a' }, { password: 'c' }] });
    expect(() => codec.sealSubmitted({ iban: { sealed: true, masked: '••••••', ref: 'elsewhere' } }, first)).toThrow(/BATON_E_SECRET_MASK_UNKNOWN|stands for no stored secret/);
  });

  it('does not open a value copied to another place, and leaves it sealed for validation', () => {
    const elsewhere = new SecretCodec(box, 'instance:i2', paths).sealSubmitted({ iban: 'DE02' }, {});
    const codec = new SecretCodec(box, 'instance:i1', paths);
    expect(codec.open(elsewhere).iban).toBe(elsewhere.iban);
    // A value it could not open is never sealed a second time.
    expect(codec.seal(codec.open(elsewhere)).iban).toBe(elsewhere.iban);
  });
});
