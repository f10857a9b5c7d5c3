import fs from 'node:fs/promises';
import path from 'node:path';
import type { AuditSigner } from './audit-signer.js';
import { verifySignature } from './audit-signer.js';

/** The chain head as signed outside the database: a deleted tail leaves the DB behind this. */
export interface SignedHead {
  chainId: string;
  seq: number;
  hash: string;
  at: string;
  keyId: string;
  /** base64 Ed25519 over `baton-audit-head/v1\n` + canonical JSON of { chainId, seq, hash, at }. */
  signature: string;
}

export function signHead(signer: AuditSigner, head: { chainId: string; seq: number; hash: string; at: string }): SignedHead {
  const content = { chainId: head.chainId, seq: head.seq, hash: head.hash, at: head.at };
  return { ...content, keyId: signer.keyId, signature: signer.sign('head', content) };
}

export function headSignatureValid(head: SignedHead, publicKeyPem: string): boolean {
  return verifySignature(publicKeyPem, 'head', { chainId: head.chainId, seq: head.seq, hash: head.hash, at: head.at }, head.signature);
}

function asSignedHead(value: unknown): SignedHead | null {
  const v = value as Partial<SignedHead> | null;
  if (!v || typeof v !== 'object') return null;
  if (typeof v.chainId !== 'string' || typeof v.hash !== 'string' || typeof v.at !== 'string') return null;
  if (typeof v.keyId !== 'string' || typeof v.signature !== 'string' || !Number.isInteger(v.seq)) return null;
  return { chainId: v.chainId, seq: v.seq!, hash: v.hash, at: v.at, keyId: v.keyId, signature: v.signature };
}

/** Appends one head as a JSON line (O_APPEND: lines from several writers never interleave). */
export async function appendHeadFile(file: string, head: SignedHead): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.appendFile(file, JSON.stringify(head) + '\n', { encoding: 'utf8', flag: 'a' });
}

const TAIL_BYTES = 256 * 1024;

/**
 * The newest head of `chainId` in the file: the one with the highest seq among the last 256 KiB of lines
 * (thousands of heads; the file only grows). Heads of other chains (another database that shared the data
 * folder, a test) are ignored. null when there is none.
 */
export async function readLatestHead(file: string, chainId: string): Promise<SignedHead | null> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - TAIL_BYTES);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    let best: SignedHead | null = null;
    for (const line of buffer.toString('utf8').split('\n')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        continue; // the first line may be cut by the tail window
      }
      const head = asSignedHead(parsed);
      if (head && head.chainId === chainId && (!best || head.seq >= best.seq)) best = head;
    }
    return best;
  } finally {
    await handle.close();
  }
}

/** POSTs the head as JSON to an external collector; throws on a non-2xx answer or after `timeoutMs`. */
export async function postHead(url: string, head: SignedHead, timeoutMs = 5000): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(head),
    signal: AbortSignal.timeout(timeoutMs),
  });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`the audit head endpoint answered ${res.status}`);
}
