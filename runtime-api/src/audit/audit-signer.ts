import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { canonicalJson } from '@baton/engine';

export const AUDIT_SIGNING_KEY_FILE = 'audit-signing-key.pem';

/** What is signed, by kind: a prefix per kind so a head signature can never pass for a checkpoint's. */
export type SignedKind = 'head' | 'checkpoint';

/** The exact bytes an Ed25519 signature covers: `baton-audit-<kind>/v1\n` + canonical JSON. */
export function signedMessage(kind: SignedKind, content: Record<string, unknown>): Buffer {
  return Buffer.from(`baton-audit-${kind}/v1\n${canonicalJson(content)}`, 'utf8');
}

/** A public key's id: the first 32 hex digits of sha256 of its raw 32 bytes. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(rawPublicKey(publicKey)).digest('hex').slice(0, 32);
}

function rawPublicKey(publicKey: KeyObject): Buffer {
  // SPKI DER of an Ed25519 key is a fixed 12-byte header followed by the 32 key bytes.
  return publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
}

export function publicKeyPem(publicKey: KeyObject): string {
  return publicKey.export({ format: 'pem', type: 'spki' }).toString();
}

export interface AuditSigner {
  keyId: string;
  /** SPKI PEM: what an offline verifier (or `openssl pkeyutl -verify`) needs. */
  publicKeyPem: string;
  sign(kind: SignedKind, content: Record<string, unknown>): string;
}

/** Checks a base64 Ed25519 signature made by `AuditSigner.sign`. */
export function verifySignature(publicKeyPemText: string, kind: SignedKind, content: Record<string, unknown>, signature: string): boolean {
  try {
    const key = createPublicKey(publicKeyPemText);
    if (key.asymmetricKeyType !== 'ed25519') return false;
    return verify(null, signedMessage(kind, content), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** The key id of a PEM public key, or null when it is not an Ed25519 key. */
export function keyIdOfPem(publicKeyPemText: string): string | null {
  try {
    const key = createPublicKey(publicKeyPemText);
    return key.asymmetricKeyType === 'ed25519' ? keyIdOf(key) : null;
  } catch {
    return null;
  }
}

// PKCS#8 DER of an Ed25519 private key: this fixed prefix, then the 32-byte seed (RFC 8410).
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * BATON_AUDIT_SIGNING_KEY: a PKCS#8 PEM Ed25519 private key (`openssl genpkey -algorithm ed25519`), or its
 * 32-byte seed as 64 hex digits or base64.
 */
export function parseSigningKey(raw: string): KeyObject {
  const text = raw.trim();
  let key: KeyObject;
  try {
    if (text.startsWith('-----BEGIN')) {
      key = createPrivateKey(text.replace(/\\n/g, '\n'));
    } else {
      const seed = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
      if (seed.length !== 32) throw new Error('not 32 bytes');
      key = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
    }
  } catch {
    throw new Error('BATON_AUDIT_SIGNING_KEY must be an Ed25519 private key: PKCS#8 PEM (openssl genpkey -algorithm ed25519) or a 32-byte seed as 64 hex digits or base64');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('BATON_AUDIT_SIGNING_KEY must be an Ed25519 key');
  return key;
}

export function createAuditSigner(privateKey: KeyObject): AuditSigner {
  const publicKey = createPublicKey(privateKey);
  return {
    keyId: keyIdOf(publicKey),
    publicKeyPem: publicKeyPem(publicKey),
    sign: (kind, content) => sign(null, signedMessage(kind, content), privateKey).toString('base64'),
  };
}

/**
 * The process's audit signer: BATON_AUDIT_SIGNING_KEY when set (give every process behind a balancer the
 * same key), else a key generated once into `<dataDir>/audit-signing-key.pem` with mode 0600.
 */
export function loadAuditSigner(signingKey: string | undefined, dataDir: string): AuditSigner {
  if (signingKey?.trim()) return createAuditSigner(parseSigningKey(signingKey));
  const file = path.join(dataDir, AUDIT_SIGNING_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    try {
      // 'wx': another process that created it first wins; we read theirs below.
      writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return createAuditSigner(parseSigningKey(readFileSync(file, 'utf8')));
}
