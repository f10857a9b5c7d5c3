import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from './password-hash.js';

// Small parameters keep the test fast; production parameters are checked by the API test's stored hash.
const FAST = { log2N: 10, r: 8, p: 1, saltBytes: 16, keyBytes: 32 } as const;

describe('scrypt password hashes', () => {
  it('verifies the right password only, salts every hash, and names its parameters', async () => {
    const a = await hashPassword('密码 secret', FAST);
    const b = await hashPassword('密码 secret', FAST);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$10\$8\$1\$/);
    expect(await verifyPassword('密码 secret', a)).toBe(true);
    expect(await verifyPassword('密码 secreT', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('never matches a malformed hash and asks to rehash weak parameters', async () => {
    for (const bad of ['', 'scrypt$15$8$1$', 'bcrypt$x', 'scrypt$99$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
      expect(await verifyPassword('x', bad)).toBe(false);
    }
    expect(needsRehash(await hashPassword('x', FAST))).toBe(true);
    expect(needsRehash('garbage')).toBe(true);
  });
});
