import { describe, expect, it } from 'vitest';
import { chainHash, GENESIS_HASH } from './audit-chain.js';

describe('chainHash', () => {
  const entry = { seq: 1, at: '2024-01-01T00:00:00.000Z', actor: 'a', action: 'x', subjectKind: 's', subjectId: '1', data: { b: 1, a: 2 } };

  it('does not depend on key order and changes with any field or the previous hash', () => {
    const same = chainHash(GENESIS_HASH, { ...entry, data: { a: 2, b: 1 } });
    expect(chainHash(GENESIS_HASH, entry)).toBe(same);
    expect(chainHash(GENESIS_HASH, { ...entry, actor: 'b' })).not.toBe(same);
    expect(chainHash('f'.repeat(64), entry)).not.toBe(same);
  });
});
