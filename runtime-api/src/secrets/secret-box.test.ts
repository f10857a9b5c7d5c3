import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSecretBox, MASTER_KEY_FILE } from './master-key.js';
import { createSecretBox } from './secret-box.js';

const key = (byte: number) => Buffer.alloc(32, byte);

describe('secret box', () => {
  it('round-trips and never leaves the plaintext in the sealed value', () => {
    const box = createSecretBox(new Map([['a', key(1)]]), 'a');
    const sealed = box.seal('身份证 110101199003074514', 'records:r1/idNumber');
    expect(sealed).not.toContain('110101');
    expect(box.isSealed(sealed)).toBe(true);
    expect(box.open(sealed, 'records:r1/idNumber')).toBe('身份证 110101199003074514');
  });

  it('refuses a value moved to another place, altered, or sealed under an unknown key', () => {
    const box = createSecretBox(new Map([['a', key(1)]]), 'a');
    const sealed = box.seal('s3cret', 'connector:crm/apiKey');
    expect(() => box.open(sealed, 'connector:erp/apiKey')).toThrow(/failed authentication/);
    const parts = sealed.split('.');
    parts[4] = Buffer.from('x').toString('base64url');
    expect(() => box.open(parts.join('.'), 'connector:crm/apiKey')).toThrow(/failed authentication/);
    const other = createSecretBox(new Map([['b', key(2)]]), 'b');
    expect(() => other.open(sealed, 'connector:crm/apiKey')).toThrow(/master key "a"/);
  });

  it('opens values sealed under the previous key after a rotation', () => {
    const old = loadSecretBox({ masterKey: key(1).toString('hex') }, '/nonexistent');
    const sealed = old.seal('v', 'x');
    const rotated = loadSecretBox({ masterKey: key(3).toString('base64'), previousMasterKey: key(1).toString('hex') }, '/nonexistent');
    expect(rotated.keyId).not.toBe(old.keyId);
    expect(rotated.open(sealed, 'x')).toBe('v');
    expect(rotated.open(rotated.seal('w', 'x'), 'x')).toBe('w');
  });

  it('generates one key file with mode 0600 in the data folder and reuses it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'baton-key-'));
    const first = loadSecretBox({}, dir);
    const sealed = first.seal('v', 'x');
    const file = path.join(dir, MASTER_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = loadSecretBox({}, dir);
    expect(again.open(sealed, 'x')).toBe('v');
    expect(readFileSync(file, 'utf8').trim().length).toBeGreaterThan(40);
  });

  it('rejects a master key of the wrong size with a sentence saying how to make one', () => {
    expect(() => loadSecretBox({ masterKey: 'short' }, '/nonexistent')).toThrow(/openssl rand -base64 32/);
  });
});
