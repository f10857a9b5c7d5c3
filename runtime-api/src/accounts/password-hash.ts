import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * scrypt parameters (RFC 7914) for new hashes: N = 2^15, r = 8, p = 1 — OWASP's minimum recommendation
 * (~32 MiB and ~50–100 ms per hash on a server core), a 16-byte random salt per password and a 32-byte key.
 * Each stored hash names its own parameters, so raising them later keeps old hashes verifiable (and
 * `needsRehash` tells the caller to upgrade one at the next sign-in).
 */
export interface ScryptParams {
  log2N: number;
  r: number;
  p: number;
  saltBytes: number;
  keyBytes: number;
}

export const SCRYPT_PARAMS: Readonly<ScryptParams> = { log2N: 15, r: 8, p: 1, saltBytes: 16, keyBytes: 32 };

interface Parsed {
  log2N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function derive(password: string, salt: Buffer, log2N: number, r: number, p: number, keyBytes: number): Promise<Buffer> {
  const N = 2 ** log2N;
  // maxmem must exceed 128 * N * r bytes, or Node refuses the parameters.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyBytes, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

function parse(stored: string): Parsed | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [log2N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![log2N, r, p].every((n) => Number.isInteger(n) && n > 0) || log2N > 22) return null;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const key = Buffer.from(parts[5]!, 'base64url');
  if (salt.length < 8 || key.length < 16) return null;
  return { log2N, r, p, salt, key };
}

/** A new hash string for `password`, with a fresh salt. */
export async function hashPassword(password: string, params: Readonly<ScryptParams> = SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(params.saltBytes);
  const key = await derive(password, salt, params.log2N, params.r, params.p, params.keyBytes);
  return ['scrypt', params.log2N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Compares in constant time; a malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.log2N, parsed.r, parsed.p, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

/** True when the hash was made with weaker parameters than today's. */
export function needsRehash(stored: string, params: Readonly<ScryptParams> = SCRYPT_PARAMS): boolean {
  const parsed = parse(stored);
  return !parsed || parsed.log2N < params.log2N || parsed.r < params.r || parsed.key.length < params.keyBytes;
}

let dummy: Promise<string> | undefined;
/**
 * Runs one scrypt for a username that has no account, so an unknown name answers as slowly as a wrong
 * password (the timing does not tell which usernames exist).
 */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword('baton-dummy-password');
  await verifyPassword(password, await dummy);
}
