import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createSecretBox, SecretBoxError, type SecretBox } from './secret-box.js';

export const MASTER_KEY_FILE = 'master.key';

/** A key's id in sealed values: a fingerprint, so any process holding the same key finds it by id. */
export function keyFingerprint(key: Buffer): string {
  return createHash('sha256').update('baton-master-key').update(key).digest('hex').slice(0, 12);
}

/** Accepts 64 hex digits or base64/base64url of 32 bytes. */
export function parseMasterKey(raw: string): Buffer {
  const text = raw.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) {
    throw new SecretBoxError('BATON_MASTER_KEY must be 32 bytes as 64 hex digits or base64 (e.g. `openssl rand -base64 32`)');
  }
  return key;
}

/** BATON_MASTER_KEY and BATON_MASTER_KEY_PREVIOUS, as RuntimeConfig carries them. */
export interface MasterKeySettings {
  masterKey?: string | undefined;
  previousMasterKey?: string | undefined;
}

/**
 * The process's secret box. BATON_MASTER_KEY wins (required when several machines share one database);
 * otherwise a key is generated once into `<dataDir>/master.key` with mode 0600 and reused on every start.
 * BATON_MASTER_KEY_PREVIOUS (optional) still opens values sealed before a rotation.
 */
export function loadSecretBox(settings: MasterKeySettings, dataDir: string): SecretBox {
  const keys = new Map<string, Buffer>();
  const add = (key: Buffer): string => {
    const id = keyFingerprint(key);
    keys.set(id, key);
    return id;
  };
  const previous = settings.previousMasterKey?.trim();
  if (previous) add(parseMasterKey(previous));
  const fromEnv = settings.masterKey?.trim();
  if (fromEnv) return createSecretBox(keys, add(parseMasterKey(fromEnv)));
  const file = path.join(dataDir, MASTER_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    // 'wx' fails if another process created it meanwhile; then we read theirs below.
    try {
      writeFileSync(file, randomBytes(32).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return createSecretBox(keys, add(parseMasterKey(readFileSync(file, 'utf8'))));
}
