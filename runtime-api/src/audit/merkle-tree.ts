import { createHash } from 'node:crypto';

/**
 * The Merkle tree of RFC 6962 / RFC 9162 (Certificate Transparency) over audit entry hashes. A checkpoint
 * signs the root of its range of entries, and an inclusion proof (a handful of sibling hashes) then shows
 * that one entry is in that range without revealing any other entry's content: evidence for one
 * instance can be verified offline without handing out everyone else's audit data.
 *
 * Leaves are the entries' chain hashes (hex of 32 bytes). Domain separation: leaf = H(0x00 ‖ hash),
 * node = H(0x01 ‖ left ‖ right), so a leaf can never pass for an inner node.
 */

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

function sha256(...parts: Buffer[]): Buffer {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

export function leafHash(entryHashHex: string): Buffer {
  return sha256(LEAF, Buffer.from(entryHashHex, 'hex'));
}

function nodeHash(left: Buffer, right: Buffer): Buffer {
  return sha256(NODE, left, right);
}

/**
 * All levels, bottom (leaf hashes) to top (the root alone). Pairing left to right and carrying an
 * unpaired last node up unchanged gives exactly RFC 6962's MTH (split at the largest power of two).
 */
function levels(entryHashes: readonly string[]): Buffer[][] {
  if (entryHashes.length === 0) throw new Error('a Merkle tree needs at least one leaf');
  const out: Buffer[][] = [entryHashes.map(leafHash)];
  for (let level = out[0]!; level.length > 1; ) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? nodeHash(level[i]!, level[i + 1]!) : level[i]!);
    out.push(next);
    level = next;
  }
  return out;
}

/** Root of the tree over the entry hashes, hex. */
export function merkleRoot(entryHashes: readonly string[]): string {
  const all = levels(entryHashes);
  return all[all.length - 1]![0]!.toString('hex');
}

/** A tree built once, from which the inclusion proofs of several leaves are read. */
export class MerkleTree {
  readonly #levels: Buffer[][];
  constructor(entryHashes: readonly string[]) {
    this.#levels = levels(entryHashes);
  }

  get size(): number {
    return this.#levels[0]!.length;
  }

  get root(): string {
    return this.#levels[this.#levels.length - 1]![0]!.toString('hex');
  }

  /** The audit path of leaf `index` (RFC 9162 §2.1.3.1), bottom up, hex. */
  proof(index: number): string[] {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) throw new Error(`leaf ${index} is outside the tree`);
    const path: string[] = [];
    let i = index;
    for (const level of this.#levels.slice(0, -1)) {
      const sibling = i ^ 1;
      if (sibling < level.length) path.push(level[sibling]!.toString('hex'));
      i >>= 1;
    }
    return path;
  }
}

/** Checks an inclusion proof (RFC 9162 §2.1.3.2): the leaf at `index` of a tree of `size` leaves has `root`. */
export function verifyInclusion(entryHashHex: string, index: number, size: number, proof: readonly string[], rootHex: string): boolean {
  if (!Number.isInteger(index) || !Number.isInteger(size) || index < 0 || index >= size) return false;
  if (!/^[0-9a-f]{64}$/.test(entryHashHex) || !/^[0-9a-f]{64}$/.test(rootHex)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash(entryHashHex);
  for (const hex of proof) {
    if (sn === 0 || !/^[0-9a-f]{64}$/.test(hex)) return false;
    const p = Buffer.from(hex, 'hex');
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.toString('hex') === rootHex;
}
