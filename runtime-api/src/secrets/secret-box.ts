import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for values kept at rest (secret form fields, connector credentials).
 * Sealed form: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts). The key id lets a rotated master key
 * coexist with values sealed under the old one; the associated data binds a value to where it is stored
 * (e.g. "connector:crm/apiKey"), so a ciphertext copied into another row does not decrypt there.
 */
export interface SecretBox {
  readonly keyId: string;
  seal(plaintext: string, associatedData: string): string;
  open(sealed: string, associatedData: string): string;
  isSealed(value: unknown): value is string;
}

const PREFIX = 'v1.';

/** Whether a value has the sealed form (a format check: it does not prove the value opens). */
export function isSealedSecret(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(PREFIX) && value.split('.').length === 5;
}

export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

/** `keys` maps key id → 32-byte key; `current` names the one new values are sealed with. */
export function createSecretBox(keys: ReadonlyMap<string, Buffer>, current: string): SecretBox {
  for (const [id, key] of keys) {
    if (key.length !== 32) throw new SecretBoxError(`master key "${id}" must be 32 bytes (got ${key.length})`);
    if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new SecretBoxError(`master key id "${id}" may hold only letters, digits, _ and -`);
  }
  const currentKey = keys.get(current);
  if (!currentKey) throw new SecretBoxError(`no master key with id "${current}"`);
  return {
    keyId: current,
    seal(plaintext, associatedData) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', currentKey, iv);
      cipher.setAAD(Buffer.from(associatedData, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'));
      return `${PREFIX}${current}.${parts.join('.')}`;
    },
    open(sealed, associatedData) {
      const parts = sealed.split('.');
      if (parts.length !== 5 || parts[0] !== 'v1') throw new SecretBoxError('not a sealed secret');
      const [, keyId, iv, tag, body] = parts as [string, string, string, string, string];
      const key = keys.get(keyId);
      if (!key) throw new SecretBoxError(`sealed with master key "${keyId}", which this process does not have`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(associatedData, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretBoxError('sealed secret failed authentication (wrong key, wrong place, or altered)');
      }
    },
    isSealed: isSealedSecret,
  };
}
