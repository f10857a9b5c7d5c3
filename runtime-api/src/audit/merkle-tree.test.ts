import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { leafHash, MerkleTree, merkleRoot, verifyInclusion } from './merkle-tree.js';

const h = (i: number) => createHash('sha256').update(`entry ${i}`).digest('hex');

// RFC 6962 §2.1 written literally (split at the largest power of two below n), to check the level builder.
function mth(hashes: string[]): Buffer {
  if (hashes.length === 1) return leafHash(hashes[0]!);
  let k = 1;
  while (k * 2 < hashes.length) k *= 2;
  return createHash('sha256').update(Buffer.from([1])).update(mth(hashes.slice(0, k))).update(mth(hashes.slice(k))).digest();
}

describe('Merkle tree (RFC 6962)', () => {
  it('has the root of the recursive definition for every size up to 70', () => {
    for (let n = 1; n <= 70; n += 1) {
      const hashes = Array.from({ length: n }, (_, i) => h(i));
      expect(merkleRoot(hashes), `size ${n}`).toBe(mth(hashes).toString('hex'));
    }
  });

  it('proves every leaf of every size up to 40, and refuses a wrong leaf, index or root', () => {
    for (let n = 1; n <= 40; n += 1) {
      const hashes = Array.from({ length: n }, (_, i) => h(i));
      const tree = new MerkleTree(hashes);
      for (let i = 0; i < n; i += 1) {
        const proof = tree.proof(i);
        expect(verifyInclusion(hashes[i]!, i, n, proof, tree.root), `leaf ${i} of ${n}`).toBe(true);
        expect(verifyInclusion(h(1000), i, n, proof, tree.root)).toBe(false);
        if (n > 1) expect(verifyInclusion(hashes[i]!, (i + 1) % n, n, proof, tree.root)).toBe(false);
        expect(verifyInclusion(hashes[i]!, i, n, proof, h(2000))).toBe(false);
      }
    }
  });
});
