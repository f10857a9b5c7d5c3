import { canonicalJson } from '@baton/engine';

/**
 * The hashing and signature checks of evidence verification with WebCrypto only (the browser has no
 * node:crypto): SHA-256 of text and bytes, RFC 9162 inclusion proofs, Ed25519 over the server's signed
 * message format. Mirrors runtime-api `src/audit/merkle-tree.ts` and `audit-signer.ts`.
 */

const HEX64 = /^[0-9a-f]{64}$/;
/** WebCrypto's key type, spelt so it also compiles under Node's types (where the verifier is tested). */
type VerifyKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;
const utf8 = new TextEncoder();

export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  return Array.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i += 1) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

async function sha256(...parts: Uint8Array[]): Promise<Uint8Array<ArrayBuffer>> {
  const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    joined.set(p, at);
    at += p.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', joined));
}

/** hex sha256 of the UTF-8 text (what `printf '%s%s' "$prevHash" "$canonical" | sha256sum` prints). */
export async function sha256HexOfText(text: string): Promise<string> {
  return toHex(await sha256(utf8.encode(text)));
}

/** RFC 9162 §2.1.3.2: does the proof lead from the entry hash at `index` of `size` leaves to `rootHex`? */
export async function verifyInclusion(entryHashHex: string, index: number, size: number, proof: readonly string[], rootHex: string): Promise<boolean> {
  if (!Number.isInteger(index) || !Number.isInteger(size) || index < 0 || index >= size) return false;
  if (!HEX64.test(entryHashHex) || !HEX64.test(rootHex)) return false;
  let fn = index;
  let sn = size - 1;
  let r = await sha256(new Uint8Array([0]), fromHex(entryHashHex));
  for (const hex of proof) {
    if (sn === 0 || !HEX64.test(hex)) return false;
    const p = fromHex(hex);
    if (fn % 2 === 1 || fn === sn) {
      r = await sha256(new Uint8Array([1]), p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = await sha256(new Uint8Array([1]), r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && toHex(r) === rootHex;
}

function pemToDer(pem: string): Uint8Array<ArrayBuffer> {
  const base64 = pem.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, '');
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/** Browsers without Ed25519 in WebCrypto (before Chrome 137 / Firefox 129 / Safari 17) cannot check signatures. */
export async function ed25519Supported(): Promise<boolean> {
  try {
    await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
    return true;
  } catch {
    return false;
  }
}

/** An Ed25519 public key from SPKI PEM whose id (first 32 hex of sha256 of its raw 32 bytes) is `keyId`, or null. */
export async function importKeyWithId(pem: string, keyId: string): Promise<VerifyKey | null> {
  try {
    const der = pemToDer(pem);
    // SPKI DER of an Ed25519 key is a fixed 12-byte header followed by the 32 key bytes.
    if (toHex(await sha256(der.subarray(der.length - 32))).slice(0, 32) !== keyId) return null;
    return await crypto.subtle.importKey('spki', der, { name: 'Ed25519' }, false, ['verify']);
  } catch {
    return null;
  }
}

/** Ed25519 over `baton-audit-<kind>/v1\n` + canonical JSON of the content (base64 signature). */
export async function signatureValid(key: VerifyKey, kind: 'checkpoint' | 'head', content: Record<string, unknown>, signatureBase64: string): Promise<boolean> {
  try {
    const signature = Uint8Array.from(atob(signatureBase64), (c) => c.charCodeAt(0));
    return await crypto.subtle.verify({ name: 'Ed25519' }, key, signature, utf8.encode(`baton-audit-${kind}/v1\n${canonicalJson(content)}`));
  } catch {
    return false;
  }
}
